package io.bannerbatch.abyssale;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.bannerbatch.abyssale.AbyssaleException.OutOfCreditsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A bare 429 is the gateway's ceiling or spent credits, and only what happens next tells them apart: the probe after
 * a second failing too means credits, unless calls of the same kind got through meanwhile.
 */
@Timeout(30)
class CeilingOrCreditsTests {

	static final ApiError BARE = new ApiError("rate_limit_exceeded", "Rate limit exceeded", List.of());

	final ApiCallCounts counts = new ApiCallCounts();

	final RateLimiter limiter = new RateLimiter(0, Duration.ofSeconds(10), this.counts);

	@Test
	void aProbeThatFailsAgainWhileOtherSubmissionsGetThroughIsStillTheCeiling() throws Exception {
		CountDownLatch firstRefused = new CountDownLatch(1);
		CountDownLatch otherGotThrough = new CountDownLatch(1);
		AtomicInteger attempts = new AtomicInteger();
		Supplier<String> refusedTwice = () -> {
			int attempt = attempts.incrementAndGet();
			if (attempt == 1) {
				firstRefused.countDown();
				throw new TooManyRequests(BARE, null);
			}
			if (attempt == 2) {
				await(otherGotThrough);
				throw new TooManyRequests(BARE, null);
			}
			return "accepted";
		};

		CompletableFuture<String> submission = CompletableFuture
			.supplyAsync(() -> this.limiter.call("generate", false, refusedTwice));
		assertThat(firstRefused.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.limiter.call("generate", false, () -> "accepted beside it")).isEqualTo("accepted beside it");
		otherGotThrough.countDown();

		assertThat(submission.get(20, TimeUnit.SECONDS)).isEqualTo("accepted");
		assertThat(attempts).hasValue(3);
		assertThat(this.counts.snapshot().rateLimitedCeiling()).isEqualTo(2);
		assertThat(this.counts.snapshot().rateLimitedCredits()).isZero();
	}

	@Test
	void aProbeThatFailsAgainWhileNothingElseGetsThroughMeansSpentCredits() {
		AtomicInteger attempts = new AtomicInteger();

		assertThatExceptionOfType(OutOfCreditsException.class).isThrownBy(() -> this.limiter.call("generate", false,
				() -> {
					attempts.incrementAndGet();
					throw new TooManyRequests(BARE, null);
				}));
		assertThat(attempts).hasValue(2);
		assertThat(this.counts.snapshot().rateLimitedCredits()).isEqualTo(1);
	}

	@Test
	void successfulPollsDoNotHideSpentCreditsOnSubmissions() throws Exception {
		CountDownLatch firstRefused = new CountDownLatch(1);
		CompletableFuture<String> submission = CompletableFuture.supplyAsync(() -> this.limiter.call("generate", false,
				() -> {
					firstRefused.countDown();
					throw new TooManyRequests(BARE, null);
				}));
		assertThat(firstRefused.await(10, TimeUnit.SECONDS)).isTrue();
		this.limiter.call("poll", true, () -> "finalized");

		assertThat(submission).failsWithin(Duration.ofSeconds(20))
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.withCauseInstanceOf(OutOfCreditsException.class);
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
