package io.bannerbatch.abyssale;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;

import io.github.bucket4j.Bucket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.bannerbatch.abyssale.AbyssaleException.OutOfCreditsException;
import io.bannerbatch.abyssale.AbyssaleException.RateLimitExceededException;

/**
 * The one place that paces calls and reacts to 429s, for every call of the process.
 * <ul>
 * <li>A token bucket (Bucket4j) spaces calls evenly at the configured rate, never in bursts: a server that counts
 * per second sees at most the rate.</li>
 * <li>429 with {@code Retry-After}: every call waits exactly that long; a wait longer than the allowed maximum, or
 * waits of one call that add up to more, stop the run resumably, naming the time a rerun will work.</li>
 * <li>A bare 429 is either the gateway's ceiling (clears within a second) or an empty credit balance (permanent, and
 * only the message tells): one probe after 1 s; a second bare 429, or a message about credits, means credits.</li>
 * <li>{@code X-RateLimit-Remaining: 0} on a read holds further reads until {@code X-RateLimit-Reset}.</li>
 * </ul>
 */
public final class RateLimiter {

	private static final Log logger = LogFactory.getLog(RateLimiter.class);

	private static final Duration CEILING_PROBE_DELAY = Duration.ofSeconds(1);

	private static final Duration MINIMUM_COUNTED_WAIT = Duration.ofSeconds(1);

	private static final Duration RATE_LIMITED_DEFAULT_WAIT = Duration.ofSeconds(1);

	private final Bucket bucket;

	private final Duration maxRetryWait;

	private final ApiCallCounts counts;

	private volatile Instant holdAllUntil = Instant.EPOCH;

	private volatile Instant holdReadsUntil = Instant.EPOCH;

	/** Calls of this kind (reads, or billed POSTs) answered since the start: a ceiling clears, credits do not. */
	private final java.util.concurrent.atomic.AtomicLong readsAnswered = new java.util.concurrent.atomic.AtomicLong();

	private final java.util.concurrent.atomic.AtomicLong postsAnswered = new java.util.concurrent.atomic.AtomicLong();

	public RateLimiter(double requestsPerSecond, Duration maxRetryWait, ApiCallCounts counts) {
		this.bucket = (requestsPerSecond > 0) ? Bucket.builder()
			.addLimit((limit) -> limit.capacity(1).refillGreedy(1, Duration.ofNanos((long) (1e9 / requestsPerSecond))))
			.build() : null;
		this.maxRetryWait = maxRetryWait;
		this.counts = counts;
	}

	<T> T call(String operation, boolean read, Supplier<T> exchange) {
		boolean probed = false;
		long answeredAtFirstBare429 = -1;
		Duration waited = Duration.ZERO;
		java.util.concurrent.atomic.AtomicLong answered = read ? this.readsAnswered : this.postsAnswered;
		while (true) {
			awaitTurn(read);
			long answeredBefore = answered.get();
			try {
				T result = exchange.get();
				answered.incrementAndGet();
				return result;
			}
			catch (TooManyRequests tooMany) {
				Duration retryAfter = retryAfter(tooMany);
				if (retryAfter != null) {
					this.counts.retryAfter();
					Instant until = Instant.now().plus(retryAfter);
					// the waits of one call add up (each counted as at least a second), so a 429 that keeps coming
					// stops the run resumably instead of holding it forever
					waited = waited.plus(max(retryAfter, MINIMUM_COUNTED_WAIT));
					if (waited.compareTo(this.maxRetryWait) > 0) {
						throw new RateLimitExceededException(operation, tooMany.error(), until);
					}
					logger.info("Rate limited (" + tooMany.getMessage() + "): waiting " + retryAfter.toMillis()
							+ " ms as the API asks");
					holdAllUntil(until);
					continue;
				}
				// the probe failed too: spent credits, unless calls of the same kind were answered meanwhile (then it is
				// still the ceiling, hit by calls running beside this one), for as long as the wait allows
				boolean othersGotThrough = probed && answered.get() > answeredAtFirstBare429;
				if (speaksOfCredits(tooMany.error()) || (probed && !othersGotThrough)
						|| waited.compareTo(this.maxRetryWait) > 0) {
					this.counts.credits();
					throw new OutOfCreditsException(operation, 429, tooMany.error());
				}
				this.counts.ceiling();
				if (!probed) {
					// counted from when the refused call was sent: anything answered since got through beside it
					answeredAtFirstBare429 = answeredBefore;
				}
				probed = true;
				waited = waited.plus(CEILING_PROBE_DELAY);
				holdAllUntil(Instant.now().plus(CEILING_PROBE_DELAY));
			}
		}
	}

	/**
	 * The wait a 429 asks for: its {@code Retry-After}, or a second for a {@code request_rate_limited} whose header
	 * was lost on the way (its id says it is a rate limit: never a sign of spent credits).
	 */
	private static Duration retryAfter(TooManyRequests tooMany) {
		if (tooMany.retryAfter() != null) {
			return tooMany.retryAfter();
		}
		return "request_rate_limited".equals(tooMany.error().id()) ? RATE_LIMITED_DEFAULT_WAIT : null;
	}

	/** Reads and polls report their remaining budget; at zero, hold reads until the budget resets. */
	void observeReadBudget(String remaining, String reset) {
		if (remaining == null || !"0".equals(remaining.trim()) || reset == null) {
			return;
		}
		try {
			Instant resetAt = Instant.ofEpochSecond(Long.parseLong(reset.trim()));
			if (resetAt.isAfter(this.holdReadsUntil)) {
				this.holdReadsUntil = resetAt;
				logger.info("Read budget spent: holding reads and polls until " + resetAt);
			}
		}
		catch (NumberFormatException ex) {
			// a reset we cannot read is no reason to stop: the next 429 will tell us how long to wait
		}
	}

	private static boolean speaksOfCredits(ApiError error) {
		String message = (error.message() != null) ? error.message().toLowerCase(Locale.ROOT) : "";
		return message.contains("credit") || message.contains("limit reached") || message.contains("quota");
	}

	private static Duration max(Duration one, Duration other) {
		return (one.compareTo(other) >= 0) ? one : other;
	}

	private synchronized void holdAllUntil(Instant until) {
		if (until.isAfter(this.holdAllUntil)) {
			this.holdAllUntil = until;
		}
	}

	private void awaitTurn(boolean read) {
		try {
			while (true) {
				Instant hold = read && this.holdReadsUntil.isAfter(this.holdAllUntil) ? this.holdReadsUntil
						: this.holdAllUntil;
				Duration wait = Duration.between(Instant.now(), hold);
				if (wait.isNegative() || wait.isZero()) {
					break;
				}
				if (read && hold == this.holdReadsUntil && wait.compareTo(this.maxRetryWait) > 0) {
					throw new RateLimitExceededException("read", new ApiError("read_budget_spent",
							"the workspace's read budget is spent", java.util.List.of()), hold);
				}
				Thread.sleep(Math.max(1, wait.toMillis()));
			}
			if (this.bucket != null) {
				this.bucket.asBlocking().consume(1);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AbyssaleException.ApiUnavailableException("waiting for the rate limit", "interrupted", false,
					ex);
		}
	}

}
