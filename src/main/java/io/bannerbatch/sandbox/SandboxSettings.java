package io.bannerbatch.sandbox;

import java.time.Duration;
import java.util.Set;

/**
 * How the sandbox behaves: where it listens, how fast it lets clients go, how long generations take and which faults
 * it injects. All randomness comes from one {@link java.util.Random} seeded with {@code seed}, so a run is repeatable.
 *
 * @param port the loopback port, 0 for any free port
 * @param rateLimitPerSecond API calls allowed per second, all endpoints together; 0 or less for no limit
 * @param minDuration the shortest time a generation request takes to finalize
 * @param maxDuration the longest time a generation request takes to finalize
 * @param formatFailureRate the fraction of generated formats that fail and appear in {@code errors[]}
 * @param serverErrorRate the fraction of API calls answered 500
 * @param slowCallRate the fraction of API calls delayed by {@code slowCallDelay}
 * @param slowCallDelay how long a slow call waits before answering
 * @param seed the seed of the sandbox's random source
 * @param apiStyle the API the sandbox plays
 * @param apiKey the only accepted {@code x-api-key}, or {@code null} to accept any non-empty key
 * @param creditsAfterGenerations successful generate calls before the workspace runs out of credits, 0 for never
 * @param expireAfter how long a generation request stays available, or {@code null} for ever
 * @param designTypesNotInPlan design types (e.g. {@code animated}) whose generation answers 429
 * {@code feature_not_in_plan}
 */
