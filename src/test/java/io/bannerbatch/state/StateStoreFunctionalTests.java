package io.bannerbatch.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.bannerbatch.FastSandbox;
import io.bannerbatch.CommandRun;
import io.bannerbatch.sandbox.Sandbox;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job's promises, the same on both state databases: the bundled catalog against the sandbox, a rerun of a
 * completed run that makes no call, a second night that reuses every banner, and {@code status}. On PostgreSQL the
 * database starts empty: Spring Batch's and bannerbatch's tables are created on first use.
 */
@ParameterizedClass(name = "state in {0}")
@EnumSource(StateStoreFunctionalTests.Store.class)
class StateStoreFunctionalTests {

	enum Store {

		H2, POSTGRESQL

	}

	@RegisterExtension
	static PostgresServer postgres = PostgresServer.shared();

	@Parameter
	Store store;

	@TempDir
	Path work;

	Sandbox sandbox;

	String database;

	@BeforeEach
	void startSandbox() {
		this.sandbox = Sandbox.start(FastSandbox.settings());
		if (this.store == Store.POSTGRESQL) {
			this.database = postgres.createDatabase("functional");
		}
	}

	@AfterEach
	void stopSandbox() {
		this.sandbox.close();
	}

	CommandRun command(String... args) {
		List<String> line = new ArrayList<>(List.of(args));
		line.add("--state-dir=" + this.work.resolve("state"));
		if (this.store == Store.POSTGRESQL) {
			line.add("--state-db=" + this.database);
			return CommandRun.withEnvironment(postgres.environment(CommandRun.TEST_API_KEY), line.toArray(String[]::new));
		}
		return CommandRun.withEnvironment(Map.of("ABYSSALE_API_KEY", CommandRun.TEST_API_KEY), line.toArray(String[]::new));
	}

	CommandRun run(String... extra) {
		List<String> args = new ArrayList<>(List.of("run", "--input=sample-data/catalog.csv",
				"--mapping=sample-data/mapping.yml", "--api-url=" + this.sandbox.baseUrl(), "--rate-limit=0",
				"--output=" + this.work.resolve("catalog.results.csv")));
		args.addAll(List.of(extra));
		return command(args.toArray(String[]::new));
	}

	List<CSVRecord> results() throws IOException {
		return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
			.parse(Files.newBufferedReader(this.work.resolve("catalog.results.csv"), StandardCharsets.UTF_8))
			.getRecords();
	}

	long generateCalls() {
		return this.sandbox.counts().calls("POST generate");
	}

	@Test
	void generatesTheCatalogAndARerunOfTheCompletedRunMakesNoCall() throws IOException {
		CommandRun first = run();

		assertThat(first.exitCode()).as(first.toString()).isZero();
		assertThat(first.out()).contains("COMPLETED: 44 rows, 0 rejected, 44 generation requests, 132 banners generated");
		assertThat(results()).hasSize(44 * 3).allMatch((line) -> line.get("status").equals("GENERATED"));
		assertThat(results().stream().map((line) -> line.get("banner_id")).distinct()).hasSize(132);
		assertThat(generateCalls()).isEqualTo(44);
		assertThat(this.sandbox.counts().duplicateSubmissions()).isEmpty();
		assertThat(this.sandbox.counts().exports()).isOne();
		assertThat(Files.readString(this.work.resolve("catalog.results.summary.json")))
			.contains("\"status\" : \"COMPLETED\"", "\"rows\" : 44", "\"banners_generated\" : 132");
		assertThat(this.work.resolve("catalog.results.report.html")).isNotEmptyFile();
		if (this.store == Store.POSTGRESQL) {
			// the state really is in PostgreSQL, not in a state directory beside it
			assertThat(postgres.count(this.database, "select count(*) from bb_ledger_row where status = 'DONE'")).isEqualTo(44);
			assertThat(postgres.count(this.database, "select count(*) from batch_job_execution where status = 'COMPLETED'"))
				.isOne();
			assertThat(this.work.resolve("state/repository.mv.db")).doesNotExist();
		}
		long callsAfterTheRun = this.sandbox.counts().callsByEndpoint().values().stream().mapToLong(Long::longValue).sum();

		CommandRun again = run();

		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(again.out()).contains("This run already completed", "catalog.results.csv", "Use --new-run");
		assertThat(this.sandbox.counts().callsByEndpoint().values().stream().mapToLong(Long::longValue).sum())
			.isEqualTo(callsAfterTheRun);
	}

	@Test
	void aSecondNightReusesEveryBannerAndStatusShowsBothRuns() throws IOException {
		assertThat(run("--new-run").exitCode()).isZero();
		List<CSVRecord> first = results();

		CommandRun second = run("--new-run");

		assertThat(second.exitCode()).as(second.toString()).isZero();
		assertThat(generateCalls()).isEqualTo(44);
		assertThat(second.out()).contains("132 banners generated (132 reused)",
				"since the last run: 0 new, 0 changed, 44 unchanged, 0 removed");
		List<CSVRecord> reused = results();
		assertThat(reused).hasSize(132);
		for (int i = 0; i < first.size(); i++) {
			assertThat(reused.get(i).get("banner_id")).isEqualTo(first.get(i).get("banner_id"));
			assertThat(reused.get(i).get("reused")).isEqualTo("true");
		}

		CommandRun status = command("status");

		assertThat(status.exitCode()).as(status.toString()).isZero();
		assertThat(status.out().lines().filter((line) -> line.startsWith("run ") && line.contains("COMPLETED")))
			.hasSize(2);
		assertThat(status.out()).contains("catalog.csv", "44 rows, 0 rejected, 44 generation requests, 132 banners generated",
				"44 rows, 0 rejected, 0 generation requests, 132 banners generated");
	}

}
