package io.bannerbatch.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.bannerbatch.sandbox.SandboxCounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * kill -9 at random moments, in the submit and in the collect phase, then the same command again until the run
 * completes. The sandbox runs in a process of its own and counts every generation it was paid for: nothing may be
 * lost, and nothing may be paid twice except the requests in flight at a kill (at most {@code --concurrency} each),
 * every one of which the rerun must announce.
 */
@PackagedJarTest
class CrashAndResumeIT {

	private static final long SEED = 20261126L;

	private static final String PREFIX = "CR";

	private static final int ROWS = 200;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// kept when the test fails: the processes' output is in logs/
	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	Path work;

	private enum Phase {

		/** Killed while rows are being submitted: up to {@code --concurrency} generate calls in flight. */
		SUBMIT,
		/** Killed while requests are being polled: every row is submitted, nothing may be submitted again. */
		COLLECT

	}

	private record Kill(int attempt, Phase phase, long submittedRows, long polls, long duplicatesSoFar) {
	}

	@Test
	@Timeout(value = 10, unit = TimeUnit.MINUTES)
	void killedAtRandomMomentsTheSameCommandCompletesWithNothingLostAndOnlyInFlightRequestsPaidTwice()
			throws Exception {
		Random random = new Random(SEED);
		Path input = Catalogs.write(this.work.resolve("catalog.csv"), PREFIX, ROWS);
		try (SandboxProcess sandbox = SandboxProcess.start(this.work.resolve("logs"), "--sandbox-rate-limit=100",
				"--sandbox-min-duration=500ms", "--sandbox-max-duration=3s", "--sandbox-slow-call-rate=0.1",
				"--sandbox-slow-call-delay=1s", "--sandbox-server-error-rate=0.05",
				"--sandbox-format-failure-rate=0.05", "--sandbox-seed=" + SEED)) {
			JobCommand command = JobCommand.of(sandbox, input, this.work);
			List<Phase> plan = List.of(Phase.SUBMIT, Phase.SUBMIT, Phase.SUBMIT, Phase.COLLECT, Phase.COLLECT,
					Phase.COLLECT);
			List<Kill> kills = new ArrayList<>();
			List<JarProcess> attempts = new ArrayList<>();
			long started = System.nanoTime();

			for (Phase phase : plan) {
				SandboxCounts before = sandbox.counts();
				long submittedBefore = submittedRows(before);
				long pollsBefore = before.calls("GET generation-request");
				// the first kill while collecting lands at its first polls, right after the last rows were recorded
				boolean firstCollectKill = phase == Phase.COLLECT && kills.stream().noneMatch((kill) -> kill.phase() == phase);
				int steps = (phase == Phase.SUBMIT) ? 5 + random.nextInt(35)
						: firstCollectKill ? 1 + random.nextInt(3) : 3 + random.nextInt(30);
				Predicate<SandboxCounts> killPoint = (phase == Phase.SUBMIT)
						? (counts) -> submittedRows(counts) >= submittedBefore + steps
						: (counts) -> submittedRows(counts) == ROWS
								&& counts.calls("GET generation-request") >= pollsBefore + steps;
				JarProcess run = command.start();
				attempts.add(run);
				Optional<SandboxCounts> reached = sandbox.awaitCounts(run, Duration.ofMinutes(3), killPoint);
				if (reached.isEmpty()) {
					fail("the run ended before kill " + (kills.size() + 1) + " (" + phase + "): " + run);
				}
				// a random moment after the kill point, not only the instant it is observed
				Thread.sleep(random.nextInt(150));
				run.kill();
				SandboxCounts after = sandbox.counts();
				assertThat(after.exports()).as("no kill may land after the export was requested").isZero();
				assertThat(ledgerKeys(command.stateDir()))
					.as("persist before acting: every row the sandbox was paid for is in the ledger after kill %d",
							kills.size() + 1)
					.containsAll(Promises.submissions(after, PREFIX)
						.keySet()
						.stream()
						.map((label) -> Catalogs.key(PREFIX, Promises.row(label, PREFIX)))
						.toList());
				if (phase == Phase.SUBMIT) {
					assertThat(submittedRows(reached.get())).as("killed before every row was submitted").isLessThan(ROWS);
				}
				kills.add(new Kill(attempts.size(), phase, submittedRows(after), after.calls("GET generation-request"),
						Promises.duplicates(after, PREFIX)));
			}

			JarProcess last = command.start();
			attempts.add(last);
			int exitCode = last.waitFor(Duration.ofMinutes(5));
			double seconds = (System.nanoTime() - started) / 1e9;

			List<CSVRecord> lines = Promises.assertOneLinePerRowAndFormat(command.output(), PREFIX, ROWS);
			boolean anyFailed = lines.stream().anyMatch((line) -> line.get("status").equals("FAILED"));
			assertThat(exitCode).as(last.toString()).isEqualTo(anyFailed ? 3 : 0);
			assertThat(lines).filteredOn((line) -> line.get("status").equals("FAILED"))
				.allSatisfy((line) -> assertThat(line.get("error")).isNotBlank());

			SandboxCounts counts = sandbox.counts();
			Map<String, Long> submissions = Promises.submissions(counts, PREFIX);
			long duplicates = Promises.duplicates(counts, PREFIX);
			long submitKills = kills.stream().filter((kill) -> kill.phase() == Phase.SUBMIT).count();
			assertThat(submissions).as("every row was submitted").hasSize(ROWS);
			assertThat(duplicates).as("paid twice: only what was in flight at a kill, at most --concurrency per kill")
				.isLessThanOrEqualTo(JobCommand.CONCURRENCY * submitKills);
			assertThat(kills.stream().filter((kill) -> kill.phase() == Phase.COLLECT).findFirst().orElseThrow()
				.duplicatesSoFar())
				.as("a kill while collecting leaves nothing in flight: no duplicate appears after the first such kill")
				.isEqualTo(duplicates);
			assertThat(counts.exports()).as("exactly one export").isEqualTo(1);

			// every row paid twice was said to be so, by the run that resubmitted it, and counted in the summary
			String everythingPrinted = attempts.stream().map(JarProcess::out).reduce("", String::concat);
			submissions.forEach((label, count) -> {
				if (count > 1) {
					int row = Promises.row(label, PREFIX);
					assertThat(everythingPrinted).contains("Row " + row + " (" + Catalogs.key(PREFIX, row)
							+ ") was being submitted when an earlier run stopped");
				}
			});
			JsonNode summary = JSON.readTree(Files.readString(command.summary()));
			assertThat(summary.path("uncertain_submissions").asLong()).isGreaterThanOrEqualTo(duplicates);
			assertThat(summary.path("export_id").asString()).isNotBlank();
			assertThat(command.status().out()).contains("COMPLETED").doesNotContain("STARTED");

			System.out.printf("CrashAndResumeIT: %d kills %s, %d duplicate submissions of %d rows (bound %d), "
					+ "%d attempts, exit %d, %.1f s%n", kills.size(), kills, duplicates, ROWS,
					JobCommand.CONCURRENCY * submitKills, attempts.size(), exitCode, seconds);
		}
	}

	/**
	 * The rows the ledger knows, read from the H2 file the killed process left (nothing holds it now). White-box on
	 * purpose: a commit lost by kill -9 shows here at once, where the paid duplicate it causes shows only later, and
	 * only when the row is resubmitted.
	 */
	private static Set<String> ledgerKeys(Path stateDir) throws SQLException {
		Set<String> keys = new HashSet<>();
		try (Connection connection = DriverManager.getConnection(
				"jdbc:h2:file:" + stateDir.resolve("repository") + ";IFEXISTS=TRUE", "", "");
				ResultSet rows = connection.createStatement().executeQuery("select row_key from bb_ledger_row")) {
			while (rows.next()) {
				keys.add(rows.getString(1));
			}
		}
		return keys;
	}

	private static long submittedRows(SandboxCounts counts) {
		return Promises.submissions(counts, PREFIX).size();
	}

}
