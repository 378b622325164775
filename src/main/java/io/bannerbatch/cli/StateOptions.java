package io.bannerbatch.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Where the job repository and the ledger live; shared by {@code run} and {@code status}. */
class StateOptions {

	@Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".bannerbatch",
			description = "Where the job repository (H2), the ledger and the log file live. Default: ${DEFAULT-VALUE}"
					+ " (in the current directory).")
	Path stateDir;

	@Option(names = "--state-db", paramLabel = "JDBC_URL",
			description = "A shared PostgreSQL database for the job repository and the ledger instead of H2 in"
					+ " --state-dir, e.g. jdbc:postgresql://db:5432/bannerbatch (or SPRING_DATASOURCE_URL). User and"
					+ " password from SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD only. The log file stays"
					+ " in --state-dir.")
	String stateDb;

	@Option(names = "--debug", description = "Log the API calls and show stack traces.")
	boolean debug;

}
