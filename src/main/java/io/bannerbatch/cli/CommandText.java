package io.bannerbatch.cli;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The command as typed, for {@code status} to show how to resume a run. Secrets never reach argv (the key and the
 * database password come from the environment only), so it can be stored.
 */
final class CommandText {

	private static volatile List<String> arguments = List.of();

	private CommandText() {
	}

	static void remember(String[] args) {
		arguments = List.of(args);
	}

	static String current() {
		return "java -jar bannerbatch.jar "
				+ arguments.stream().map(CommandText::quoted).collect(Collectors.joining(" "));
	}

	private static String quoted(String argument) {
		return argument.matches("[A-Za-z0-9_./:=,@%+-]+") ? argument : "'" + argument.replace("'", "'\\''") + "'";
	}

}
