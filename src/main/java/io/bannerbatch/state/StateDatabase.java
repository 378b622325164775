package io.bannerbatch.state;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.util.PSQLException;

import io.bannerbatch.csv.InputProblem;

/**
 * Where the job repository and the ledger live: H2 in the state directory by default, or the PostgreSQL database of
 * {@code --state-db} or {@code SPRING_DATASOURCE_URL}, shared by every host that runs the job. The password comes from
 * {@code SPRING_DATASOURCE_PASSWORD} only: argv is visible to every user of the host, so a URL that carries one is
 * refused, and {@link #toString()} and every message here show the URL without its credentials.
 */
public final class StateDatabase {

	public static final String URL_VARIABLE = "SPRING_DATASOURCE_URL";

	public static final String USERNAME_VARIABLE = "SPRING_DATASOURCE_USERNAME";

	public static final String PASSWORD_VARIABLE = "SPRING_DATASOURCE_PASSWORD";

	static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

	/** {@code password=} or {@code sslpassword=} as a URL parameter ({@code ?}, {@code &} or H2's {@code ;}). */
	private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;](?:ssl)?password=)[^&;]*");

	/** {@code user:secret@} in front of the host. */
	private static final Pattern USER_INFO = Pattern.compile("(?i)^(jdbc:[a-z0-9]+://)([^/@?]*)@");

	private static final Pattern PERMISSION_ON = Pattern.compile("permission denied for (schema|table|sequence|database) (\\S+)");

	private final String url;

	private final String username;

	private final String password;

	private final boolean inStateDir;

	private StateDatabase(String url, String username, String password, boolean inStateDir) {
		this.url = url;
		this.username = username;
		this.password = password;
		this.inStateDir = inStateDir;
	}

	/**
	 * The database this command uses: {@code --state-db}, else {@code SPRING_DATASOURCE_URL}, else H2 in the state
	 * directory.
	 * @param stateDb the {@code --state-db} option, or null
	 * @param environment the command's environment (never {@code System.getenv()} directly: tests pass their own)
	 * @param stateDir the state directory (absolute)
	 * @throws InputProblem when the URL carries a password or is not a PostgreSQL URL
	 */
	public static StateDatabase select(String stateDb, Map<String, String> environment, Path stateDir) {
		String username = blankToNull(environment.get(USERNAME_VARIABLE));
		String password = blankToNull(environment.get(PASSWORD_VARIABLE));
		if (stateDb != null) {
			String url = stateDb.strip();
			if (PASSWORD_PARAMETER.matcher(url).find() || hasPasswordInUserInfo(url)) {
				throw new InputProblem("--state-db must not carry the password (the command line is visible to every "
						+ "user of this host): remove it from the URL and set " + PASSWORD_VARIABLE + " instead.");
			}
			return new StateDatabase(postgresql(url, "--state-db"), username, password, false);
		}
		String url = blankToNull(environment.get(URL_VARIABLE));
		if (url != null) {
			return new StateDatabase(postgresql(url.strip(), URL_VARIABLE), username, password, false);
		}
		// WRITE_DELAY=0: a commit is in the file when it returns. With H2's default (500 ms) kill -9 lost the last
		// commits: a ledger row recorded before its paid call vanished, and the rerun paid for it again, silently.
		return new StateDatabase("jdbc:h2:file:" + stateDir.resolve("repository") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
				null, null, true);
	}

	/** The JDBC URL (never with a password: that comes from the environment only). */
	public String url() {
		return this.url;
	}

	/** True for the default H2 database in the state directory, whose file lock keeps a second process out. */
	public boolean isInStateDir() {
		return this.inStateDir;
	}

	/** The Spring properties that point the context at this database. */
	public Map<String, Object> springProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", this.url);
		if (!this.inStateDir) {
			properties.put("spring.datasource.username", (this.username != null) ? this.username : "");
			properties.put("spring.datasource.password", (this.password != null) ? this.password : "");
			// names the pool's sessions in pg_stat_activity, beside the run lock's own
			properties.put("spring.datasource.hikari.data-source-properties.ApplicationName", "bannerbatch");
			// a shared server: open connections as the run needs them, not the whole pool at start on every host
			properties.put("spring.datasource.hikari.minimum-idle", "2");
		}
		return properties;
	}

	/**
	 * What a failed start means for the user: a missing right or a refused login is configuration (exit 2, with what
	 * to fix); an unreachable server is worth another try later. Anything else is returned as it is.
	 */
	public RuntimeException explainStartFailure(RuntimeException failure) {
		if (this.inStateDir) {
			return failure;
		}
		Optional<SQLException> sql = sqlCause(failure);
		if (sql.isEmpty()) {
			return failure;
		}
		String state = String.valueOf(sql.get().getSQLState());
		String message = serverMessage(sql.get());
		if (state.equals("42501")) {
			return new InputProblem(message + ": " + neededRight(message) + " (state database " + this + ")", failure);
		}
		// 28: authentication failed; 08004: refused before that, e.g. a password is required and none was given
		if (state.startsWith("28") || state.equals("08004")) {
			return new InputProblem("The state database " + this + " refused the login (" + message + "): set "
					+ USERNAME_VARIABLE + " and " + PASSWORD_VARIABLE + ".", failure);
		}
		if (state.equals("3D000")) {
			return new InputProblem("The state database " + this + " does not exist (" + message
					+ "): create it (createdb), or fix the URL.", failure);
		}
		if (state.startsWith("08")) {
			return new StateUnavailableException("Cannot reach the state database " + this + " (" + message
					+ "); nothing was done.", failure);
		}
		return failure;
	}

	/** The URL without its credentials. */
	@Override
	public String toString() {
		return redact(this.url);
	}

	/** A JDBC URL with any password parameter or {@code user:password@} masked. */
	public static String redact(String url) {
		String redacted = PASSWORD_PARAMETER.matcher(url).replaceAll("$1****");
		Matcher userInfo = USER_INFO.matcher(redacted);
		return userInfo.find() ? userInfo.replaceFirst("$1****@") : redacted;
	}

	private String neededRight(String message) {
		String user = (this.username != null) ? this.username : "the database user";
		Matcher denied = PERMISSION_ON.matcher(message);
		String object = denied.find() ? denied.group(1) : "";
		if (object.equals("schema")) {
			String schema = denied.group(2);
			return "the user needs CREATE on schema " + schema + " to create bannerbatch's and Spring Batch's tables on"
					+ " first use (GRANT CREATE ON SCHEMA " + schema + " TO " + user + "), or let the schema's owner run"
					+ " bannerbatch once to create them";
		}
		if (object.equals("table") || object.equals("sequence")) {
			return "the user needs SELECT, INSERT, UPDATE and DELETE on the BATCH_* and bb_* tables and USAGE on the "
					+ "BATCH_* sequences";
		}
		return "the user " + user + " lacks a right bannerbatch needs";
	}

	private static String postgresql(String url, String source) {
		if (!url.startsWith(POSTGRESQL_PREFIX)) {
			throw new InputProblem(source + "=" + redact(url) + ": give a PostgreSQL URL, "
					+ "jdbc:postgresql://HOST:PORT/DATABASE (for H2 in a directory, use --state-dir).");
		}
		return url;
	}

	private static boolean hasPasswordInUserInfo(String url) {
		Matcher userInfo = USER_INFO.matcher(url);
		return userInfo.find() && userInfo.group(2).contains(":");
	}

	private static Optional<SQLException> sqlCause(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return Optional.of(sql);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return Optional.empty();
	}

	private static String serverMessage(SQLException sql) {
		if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null
				&& psql.getServerErrorMessage().getMessage() != null) {
			return psql.getServerErrorMessage().getMessage();
		}
		String message = String.valueOf(sql.getMessage());
		int newline = message.indexOf('\n');
		return (newline > 0) ? message.substring(0, newline) : message;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/** The state database cannot be reached now: resumable, exit 1. */
	public static final class StateUnavailableException extends RuntimeException {

		StateUnavailableException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
