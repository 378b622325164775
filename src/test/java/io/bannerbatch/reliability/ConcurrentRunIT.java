package io.bannerbatch.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import io.bannerbatch.sandbox.SandboxCounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two runs of the same input at once (cron fires again while the last night's run is still going): the second
 * refuses at once with exit 4 and one clear line, touches nothing, and the first completes as if alone.
 */
@PackagedJarTest
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ConcurrentRunIT {

	private static final String PREFIX = "CC";

	private static final int ROWS = 100;

	/** A JVM start and a look at the state directory's lock; no Spring context, no API call. */
	private static final Duration REFUSAL_BOUND = Duration.ofSeconds(15);

	// kept when the test fails: the processes' output is in logs/
	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	Path work;

	@Test
	void aSecondRunOfTheSameInputRefusesAtOnceAndTheFirstCompletesAlone() throws Exception {
		Path input = Catalogs.write(this.work.resolve("catalog.csv"), PREFIX, ROWS);
		try (SandboxProcess sandbox = SandboxProcess.start(this.work.resolve("logs"), "--sandbox-rate-limit=100",
				"--sandbox-min-duration=500ms", "--sandbox-max-duration=2s")) {
			JobCommand command = JobCommand.of(sandbox, input, this.work);
			JarProcess first = command.start();
			assertThat(sandbox.awaitCounts(first, Duration.ofMinutes(3),
					(counts) -> Promises.submissions(counts, PREFIX).size() >= 10))
				.as("the first run is submitting: %s", first)
				.isPresent();

			long started = System.nanoTime();
			JarProcess second = command.start();
			int exitCode = second.waitFor(Duration.ofMinutes(1));
			Duration refusal = Duration.ofNanos(System.nanoTime() - started);

			assertThat(exitCode).as(second.toString()).isEqualTo(4);
			assertThat(refusal).as(second.toString()).isLessThan(REFUSAL_BOUND);
			assertThat(second.err().lines().filter((line) -> !line.isBlank())).as(second.toString())
				.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
				.startsWith("Another bannerbatch process is using the state directory " + command.stateDir())
				.contains("Wait for it to finish, or give another --state-dir.");
			assertThat(second.out()).as(second.toString()).isBlank();
			assertThat(first.isAlive()).as("the first run goes on: %s", first).isTrue();

			int firstExitCode = first.waitFor(Duration.ofMinutes(4));

			assertThat(firstExitCode).as(first.toString()).isIn(0, 3);
			Promises.assertOneLinePerRowAndFormat(command.output(), PREFIX, ROWS);
			SandboxCounts counts = sandbox.counts();
			assertThat(Promises.submissions(counts, PREFIX)).hasSize(ROWS);
			assertThat(Promises.duplicates(counts, PREFIX)).as("no row paid twice").isZero();
			assertThat(counts.exports()).isEqualTo(1);
			assertThat(counts.calls("GET /designs")).as("the second run made no API call").isEqualTo(1);
			System.out.printf("ConcurrentRunIT: second run refused with exit %d in %d ms; first run exit %d%n", exitCode,
					refusal.toMillis(), firstExitCode);
		}
	}

}
