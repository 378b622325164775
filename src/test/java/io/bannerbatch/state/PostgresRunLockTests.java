package io.bannerbatch.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The run lock on a real PostgreSQL, as two processes on two hosts see it: one holds the run, the other is refused and
 * told who holds it; the server frees the run when its holder's session ends, and the holder learns it lost it.
 */
class PostgresRunLockTests {

	@RegisterExtension
	static PostgresServer postgres = PostgresServer.shared();

	static String database;

	static final RunKey RUN = new RunKey(0xdcd934a62e9cca4aL, "bannerbatch");

	static final RunKey OTHER_RUN = new RunKey(0x0000000100000002L, "bannerbatch");

	@BeforeAll
	static void createTheHolderTable() throws IOException {
		database = postgres.createDatabase("run_lock");
		try (InputStream migration = PostgresRunLockTests.class.getResourceAsStream("/db/migration/V3__run_lock.sql")) {
			postgres.execute(database, new String(migration.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

	static PostgresRunLock processOn(String host, long pid) {
		return new PostgresRunLock(() -> DriverManager.getConnection(database, PostgresServer.USER, PostgresServer.PASSWORD),
				host, pid, Duration.ofMillis(200));
	}

	@Test
	void aSecondProcessIsRefusedAtOnceAndToldWhichHostAndProcessHoldTheRun() {
		try (RunLock.Lease held = processOn("host-a", 4242).acquire(RUN, () -> {
		})) {
			long start = System.nanoTime();
			assertThatExceptionOfType(RunHeldException.class)
				.isThrownBy(() -> processOn("host-b", 777).acquire(RUN, () -> {
				}))
				.withMessageStartingWith("This run is already running: process 4242 on host-a since ")
				.withMessageContaining("the same command resumes the run");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
		}
	}

	@Test
	void releasingTheRunLetsTheNextProcessTakeItAndReplaceTheHolder() {
		processOn("host-a", 4242).acquire(RUN, () -> {
		}).close();

		try (RunLock.Lease held = processOn("host-b", 777).acquire(RUN, () -> {
		})) {
			assertThat(postgres.count(database, "select count(*) from bb_run_lock where host = 'host-b' and pid = 777"))
				.isOne();
			assertThat(postgres.count(database, "select count(*) from bb_run_lock")).isOne();
		}
		assertThat(postgres.count(database, "select count(*) from bb_run_lock")).isZero();
	}

	@Test
	void differentRunsDoNotWaitForEachOther() {
		try (RunLock.Lease one = processOn("host-a", 1).acquire(RUN, () -> {
		}); RunLock.Lease other = processOn("host-b", 2).acquire(OTHER_RUN, () -> {
		})) {
			assertThat(postgres.count(database, "select count(*) from bb_run_lock")).isEqualTo(2);
		}
	}

	@Test
	void whenTheHoldersSessionEndsTheServerFreesTheRunAndTheHolderIsToldToStop() throws InterruptedException {
		CountDownLatch lost = new CountDownLatch(1);
		RunLock.Lease dying = processOn("host-a", 4242).acquire(RUN, lost::countDown);
		try {
			// what kill -9 of the holder, a failover or a DBA does to its session
			assertThat(postgres.terminateSessions(database)).isPositive();

			assertThat(lost.await(5, TimeUnit.SECONDS)).as("the holder is told it lost the run").isTrue();
			try (RunLock.Lease taken = processOn("host-b", 777).acquire(RUN, () -> {
			})) {
				assertThat(postgres.count(database, "select count(*) from bb_run_lock where host = 'host-b'")).isOne();
				assertThat(postgres.count(database, "select count(*) from bb_run_lock where host = 'host-a'")).isZero();
			}
		}
		finally {
			dying.close();
		}
	}

}
