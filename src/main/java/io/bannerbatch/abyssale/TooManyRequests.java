package io.bannerbatch.abyssale;

import java.time.Duration;

/**
 * A 429 on its way to the {@link RateLimiter}, which alone decides whether to wait, probe or give up.
 */
final class TooManyRequests extends RuntimeException {

	private final ApiError error;

	private final Duration retryAfter;

	TooManyRequests(ApiError error, Duration retryAfter) {
		super(error.describe(429), null, false, false);
		this.error = error;
		this.retryAfter = retryAfter;
	}

	ApiError error() {
		return this.error;
	}

	/** The server's {@code Retry-After}, or {@code null} for a bare 429. */
	Duration retryAfter() {
		return this.retryAfter;
	}

}
