package io.bannerbatch.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What a command may read and write besides its arguments: the environment (where the API key comes from) and the
 * two output streams. Tests pass their own.
 *
 * @param environment environment variables
 * @param out standard output
 * @param err standard error
 */
public record Invocation(Map<String, String> environment, PrintStream out, PrintStream err) {

	public static Invocation system() {
		return new Invocation(System.getenv(), System.out, System.err);
	}

	String variable(String name) {
		return this.environment.get(name);
	}

}
