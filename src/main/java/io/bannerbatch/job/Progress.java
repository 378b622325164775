package io.bannerbatch.job;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/** Live counts of this execution, for the progress line. */
@Component
public class Progress {

	private final AtomicLong submitted = new AtomicLong();

	private final AtomicLong finalized = new AtomicLong();

	private final AtomicLong banners = new AtomicLong();

	private final AtomicLong failedFormats = new AtomicLong();

	private final AtomicLong rejectedRows = new AtomicLong();

	private final AtomicLong reused = new AtomicLong();

	private volatile long totalRows;

	private volatile long expectedRequests;

	void submitted() {
		this.submitted.incrementAndGet();
	}

	void finalized(long banners, long failedFormats) {
		this.finalized.incrementAndGet();
		this.banners.addAndGet(banners);
		this.failedFormats.addAndGet(failedFormats);
	}

	void failedRow(int formats) {
		this.failedFormats.addAndGet(formats);
	}

	void reused(long banners) {
		this.reused.addAndGet(banners);
	}

	void rejected() {
		this.rejectedRows.incrementAndGet();
	}

	void expect(long totalRows, long expectedRequests) {
		this.totalRows = totalRows;
		this.expectedRequests = expectedRequests;
	}

	public Snapshot snapshot() {
		return new Snapshot(this.totalRows, this.expectedRequests, this.submitted.get(), this.finalized.get(),
				this.banners.get(), this.failedFormats.get(), this.rejectedRows.get(), this.reused.get());
	}

	/** Counts at one moment. */
	public record Snapshot(long totalRows, long expectedRequests, long submitted, long finalized, long banners,
			long failedFormats, long rejectedRows, long reused) {
	}

}
