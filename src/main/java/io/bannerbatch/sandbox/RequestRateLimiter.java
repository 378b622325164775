package io.bannerbatch.sandbox;

import java.util.function.LongSupplier;

/**
 * A token bucket over all API endpoints together: {@code perSecond} tokens refill each second, up to a burst of one
 * second's worth (at least one call).
 */
final class RequestRateLimiter {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final double perSecond;

	private final double capacity;

	private final LongSupplier nanoTime;

	private double tokens;

	private long refilledAt;

	RequestRateLimiter(double perSecond, LongSupplier nanoTime) {
		this.perSecond = perSecond;
		this.capacity = Math.max(1, perSecond);
		this.nanoTime = nanoTime;
		this.tokens = this.capacity;
		this.refilledAt = nanoTime.getAsLong();
	}

	boolean isUnlimited() {
		return this.perSecond <= 0;
	}

	/**
	 * Takes a token if one is left and tells what the {@code X-RateLimit-*} and {@code Retry-After} headers should say.
	 */
	synchronized Decision tryAcquire(long nowEpochMillis) {
		if (isUnlimited()) {
			return new Decision(true, 0, 0, 0, 0);
		}
		long now = this.nanoTime.getAsLong();
		this.tokens = Math.min(this.capacity, this.tokens + (now - this.refilledAt) * this.perSecond / NANOS_PER_SECOND);
		this.refilledAt = now;
		boolean allowed = this.tokens >= 1;
		if (allowed) {
			this.tokens -= 1;
		}
		double secondsToFull = (this.capacity - this.tokens) / this.perSecond;
		long resetEpochSecond = (long) Math.ceil((nowEpochMillis + secondsToFull * 1000) / 1000.0);
		long retryAfterSeconds = Math.max(1, (long) Math.ceil((1 - this.tokens) / this.perSecond));
		return new Decision(allowed, (long) Math.floor(this.capacity), (long) Math.floor(this.tokens), resetEpochSecond,
				retryAfterSeconds);
	}

	record Decision(boolean allowed, long limit, long remaining, long resetEpochSecond, long retryAfterSeconds) {
	}

}
