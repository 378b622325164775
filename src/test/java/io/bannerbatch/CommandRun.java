package io.bannerbatch;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.bannerbatch.cli.Cli;
import io.bannerbatch.cli.Invocation;

/** Runs the command line in this JVM with its own environment, and keeps what it printed. */
public record CommandRun(int exitCode, String out, String err) {

	public static final String TEST_API_KEY = "test-key-3f9a1c7e5b2d";

	public static CommandRun of(String... args) {
		return withEnvironment(Map.of("ABYSSALE_API_KEY", TEST_API_KEY), args);
	}

	public static CommandRun withEnvironment(Map<String, String> environment, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = Cli.execute(new Invocation(new HashMap<>(environment), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8)), args);
		return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		return "exit " + this.exitCode + "\n--- out\n" + this.out + "--- err\n" + this.err;
	}

}
