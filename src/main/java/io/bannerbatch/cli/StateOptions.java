package io.bannerbatch.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Where the job repository and the ledger live; shared by {@code run} and {@code status}. */
class StateOptions {

	@Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".bannerbatch",
			description = "Where the job repository (H2), the ledger and the log file live. Default: ${DEFAULT-VALUE}"
					+ " (in the current directory). -Dspring.datasource.url or SPRING_DATASOURCE_URL overrides the database.")
	Path stateDir;

	@Option(names = "--debug", description = "Log the API calls and show stack traces.")
	boolean debug;

}
