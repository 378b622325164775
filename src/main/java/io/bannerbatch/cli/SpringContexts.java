package io.bannerbatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import io.bannerbatch.BannerBatchApplication;
import io.bannerbatch.abyssale.ApiKey;
import io.bannerbatch.csv.InputProblem;
import io.bannerbatch.state.StateDatabase;

/**
 * Starts the Spring context of a command, with the state directory's H2 database unless {@code --state-db} or
 * {@code SPRING_DATASOURCE_URL} names a PostgreSQL one. H2 locks its file: a second process on the same state
 * directory cannot start, which is what makes recovering a run left "running" safe on one host; on PostgreSQL the run
 * lock does that ({@code io.bannerbatch.state}).
 */
final class SpringContexts {

	private SpringContexts() {
	}

	static ConfigurableApplicationContext start(StateOptions state, Map<String, String> environment,
			Map<String, String> properties, ApiKey apiKey) {
		Path stateDir = state.stateDir.toAbsolutePath().normalize();
		try {
			Files.createDirectories(stateDir);
		}
		catch (IOException ex) {
			throw new InputProblem("--state-dir=" + state.stateDir + ": cannot be created (" + ex.getMessage() + ")", ex);
		}
		StateDatabase database = StateDatabase.select(state.stateDb, environment, stateDir);
		if (database.isInStateDir()) {
			refuseIfInUse(stateDir, database.url());
		}
		SpringApplication application = new SpringApplication(BannerBatchApplication.class);
		Map<String, Object> defaults = new LinkedHashMap<>();
		if (database.isInStateDir()) {
			defaults.putAll(database.springProperties());
		}
		defaults.put("logging.file.name", stateDir.resolve("bannerbatch.log").toString());
		application.setDefaultProperties(defaults);
		application.setLogStartupInfo(false);
		application.addInitializers((context) -> context.getBeanFactory().registerSingleton("apiKey", apiKey));
		if (!database.isInStateDir()) {
			// the chosen database wins over the process's own environment; the password stays out of the arguments
			application.addInitializers((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("stateDatabase", database.springProperties())));
		}
		List<String> arguments = new ArrayList<>();
		properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
		if (state.debug) {
			arguments.add("--logging.level.io.bannerbatch=DEBUG");
			arguments.add("--logging.threshold.console=DEBUG");
		}
		try {
			return application.run(arguments.toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			if (isInUse(ex)) {
				throw inUse(stateDir, ex);
			}
			throw database.explainStartFailure(ex);
		}
	}

	/**
	 * Asks H2 for the state directory's database before Spring starts, so that a second process refuses at once and
	 * in one line: a context that fails on the locked file takes seconds and prints its stack traces to the console.
	 * Opening and closing the database also releases it again; the check after the context start stays for a
	 * process that takes the lock in between.
	 */
	private static void refuseIfInUse(Path stateDir, String url) {
		if (!Files.exists(stateDir.resolve("repository.mv.db"))) {
			return;
		}
		try (Connection connection = new org.h2.Driver().connect(url + ";IFEXISTS=TRUE", new Properties())) {
			// free: the context opens it again
		}
		catch (SQLException ex) {
			if (isInUse(ex)) {
				throw inUse(stateDir, ex);
			}
			// anything else is the context's to report
		}
	}

	private static boolean isInUse(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (String.valueOf(cause.getMessage()).contains("Database may be already in use")) {
				return true;
			}
		}
		return false;
	}

	private static StateInUseException inUse(Path stateDir, Throwable cause) {
		return new StateInUseException("Another bannerbatch process is using the state directory " + stateDir
				+ OwnerFile.describe(stateDir) + ". Wait for it to finish, or give another --state-dir.", cause);
	}

	/** The state is held by another live process. */
	static final class StateInUseException extends RuntimeException {

		StateInUseException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
