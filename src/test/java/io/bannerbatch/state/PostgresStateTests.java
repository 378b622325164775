package io.bannerbatch.state;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
 * What is particular to a shared PostgreSQL: first use by a user without the right to create tables, a database that
 * already holds other tables, the password that never shows, and a connection lost in the middle of a run.
 */
class PostgresStateTests {

	@RegisterExtension
	static PostgresServer postgres = PostgresServer.shared();

	@TempDir
	Path work;

	Sandbox sandbox;

	String database;

	@BeforeEach
	void startSandbox() {
		this.sandbox = Sandbox.start(FastSandbox.settings());
		this.database = postgres.createDatabase("postgres_state");
	}

	@AfterEach
	void stopSandbox() {
		this.sandbox.close();
	}

	CommandRun run(Map<String, String> environment, String... extra) {
		List<String> args = new ArrayList<>(List.of("run", "--input=sample-data/catalog.csv",
				"--mapping=sample-data/mapping.yml", "--api-url=" + this.sandbox.baseUrl(),
				"--output=" + this.work.resolve("catalog.results.csv"), "--state-dir=" + this.work.resolve("state"),
				"--state-db=" + this.database));
		args.addAll(List.of(extra));
		return CommandRun.withEnvironment(environment, args.toArray(String[]::new));
	}

	CommandRun run(String... extra) {
		return run(postgres.environment(CommandRun.TEST_API_KEY), extra);
	}

	@Test
	void aUserWithoutTheRightToCreateTablesIsToldWhichRightWithExitTwoAndNothingIsSpent() {
		postgres.execute("postgres", "create role no_create_user login password 'Reader-pass-1'");
		Map<String, String> reader = Map.of("ABYSSALE_API_KEY", CommandRun.TEST_API_KEY, "SPRING_DATASOURCE_USERNAME",
				"no_create_user", "SPRING_DATASOURCE_PASSWORD", "Reader-pass-1");

		CommandRun refused = run(reader, "--rate-limit=0");

		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
		assertThat(refused.err()).contains("permission denied for schema public: the user needs CREATE on schema public",
				"GRANT CREATE ON SCHEMA public TO no_create_user");
		assertThat(this.sandbox.counts().calls("POST generate")).isZero();

		postgres.execute(this.database, "grant create on schema public to no_create_user");
		CommandRun granted = CommandRun.withEnvironment(reader, "status", "--state-db=" + this.database,
				"--state-dir=" + this.work.resolve("state"));

		assertThat(granted.exitCode()).as(granted.toString()).isZero();
		assertThat(granted.out()).contains("No runs yet");
	}

	@Test
	void aDatabaseThatAlreadyHoldsOtherTablesGetsEveryTableOnFirstUse() {
		// a shared database: another application's tables are there first
		postgres.execute(this.database, "create table invoices (id bigint primary key)",
				"create table customers (id bigint primary key)");

		CommandRun first = run("--rate-limit=0", "--limit=3");

		assertThat(first.exitCode()).as(first.toString()).isZero();
		assertThat(postgres.count(this.database, "select count(*) from bb_ledger_row")).isEqualTo(3);
		assertThat(postgres.count(this.database, "select count(*) from bb_schema_history where success and version in "
				+ "('1', '2', '3')")).isEqualTo(3);
	}

	@Test
	void thePasswordNeverShowsEvenWithEveryLoggerAtDebug() throws IOException {
		CommandRun debug = capturingTheConsole(() -> {
			System.setProperty("logging.level.root", "DEBUG");
			try {
				return run("--rate-limit=0", "--limit=2", "--debug");
			}
			finally {
				System.clearProperty("logging.level.root");
			}
		});
		assertThat(debug.exitCode()).as(debug.toString()).isZero();
		Map<String, String> wrong = new HashMap<>(postgres.environment(CommandRun.TEST_API_KEY));
		wrong.put("SPRING_DATASOURCE_PASSWORD", "Wrong-pass-9d2f");
		CommandRun refused = capturingTheConsole(() -> run(wrong, "--rate-limit=0", "--limit=2", "--debug"));

		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
		assertThat(refused.err()).contains("refused the login", "password authentication failed for user \"bannerbatch\"",
				"set SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD");
		CommandRun status = run(Map.of("SPRING_DATASOURCE_USERNAME", PostgresServer.USER, "SPRING_DATASOURCE_PASSWORD",
				PostgresServer.PASSWORD), "--dry-run");
		StringBuilder everything = new StringBuilder(debug.toString()).append(refused).append(status);
		try (Stream<Path> files = Files.walk(this.work)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				everything.append(Files.readString(file, StandardCharsets.ISO_8859_1));
			}
		}
		assertThat(everything.toString()).contains("DEBUG", "HikariPool")
			.doesNotContain(PostgresServer.PASSWORD)
			.doesNotContain("Wrong-pass-9d2f");
		assertThat(postgres.count(this.database, "select count(*) from batch_job_execution_params where "
				+ "parameter_value like '%pass%'")).isZero();
	}

	@Test
	void aConnectionLostInTheMiddleOfARunEndsItResumablyAndTheRerunCompletes() throws Exception {
		CompletableFuture<CommandRun> running = CompletableFuture.supplyAsync(() -> run("--rate-limit=20"));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (this.sandbox.counts().calls("POST generate") < 10 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(this.sandbox.counts().calls("POST generate")).as("the run got going").isBetween(10L, 40L);

		// what a failover, a server restart or a DBA does to the job's sessions, the run lock's included
		assertThat(postgres.terminateSessions(this.database)).isPositive();
		CommandRun interrupted = running.get(60, TimeUnit.SECONDS);

		assertThat(interrupted.exitCode()).as(interrupted.toString()).isEqualTo(1);
		assertThat(interrupted.err()).contains("Run the same command again to resume");

		CommandRun resumed = run("--rate-limit=0");

		assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
		assertThat(Files.readAllLines(this.work.resolve("catalog.results.csv"))).hasSize(1 + 44 * 3)
			.filteredOn((line) -> line.contains(",GENERATED,"))
			.hasSize(44 * 3);
		// at most the calls in flight when the sessions ended (--concurrency, 8) may have been sent twice
		assertThat(this.sandbox.counts().duplicateSubmissions().values().stream().mapToLong((count) -> count - 1).sum())
			.isLessThanOrEqualTo(8);
		assertThat(this.sandbox.counts().exports()).isOne();
	}

	interface Command {

		CommandRun run();

	}

	/** Runs a command with the JVM's own stdout and stderr (where the logging's console goes) captured too. */
	static CommandRun capturingTheConsole(Command command) {
		PrintStream out = System.out;
		PrintStream err = System.err;
		ByteArrayOutputStream console = new ByteArrayOutputStream();
		PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
		System.setOut(capture);
		System.setErr(capture);
		CommandRun run;
		try {
			run = command.run();
		}
		finally {
			System.setOut(out);
			System.setErr(err);
		}
		return new CommandRun(run.exitCode(), run.out() + "\n--- console\n" + console.toString(StandardCharsets.UTF_8),
				run.err());
	}

}
