package io.bannerbatch.reliability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code run} command line the process tests start, stop, kill and start again: always the same command. */
record JobCommand(SandboxProcess sandbox, Path input, Path work, List<String> extra) {

	static final Map<String, String> ENVIRONMENT = Map.of("ABYSSALE_API_KEY", "anything");

	static final int CONCURRENCY = 8;

	static JobCommand of(SandboxProcess sandbox, Path input, Path work, String... extra) {
		return new JobCommand(sandbox, input, work, List.of(extra));
	}

	Path output() {
		return this.work.resolve("out/catalog.results.csv");
	}

	Path summary() {
		return this.work.resolve("out/catalog.results.summary.json");
	}

	Path stateDir() {
		return this.work.resolve("state");
	}

	Path logs() {
		return this.work.resolve("logs");
	}

	List<String> arguments() {
		List<String> arguments = new ArrayList<>(List.of("run", "--input=" + this.input,
				"--mapping=" + Catalogs.MAPPING.toAbsolutePath(), "--api-url=" + this.sandbox.baseUrl(),
				"--rate-limit=40", "--concurrency=" + CONCURRENCY, "--state-dir=" + stateDir(), "--output=" + output(),
				"--progress-interval=2s"));
		arguments.addAll(this.extra);
		return arguments;
	}

	JarProcess start() {
		return JarProcess.start(logs(), ENVIRONMENT, arguments());
	}

	/** {@code status} on the same state directory, run to its end. */
	JarProcess status() {
		JarProcess status = JarProcess.start(logs(), Map.of(), List.of("status", "--state-dir=" + stateDir()));
		status.waitFor(java.time.Duration.ofMinutes(1));
		return status;
	}

}
