package io.bannerbatch.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import io.bannerbatch.sandbox.SandboxCounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM (what {@code kill}, systemd and container runtimes send) mid-run: the process finishes the calls in flight,
 * records them, exits 1 within a bounded time and says how to resume; the repository shows the run STOPPED, never
 * STARTED; the same command then completes it without paying for any row twice.
 */
@PackagedJarTest
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class GracefulStopIT {

	private static final int ROWS = 80;

	/** The calls in flight finish (a slow one takes 1 s, a 500 is retried after 1 s), then the next boundary. */
	private static final Duration STOP_BOUND = Duration.ofSeconds(20);

	// kept when a test fails: the processes' output is in logs/
	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	Path work;

	@Test
	void sigtermWhileSubmittingStopsResumablyAndTheRerunPaysForNoRowTwice() throws Exception {
		stopAndResume("GS", (counts) -> Promises.submissions(counts, "GS").size() >= 20);
	}

	@Test
	void sigtermWhileCollectingStopsResumablyAndTheRerunPaysForNoRowTwice() throws Exception {
		stopAndResume("GC", (counts) -> Promises.submissions(counts, "GC").size() == ROWS
				&& counts.calls("GET generation-request") >= 10);
	}

	private void stopAndResume(String prefix, Predicate<SandboxCounts> stopPoint) throws Exception {
		Path input = Catalogs.write(this.work.resolve("catalog.csv"), prefix, ROWS);
		try (SandboxProcess sandbox = SandboxProcess.start(this.work.resolve("logs"), "--sandbox-rate-limit=100",
				"--sandbox-min-duration=500ms", "--sandbox-max-duration=2s", "--sandbox-slow-call-rate=0.1",
				"--sandbox-slow-call-delay=1s", "--sandbox-server-error-rate=0.05")) {
			JobCommand command = JobCommand.of(sandbox, input, this.work);
			JarProcess run = command.start();
			Optional<SandboxCounts> reached = sandbox.awaitCounts(run, Duration.ofMinutes(3), stopPoint);
			assertThat(reached).as("the run reached the stop point: %s", run).isPresent();

			long signalled = System.nanoTime();
			run.terminate();
			int exitCode = run.waitFor(Duration.ofMinutes(1));
			Duration latency = Duration.ofNanos(System.nanoTime() - signalled);

			assertThat(exitCode).as(run.toString()).isEqualTo(1);
			assertThat(latency).as(run.toString()).isLessThan(STOP_BOUND);
			assertThat(run.err()).as(run.toString())
				.contains("Stopping: finishing the calls in flight", "Stopped: the requests in flight were recorded.",
						"Run the same command again to resume");
			assertThat(command.output()).as("no results file from a stopped run").doesNotExist();
			JarProcess status = command.status();
			assertThat(status.out()).as(status.toString())
				.containsAnyOf("STOPPED", "FAILED")
				.doesNotContain("STARTED")
				.contains("resume with: java -jar bannerbatch.jar run --input=" + input);
			SandboxCounts atStop = sandbox.counts();

			JarProcess rerun = command.start();
			int rerunExitCode = rerun.waitFor(Duration.ofMinutes(4));

			assertThat(rerunExitCode).as(rerun.toString()).isIn(0, 3);
			Promises.assertOneLinePerRowAndFormat(command.output(), prefix, ROWS);
			SandboxCounts counts = sandbox.counts();
			assertThat(Promises.submissions(counts, prefix)).as("every row submitted").hasSize(ROWS);
			assertThat(Promises.duplicates(counts, prefix)).as("no row paid twice").isZero();
			assertThat(rerun.out()).doesNotContain("was being submitted when an earlier run stopped");
			assertThat(counts.exports()).isEqualTo(1);
			System.out.printf("GracefulStopIT %s: SIGTERM after %d of %d rows submitted and %d polls; exit %d in %d ms; "
					+ "rerun exit %d, 0 duplicates%n", prefix, Promises.submissions(atStop, prefix).size(), ROWS,
					atStop.calls("GET generation-request"), exitCode, latency.toMillis(), rerunExitCode);
		}
	}

}
