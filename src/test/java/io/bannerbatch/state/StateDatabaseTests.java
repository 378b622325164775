package io.bannerbatch.state;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.bannerbatch.CommandRun;
import io.bannerbatch.csv.InputProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Which database a command uses, and that its password never comes from, or goes to, the command line. */
class StateDatabaseTests {

	static final Path STATE_DIR = Path.of("/var/lib/bannerbatch/state");

	@Test
	void theStateDirectorysH2IsTheDefault() {
		StateDatabase database = StateDatabase.select(null, Map.of(), STATE_DIR);

		assertThat(database.isInStateDir()).isTrue();
		assertThat(database.springProperties()).containsExactly(Map.entry("spring.datasource.url",
				"jdbc:h2:file:/var/lib/bannerbatch/state/repository;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"));
	}

	@Test
	void stateDbWinsOverTheEnvironmentWhichWinsOverTheStateDirectory() {
		Map<String, String> environment = Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://env-host/db",
				"SPRING_DATASOURCE_USERNAME", "batch", "SPRING_DATASOURCE_PASSWORD", "s3cret");

		assertThat(StateDatabase.select("jdbc:postgresql://option-host/db", environment, STATE_DIR).springProperties())
			.containsEntry("spring.datasource.url", "jdbc:postgresql://option-host/db")
			.containsEntry("spring.datasource.username", "batch")
			.containsEntry("spring.datasource.password", "s3cret");
		assertThat(StateDatabase.select(null, environment, STATE_DIR).springProperties())
			.containsEntry("spring.datasource.url", "jdbc:postgresql://env-host/db");
	}

	@Test
	void aStateDbThatCarriesAPasswordIsRefused() {
		for (String url : new String[] { "jdbc:postgresql://db/bb?user=batch&password=s3cret",
				"jdbc:postgresql://db/bb?PASSWORD=s3cret", "jdbc:postgresql://db/bb?sslpassword=s3cret",
				"jdbc:postgresql://batch:s3cret@db/bb" }) {
			assertThatExceptionOfType(InputProblem.class).as(url)
				.isThrownBy(() -> StateDatabase.select(url, Map.of(), STATE_DIR))
				.withMessageContaining("SPRING_DATASOURCE_PASSWORD")
				.withMessageNotContaining("s3cret");
		}
		assertThat(StateDatabase.select("jdbc:postgresql://db:5432/bb?user=batch&ssl=true", Map.of(), STATE_DIR))
			.hasToString("jdbc:postgresql://db:5432/bb?user=batch&ssl=true");
	}

	@Test
	void theCommandRefusesAPasswordInStateDbWithExitTwoBeforeTouchingAnything() {
		CommandRun refused = CommandRun.of("status", "--state-db=jdbc:postgresql://127.0.0.1:1/bb?password=s3cret",
				"--state-dir=" + System.getProperty("java.io.tmpdir") + "/bannerbatch-state-db-tests");

		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
		assertThat(refused.err()).contains("--state-db must not carry the password", "set SPRING_DATASOURCE_PASSWORD");
		assertThat(refused.toString()).doesNotContain("s3cret");
	}

	@Test
	void onlyPostgresqlUrlsAreAccepted() {
		assertThatExceptionOfType(InputProblem.class)
			.isThrownBy(() -> StateDatabase.select("jdbc:mysql://db/bb", Map.of(), STATE_DIR))
			.withMessageContaining("jdbc:postgresql://HOST:PORT/DATABASE");
	}

	@Test
	void aUrlFromTheEnvironmentIsShownWithoutItsPassword() {
		StateDatabase database = StateDatabase.select(null,
				Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://db/bb?password=s3cret&ssl=true"), STATE_DIR);

		assertThat(database).hasToString("jdbc:postgresql://db/bb?password=****&ssl=true");
		assertThat(StateDatabase.redact("jdbc:postgresql://batch:s3cret@db/bb")).isEqualTo("jdbc:postgresql://****@db/bb");
	}

}
