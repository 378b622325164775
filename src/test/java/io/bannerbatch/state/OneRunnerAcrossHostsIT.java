package io.bannerbatch.state;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.bannerbatch.FastSandbox;
import io.bannerbatch.CommandRun;
import io.bannerbatch.sandbox.Sandbox;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two processes of the jar, two working directories (two hosts, two containers), one PostgreSQL, the same run:
 * exactly one runs it, the other exits 4 within seconds naming the holder; a process killed with -9 is resumed from
 * the other directory without paying twice.
 */
class OneRunnerAcrossHostsIT {

	/** Starting the JVM and Spring on an idle 2-core machine: 2.5 to 3.5 s. */
	static final Duration NOMINAL_START = Duration.ofSeconds(4);

	@RegisterExtension
	static PostgresServer postgres = PostgresServer.shared();

	@TempDir
	Path work;

	Sandbox sandbox;

	String database;

	@BeforeEach
	void startSandbox() {
		this.sandbox = Sandbox.start(FastSandbox.settings());
		this.database = postgres.createDatabase("hosts");
	}

	@AfterEach
	void stopSandbox() {
		this.sandbox.close();
	}

	/** The same command on another host: only the working directory (so the default --state-dir) differs. */
	JarRun runOn(String host, String apiUrl, String rateLimit) throws IOException {
		return JarRun.start(this.work.resolve(host), postgres.environment(CommandRun.TEST_API_KEY), "run",
				"--input=" + Path.of("sample-data/catalog.csv").toAbsolutePath(),
				"--mapping=" + Path.of("sample-data/mapping.yml").toAbsolutePath(),
				"--output=" + this.work.resolve("shared/catalog.results.csv"), "--api-url=" + apiUrl,
				"--rate-limit=" + rateLimit, "--state-db=" + this.database);
	}

	long generateCalls() {
		return this.sandbox.counts().calls("POST generate");
	}

	static void await(String what, JarRun running, java.util.function.BooleanSupplier condition)
			throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (!condition.getAsBoolean() && running.isAlive() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(condition.getAsBoolean()).as(what + "\n" + running).isTrue();
	}

	/**
	 * Exit 4 naming the holder, within 10 s of starting. What bannerbatch does from trying the run lock to exiting must
	 * take under 3 s; a machine that takes longer than the nominal 4 s to get there (starting the JVM and Spring, on a
	 * loaded CI box) is granted the excess.
	 */
	static void assertRefusedNaming(JarRun refused, JarRun holder) throws Exception {
		assertThat(refused.exitCode(Duration.ofSeconds(90))).as(refused.toString()).isEqualTo(4);
		assertThat(refused.err()).as(refused.toString())
			.contains("This run is already running: process " + holder.pid() + " on "
					+ InetAddress.getLocalHost().getHostName() + " since ")
			.contains("the same command resumes the run");
		Duration start = refused.untilTheLock();
		Duration afterStart = refused.duration().minus(start);
		System.out.printf("refused: exit 4 after %d ms (%d ms to start and try the lock, %d ms after)%n",
				refused.duration().toMillis(), start.toMillis(), afterStart.toMillis());
		assertThat(afterStart).isLessThan(Duration.ofSeconds(3));
		Duration excess = start.minus(NOMINAL_START).isNegative() ? Duration.ZERO : start.minus(NOMINAL_START);
		assertThat(refused.duration()).isLessThan(Duration.ofSeconds(10).plus(excess));
	}

	@Test
	void twoProcessesStartedAtOnceOnAnEmptyDatabaseOneRunsTheOtherExitsFourNamingIt() throws Exception {
		try (ApiGate gate = ApiGate.closedInFrontOf(this.sandbox.baseUrl())) {
			JarRun a = runOn("host-a", gate.baseUrl(), "0");
			JarRun b = runOn("host-b", gate.baseUrl(), "0");

			// the runner waits at the gate in its collect step: the first to exit is the one refused
			long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
			while (a.isAlive() && b.isAlive() && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			JarRun refused = a.isAlive() ? b : a;
			JarRun runner = (refused == a) ? b : a;
			assertRefusedNaming(refused, runner);
			gate.open();

			assertThat(runner.exitCode(Duration.ofSeconds(90))).as(runner.toString()).isZero();
		}
		assertThat(generateCalls()).isEqualTo(44);
		assertThat(this.sandbox.counts().duplicateSubmissions()).isEmpty();
		assertThat(this.sandbox.counts().exports()).isOne();
		assertThat(postgres.count(this.database, "select count(*) from batch_job_execution")).isOne();
	}

	@Test
	void aProcessStartedWhileAnotherRunsTheRunExitsFourAndLeavesTheLiveExecutionAlone() throws Exception {
		try (ApiGate gate = ApiGate.closedInFrontOf(this.sandbox.baseUrl())) {
			JarRun runner = runOn("host-a", gate.baseUrl(), "0");
			await("the runner is collecting", runner, () -> gate.heldPolls() > 0);
			assertThat(postgres.count(this.database, "select count(*) from batch_job_execution where status = 'STARTED'"))
				.isOne();

			JarRun late = runOn("host-b", gate.baseUrl(), "0");

			// its execution is STARTED in the database, but its process is alive: nobody "recovers" it
			assertRefusedNaming(late, runner);
			gate.open();
			assertThat(runner.exitCode(Duration.ofSeconds(90))).as(runner.toString()).isZero();
			assertThat(runner.out()).doesNotContain("recovering");
		}
		assertThat(generateCalls()).isEqualTo(44);
		assertThat(this.sandbox.counts().duplicateSubmissions()).isEmpty();
		assertThat(postgres.count(this.database, "select count(*) from batch_job_execution")).isOne();
	}

	@Test
	void aRunKilledWithSigkillIsResumedFromAnotherWorkingDirectoryWithoutPayingTwice() throws Exception {
		JarRun killed = runOn("host-a", this.sandbox.baseUrl().toString(), "10");
		await("the run is submitting", killed, () -> generateCalls() >= 15);

		killed.kill();
		long inFlight = postgres.count(this.database, "select count(*) from bb_ledger_row where status = 'SUBMITTING'");
		long submitted = generateCalls();
		JarRun resumed = runOn("host-b", this.sandbox.baseUrl().toString(), "0");

		assertThat(resumed.exitCode(Duration.ofSeconds(90))).as(resumed.toString()).isZero();
		System.out.printf("killed after %d generate calls, %d in flight; resumed and completed in %d ms%n", submitted,
				inFlight, resumed.duration().toMillis());
		assertThat(resumed.out()).contains("was left running by a process that no longer exists; recovering it",
				"(resuming: rows already submitted are not submitted again)", "COMPLETED: 44 rows");
		List<String> results = Files.readAllLines(this.work.resolve("shared/catalog.results.csv"));
		assertThat(results).hasSize(1 + 44 * 3);
		assertThat(results.subList(1, results.size())).allMatch((line) -> line.contains(",GENERATED,"));
		// only a row whose generate call was in flight when the process died can have been sent twice
		assertThat(this.sandbox.counts().duplicateSubmissions().values().stream().mapToLong((count) -> count - 1).sum())
			.isLessThanOrEqualTo(inFlight);
		assertThat(this.sandbox.counts().submissionsByRequest()).hasSize(44);
		assertThat(this.sandbox.counts().exports()).isOne();
		assertThat(postgres.count(this.database, "select count(*) from batch_job_execution where status = 'FAILED'"))
			.as("the killed execution, recovered").isOne();
	}

}
