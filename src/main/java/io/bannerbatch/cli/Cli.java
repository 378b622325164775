package io.bannerbatch.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;

import picocli.CommandLine;

/**
 * Parses the command line before anything starts, so that a misspelled option costs a line of usage and exit code 2,
 * not a Spring context. picocli rather than Spring Boot's runner: subcommands, typed options with defaults in
 * {@code --help}, and usage errors for free.
 */
public final class Cli {

	private Cli() {
	}

	public static int execute(String... args) {
		return execute(Invocation.system(), args);
	}

	public static int execute(Invocation invocation, String... args) {
		CommandText.remember(args);
		return commandLine(invocation).execute(args);
	}

	static CommandLine commandLine(Invocation invocation) {
		CommandLine commandLine = new CommandLine(BannerBatchCommand.class, new Factory(invocation));
		commandLine.setOut(new PrintWriter(invocation.out(), true));
		commandLine.setErr(new PrintWriter(invocation.err(), true));
		commandLine.setCaseInsensitiveEnumValuesAllowed(true);
		commandLine.registerConverter(java.time.Duration.class, Durations::parse);
		commandLine.setParameterExceptionHandler((ex, args) -> {
			CommandLine failed = ex.getCommandLine();
			failed.getErr().println(ex.getMessage());
			failed.getErr().print("Usage: " + failed.getHelp().synopsis(0));
			failed.getErr().println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for every option.");
			return 2;
		});
		return commandLine;
	}

	/** Gives each command that wants it the {@link Invocation}. */
	private record Factory(Invocation invocation) implements CommandLine.IFactory {

		@Override
		public <K> K create(Class<K> type) throws Exception {
			try {
				Constructor<K> constructor = type.getDeclaredConstructor(Invocation.class);
				constructor.setAccessible(true);
				return constructor.newInstance(this.invocation);
			}
			catch (NoSuchMethodException ex) {
				return CommandLine.defaultFactory().create(type);
			}
		}

	}

}