public record SandboxSettings(int port, double rateLimitPerSecond, Duration minDuration, Duration maxDuration,
		double formatFailureRate, double serverErrorRate, double slowCallRate, Duration slowCallDelay, long seed,
		ApiStyle apiStyle, String apiKey, int creditsAfterGenerations, Duration expireAfter,
		Set<String> designTypesNotInPlan) {

	public SandboxSettings {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
		}
		requireNonNegative("minDuration", minDuration);
		requireNonNegative("maxDuration", maxDuration);
		if (maxDuration.compareTo(minDuration) < 0) {
			throw new IllegalArgumentException(
					"maxDuration (" + maxDuration + ") must not be shorter than minDuration (" + minDuration + ")");
		}
		requireRate("formatFailureRate", formatFailureRate);
		requireRate("serverErrorRate", serverErrorRate);
		requireRate("slowCallRate", slowCallRate);
		requireNonNegative("slowCallDelay", slowCallDelay);
		if (apiStyle == null) {
			throw new IllegalArgumentException("apiStyle is required");
		}
		if (creditsAfterGenerations < 0) {
			throw new IllegalArgumentException("creditsAfterGenerations must not be negative");
		}
		if (expireAfter != null) {
			requireNonNegative("expireAfter", expireAfter);
		}
		designTypesNotInPlan = (designTypesNotInPlan != null) ? Set.copyOf(designTypesNotInPlan) : Set.of();
	}

	/**
	 * Any free port, 5 calls/s, generations of 1 to 6 s, no injected faults, seed 42, today's API, any key, unlimited
	 * credits, requests that never expire, every design type in the plan.
	 */
	public static SandboxSettings defaults() {
		return new SandboxSettings(0, 5, Duration.ofSeconds(1), Duration.ofSeconds(6), 0, 0, 0, Duration.ofSeconds(2),
				42, ApiStyle.CURRENT, null, 0, null, Set.of());
	}

	public SandboxSettings withPort(int port) {
		return new SandboxSettings(port, this.rateLimitPerSecond, this.minDuration, this.maxDuration,
				this.formatFailureRate, this.serverErrorRate, this.slowCallRate, this.slowCallDelay, this.seed,
				this.apiStyle, this.apiKey, this.creditsAfterGenerations, this.expireAfter, this.designTypesNotInPlan);
	}

	public SandboxSettings withRateLimitPerSecond(double rateLimitPerSecond) {
		return new SandboxSettings(this.port, rateLimitPerSecond, this.minDuration, this.maxDuration,
				this.formatFailureRate, this.serverErrorRate, this.slowCallRate, this.slowCallDelay, this.seed,
				this.apiStyle, this.apiKey, this.creditsAfterGenerations, this.expireAfter, this.designTypesNotInPlan);
	}

	public SandboxSettings withDurations(Duration minDuration, Duration maxDuration) {
		return new SandboxSettings(this.port, this.rateLimitPerSecond, minDuration, maxDuration,
				this.formatFailureRate, this.serverErrorRate, this.slowCallRate, this.slowCallDelay, this.seed,
				this.apiStyle, this.apiKey, this.creditsAfterGenerations, this.expireAfter, this.designTypesNotInPlan);
	}

	public SandboxSettings withFormatFailureRate(double formatFailureRate) {
		return new SandboxSettings(this.port, this.rateLimitPerSecond, this.minDuration, this.maxDuration,
				formatFailureRate, this.serverErrorRate, this.slowCallRate, this.slowCallDelay, this.seed,
				this.apiStyle, this.apiKey, this.creditsAfterGenerations, this.expireAfter, this.designTypesNotInPlan);
	}

	public SandboxSettings withServerErrorRate(double serverErrorRate) {
		return new SandboxSettings(this.port, this.rateLimitPerSecond, this.minDuration, this.maxDuration,
				this.formatFailureRate, serverErrorRate, this.slowCallRate, this.slowCallDelay, this.seed,
				this.apiStyle, this.apiKey, this.creditsAfterGenerations, this.expireAfter, this.designTypesNotInPlan);
	}

	public SandboxSettings withSlowCalls(double slowCallRate, Duration slowCallDelay) {
		return new SandboxSettings(this.port, this.rateLimitPerSecond, this.minDuration, this.maxDuration,
				this.formatFailureRate, this.serverErrorRate, slowCallRate, slowCallDelay, this.seed, this.apiStyle,
				this.apiKey, this.creditsAfterGenerations, this.expireAfter, this.designTypesNotInPlan);
	}

	public SandboxSettings withSeed(long seed) {
		return new SandboxSettings(this.port, this.rateLimitPerSecond, this.minDuration, this.maxDuration,
				this.formatFailureRate, this.serverErrorRate, this.slowCallRate, this.slowCallDelay, seed,
				this.apiStyle, this.apiKey, this.creditsAfterGenerations, this.expireAfter, this.designTypesNotInPlan);
	}

	public SandboxSettings withApiStyle(ApiStyle apiStyle) {
		return new SandboxSettings(this.port, this.rateLimitPerSecond, this.minDuration, this.maxDuration,
				this.formatFailureRate, this.serverErrorRate, this.slowCallRate, this.slowCallDelay, this.seed,
				apiStyle, this.apiKey, this.creditsAfterGenerations, this.expireAfter, this.designTypesNotInPlan);
	}

	public SandboxSettings withApiKey(String apiKey) {
		return new SandboxSettings(this.port, this.rateLimitPerSecond, this.minDuration, this.maxDuration,
				this.formatFailureRate, this.serverErrorRate, this.slowCallRate, this.slowCallDelay, this.seed,
				this.apiStyle, apiKey, this.creditsAfterGenerations, this.expireAfter, this.designTypesNotInPlan);
	}

	public SandboxSettings withCreditsAfterGenerations(int creditsAfterGenerations) {
		return new SandboxSettings(this.port, this.rateLimitPerSecond, this.minDuration, this.maxDuration,
				this.formatFailureRate, this.serverErrorRate, this.slowCallRate, this.slowCallDelay, this.seed,
				this.apiStyle, this.apiKey, creditsAfterGenerations, this.expireAfter, this.designTypesNotInPlan);
	}

	public SandboxSettings withExpireAfter(Duration expireAfter) {
		return new SandboxSettings(this.port, this.rateLimitPerSecond, this.minDuration, this.maxDuration,
				this.formatFailureRate, this.serverErrorRate, this.slowCallRate, this.slowCallDelay, this.seed,
				this.apiStyle, this.apiKey, this.creditsAfterGenerations, expireAfter, this.designTypesNotInPlan);
	}

	public SandboxSettings withDesignTypesNotInPlan(Set<String> designTypesNotInPlan) {
		return new SandboxSettings(this.port, this.rateLimitPerSecond, this.minDuration, this.maxDuration,
				this.formatFailureRate, this.serverErrorRate, this.slowCallRate, this.slowCallDelay, this.seed,
				this.apiStyle, this.apiKey, this.creditsAfterGenerations, this.expireAfter, designTypesNotInPlan);
	}

	private static void requireNonNegative(String name, Duration duration) {
		if (duration == null || duration.isNegative()) {
			throw new IllegalArgumentException(name + " must be a duration of zero or more, was " + duration);
		}
	}

	private static void requireRate(String name, double rate) {
		if (!(rate >= 0 && rate <= 1)) {
			throw new IllegalArgumentException(name + " must be between 0 and 1, was " + rate);
		}
	}

}
