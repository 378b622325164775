package io.bannerbatch.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bannerbatch.CommandRun;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A state directory written by an earlier version keeps working: its ledger tables are migrated, its runs stay
 * visible. The fixture is a real H2 file made by the first schema version (a completed run of three rows).
 */
class StateUpgradeTests {

	@TempDir
	Path work;

	@Test
	void aStateDirectoryFromSchemaVersionOneIsMigratedAndItsRunsStayVisible() throws IOException, SQLException {
		Path state = this.work.resolve("state");
		Files.createDirectories(state);
		Files.copy(Path.of("src/test/resources/state/schema-v1/repository.mv.db"), state.resolve("repository.mv.db"));

		CommandRun status = CommandRun.of("status", "--state-dir=" + state);

		assertThat(status.exitCode()).as(status.toString()).isZero();
		assertThat(status.out()).contains("COMPLETED", "3 rows, 1 rejected, 2 generation requests, 3 banners generated");
		try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + state.resolve("repository"), "", "")) {
			assertThat(query(connection, "select \"version\" from \"bb_schema_history\" where \"success\" and \"version\" is not null order by \"installed_rank\""))
				.containsExactly("1", "2", "3");
			assertThat(query(connection, "select count(*) from bb_ledger_line where reused = false")).containsExactly("6");
			assertThat(query(connection, "select count(*) from bb_banner")).containsExactly("0");
		}
	}

	private static List<String> query(Connection connection, String sql) throws SQLException {
		List<String> values = new ArrayList<>();
		try (ResultSet rs = connection.createStatement().executeQuery(sql)) {
			while (rs.next()) {
				values.add(rs.getString(1));
			}
		}
		return values;
	}

}
