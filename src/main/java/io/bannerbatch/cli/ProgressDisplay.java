package io.bannerbatch.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import io.bannerbatch.abyssale.ApiCallCounts;
import io.bannerbatch.job.Progress;

/**
 * Shows a run's progress: on a terminal a live bar (the progressbar library: it measures the terminal and redraws
 * one line), elsewhere (cron, a pipe) one plain line per interval with no control characters. Progress counts calls:
 * one submission and about one poll per request, each spending the same rate limit, so the bar moves evenly.
 */
final class ProgressDisplay implements AutoCloseable {

	private final Progress progress;

	private final ApiCallCounts calls;

	private final ScheduledExecutorService ticker;

	private final PrintStream out;

	private final boolean terminal;

	private ProgressBar bar;

	private long startedAtNanos;

	private long callsAtStart;

	private ProgressDisplay(Progress progress, ApiCallCounts calls, PrintStream out, boolean terminal,
			Duration interval) {
		this.progress = progress;
		this.calls = calls;
		this.out = out;
		this.terminal = terminal;
		this.ticker = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "progress");
			thread.setDaemon(true);
			return thread;
		});
		long period = terminal ? 500 : Math.max(1000, interval.toMillis());
		this.ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
	}

	static ProgressDisplay start(Progress progress, ApiCallCounts calls, PrintStream out, Duration interval) {
		return new ProgressDisplay(progress, calls, out, System.console() != null, interval);
	}

	private synchronized void tick() {
		Progress.Snapshot now = this.progress.snapshot();
		if (now.expectedRequests() == 0 && now.reused() == 0 && now.rejectedRows() == 0) {
			return;
		}
		if (this.startedAtNanos == 0) {
			this.startedAtNanos = System.nanoTime();
			this.callsAtStart = this.calls.snapshot().calls();
		}
		long total = Math.max(1, 2 * now.expectedRequests());
		long done = Math.min(total, now.submitted() + now.finalized());
		double seconds = (System.nanoTime() - this.startedAtNanos) / 1e9;
		double rate = (seconds > 0) ? (this.calls.snapshot().calls() - this.callsAtStart) / seconds : 0;
		String counts = String.format("%d/%d submitted, %d finalized, %d banners, %d reused, %d failed, %.1f calls/s",
				now.submitted(), now.expectedRequests(), now.finalized(), now.banners(), now.reused(),
				now.failedFormats(), rate);
		if (this.terminal) {
			if (this.bar == null) {
				this.bar = new ProgressBarBuilder().setTaskName("bannerbatch")
					.setInitialMax(total)
					.setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
					.setUpdateIntervalMillis(500)
					.build();
			}
			this.bar.maxHint(total);
			this.bar.stepTo(done);
			this.bar.setExtraMessage(counts);
		}
		else {
			String eta = (done > 0 && done < total)
					? ", ETA " + Duration.ofSeconds((long) (seconds * (total - done) / done)).toString().substring(2).toLowerCase()
					: "";
			this.out.println(LocalTime.now().withNano(0) + " progress: " + counts + eta);
		}
	}

	@Override
	public synchronized void close() {
		this.ticker.shutdownNow();
		if (this.bar != null) {
			this.bar.close();
		}
	}

}
