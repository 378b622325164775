package io.bannerbatch.sandbox;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The sandbox's command-line options, shared as a {@code @Mixin} by the {@code sandbox} command and {@code run
 * --sandbox}. Every option but {@code --port} and {@code --api-style} starts with {@code --sandbox-}, so none clashes
 * with the run command's own.
 */
public class SandboxOptions {

	@Option(names = "--port", defaultValue = "8089", paramLabel = "PORT",
			description = "Port the sandbox listens on, on 127.0.0.1 only (0 = any free port). Default: ${DEFAULT-VALUE}.")
	private int port;

	@Option(names = "--sandbox-rate-limit", defaultValue = "5", paramLabel = "CALLS_PER_SECOND",
			description = "API calls per second the sandbox accepts before answering 429, all endpoints together (0 = unlimited). Default: ${DEFAULT-VALUE}.")
	private double rateLimitPerSecond;

	@Option(names = "--sandbox-min-duration", defaultValue = "1s", paramLabel = "DURATION",
			converter = DurationConverter.class,
			description = "Shortest time a generation request takes to finalize (e.g. 500ms, 2s, PT1M). Default: ${DEFAULT-VALUE}.")
	private Duration minDuration;

	@Option(names = "--sandbox-max-duration", defaultValue = "6s", paramLabel = "DURATION",
			converter = DurationConverter.class,
			description = "Longest time a generation request takes to finalize. Default: ${DEFAULT-VALUE}.")
	private Duration maxDuration;

	@Option(names = "--sandbox-format-failure-rate", defaultValue = "0", paramLabel = "RATE",
			description = "Fraction (0 to 1) of generated formats that fail and are listed in errors[]. Default: ${DEFAULT-VALUE}.")
	private double formatFailureRate;

	@Option(names = "--sandbox-server-error-rate", defaultValue = "0", paramLabel = "RATE",
			description = "Fraction (0 to 1) of API calls answered 500. Default: ${DEFAULT-VALUE}.")
	private double serverErrorRate;

	@Option(names = "--sandbox-slow-call-rate", defaultValue = "0", paramLabel = "RATE",
			description = "Fraction (0 to 1) of API calls delayed by --sandbox-slow-call-delay. Default: ${DEFAULT-VALUE}.")
	private double slowCallRate;

	@Option(names = "--sandbox-slow-call-delay", defaultValue = "2s", paramLabel = "DURATION",
			converter = DurationConverter.class,
			description = "How long a slow call waits before answering. Default: ${DEFAULT-VALUE}.")
	private Duration slowCallDelay;

	@Option(names = "--sandbox-seed", defaultValue = "42", paramLabel = "SEED",
			description = "Seed of the sandbox's random faults and durations: the same seed replays the same run. Default: ${DEFAULT-VALUE}.")
	private long seed;

	@Option(names = "--api-style", defaultValue = "current", paramLabel = "current|documented",
			converter = ApiStyleConverter.class,
			description = "Which API the sandbox plays: today's (v2026-08-21) or the one the documentation pages describe. Default: ${DEFAULT-VALUE}.")
	private ApiStyle apiStyle;

	@Option(names = "--sandbox-api-key", paramLabel = "KEY",
			description = "The only x-api-key the sandbox accepts. Default: any non-empty key.")
	private String apiKey;

	@Option(names = "--sandbox-credits-after", defaultValue = "0", paramLabel = "N",
			description = "Successful generate calls before the workspace runs out of credits (429 rate_limit_exceeded, no Retry-After; 0 = never). Default: ${DEFAULT-VALUE}.")
	private int creditsAfterGenerations;

	@Option(names = "--sandbox-expire-after", defaultValue = "never", paramLabel = "DURATION",
			converter = DurationConverter.class,
			description = "Age after which a generation request is gone (410 today, 404 documented; never = kept). Default: ${DEFAULT-VALUE}.")
	private Duration expireAfter;

	@Option(names = "--sandbox-not-in-plan", defaultValue = "none", split = ",", paramLabel = "TYPE",
			description = "Design types whose generation answers 429 feature_not_in_plan, e.g. animated,printer. Default: ${DEFAULT-VALUE}.")
	private List<String> designTypesNotInPlan = new ArrayList<>();

	/**
	 * The settings these options describe.
	 * @throws IllegalArgumentException when they contradict each other (e.g. a minimum above the maximum)
	 */
	public SandboxSettings toSettings() {
		Set<String> notInPlan = new LinkedHashSet<>();
		for (String type : this.designTypesNotInPlan) {
			String trimmed = type.trim();
			if (!trimmed.isEmpty() && !trimmed.equalsIgnoreCase("none")) {
				notInPlan.add(trimmed);
			}
		}
		return new SandboxSettings(this.port, this.rateLimitPerSecond, this.minDuration, this.maxDuration,
				this.formatFailureRate, this.serverErrorRate, this.slowCallRate, this.slowCallDelay, this.seed,
				this.apiStyle, (this.apiKey == null || this.apiKey.isBlank()) ? null : this.apiKey,
				this.creditsAfterGenerations, this.expireAfter, notInPlan);
	}

	/**
	 * Reads {@code 500ms}, {@code 2s}, {@code 1m30s}, {@code 7d} or ISO-8601 ({@code PT1S}); {@code never} is no
	 * duration at all.
	 */
	public static class DurationConverter implements ITypeConverter<Duration> {

		private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

		@Override
		public Duration convert(String value) {
			return parse(value);
		}

		public static Duration parse(String value) {
			String text = value.trim().toLowerCase(Locale.ROOT);
			if (text.equals("never") || text.equals("none")) {
				return null;
			}
			if (text.startsWith("p")) {
				try {
					return Duration.parse(text.toUpperCase(Locale.ROOT));
				}
				catch (DateTimeParseException ex) {
					throw new IllegalArgumentException("'" + value + "' is not an ISO-8601 duration", ex);
				}
			}
			Matcher part = PART.matcher(text);
			Duration total = Duration.ZERO;
			int position = 0;
			while (position < text.length()) {
				part.region(position, text.length());
				if (!part.lookingAt()) {
					break;
				}
				long unitMillis = switch (part.group(2)) {
					case "ms" -> 1;
					case "s" -> 1_000;
					case "m" -> 60_000;
					case "h" -> 3_600_000;
					default -> 86_400_000;
				};
				total = total.plusMillis(Math.round(Double.parseDouble(part.group(1)) * unitMillis));
				position = part.end();
			}
			if (text.isEmpty() || position < text.length()) {
				throw new IllegalArgumentException(
						"'" + value + "' is not a duration: write e.g. 500ms, 2s, 1m30s, 7d or PT2S");
			}
			return total;
		}

	}

	public static class ApiStyleConverter implements ITypeConverter<ApiStyle> {

		@Override
		public ApiStyle convert(String value) {
			return ApiStyle.fromName(value);
		}

	}

}
