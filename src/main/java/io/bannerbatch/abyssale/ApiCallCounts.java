package io.bannerbatch.abyssale;

import java.util.concurrent.atomic.AtomicLong;

/** What this process asked of the API, for the summary. */
public final class ApiCallCounts {

	private final AtomicLong calls = new AtomicLong();

	private final AtomicLong generateCalls = new AtomicLong();

	private final AtomicLong pollCalls = new AtomicLong();

	private final AtomicLong rateLimitedRetryAfter = new AtomicLong();

	private final AtomicLong rateLimitedCeiling = new AtomicLong();

	private final AtomicLong rateLimitedCredits = new AtomicLong();

	private final AtomicLong uncertainSubmissions = new AtomicLong();

	void call() {
		this.calls.incrementAndGet();
	}

	void generateCall() {
		this.generateCalls.incrementAndGet();
	}

	void pollCall() {
		this.pollCalls.incrementAndGet();
	}

	void retryAfter() {
		this.rateLimitedRetryAfter.incrementAndGet();
	}

	void ceiling() {
		this.rateLimitedCeiling.incrementAndGet();
	}

	void credits() {
		this.rateLimitedCredits.incrementAndGet();
	}

	void uncertainSubmission() {
		this.uncertainSubmissions.incrementAndGet();
	}

	public Snapshot snapshot() {
		return new Snapshot(this.calls.get(), this.generateCalls.get(), this.pollCalls.get(),
				this.rateLimitedRetryAfter.get(), this.rateLimitedCeiling.get(), this.rateLimitedCredits.get(),
				this.uncertainSubmissions.get());
	}

	/** Counts at one moment; every attempt counts, retries included. */
	public record Snapshot(long calls, long generateCalls, long pollCalls, long rateLimitedRetryAfter,
			long rateLimitedCeiling, long rateLimitedCredits, long uncertainSubmissions) {
	}

}
