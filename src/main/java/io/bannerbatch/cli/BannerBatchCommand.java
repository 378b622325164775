package io.bannerbatch.cli;

import picocli.CommandLine.Command;

/** {@code bannerbatch}: the top command, which only lists its subcommands. */
@Command(name = "bannerbatch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
		description = "Turns a CSV into Abyssale banners: a restartable batch job.",
		subcommands = { RunCommand.class, StatusCommand.class, SandboxCommand.class })
class BannerBatchCommand implements Runnable {

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		throw new picocli.CommandLine.ParameterException(this.spec.commandLine(), "Missing a command: run, status or sandbox");
	}

}
