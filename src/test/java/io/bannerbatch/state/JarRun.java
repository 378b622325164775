package io.bannerbatch.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar target/bannerbatch.jar ...} as a process of its own, in a working directory of its own: what a
 * second host, or a second container, is to the job.
 */
final class JarRun {

	private final Process process;

	private final Path directory;

	private final long startedNanos;

	private final Instant started;

	private long endedNanos;

	private JarRun(Process process, Path directory, long startedNanos, Instant started) {
		this.process = process;
		this.directory = directory;
		this.startedNanos = startedNanos;
		this.started = started;
	}

	static JarRun start(Path directory, Map<String, String> environment, String... args) throws IOException {
		String jar = System.getProperty("bannerbatch.jar");
		if (jar == null || !Files.exists(Path.of(jar))) {
			throw new IllegalStateException("No bannerbatch.jar (" + jar + "): run the *IT tests with ./mvnw verify");
		}
		Files.createDirectories(directory);
		List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				// the tests wait for the sandbox, not for Abyssale
				"-Dbannerbatch.job.first-poll-delay=100ms", "-Dbannerbatch.api.retry-delay=20ms",
				// the log file then says when the process tried the run lock
				"-Dlogging.level.io.bannerbatch.state=DEBUG", "-jar", jar));
		line.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(line).directory(directory.toFile())
			.redirectOutput(directory.resolve("stdout.txt").toFile())
			.redirectError(directory.resolve("stderr.txt").toFile());
		builder.environment().putAll(environment);
		Instant started = Instant.now();
		return new JarRun(builder.start(), directory, System.nanoTime(), started);
	}

	long pid() {
		return this.process.pid();
	}

	int exitCode(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			this.process.destroyForcibly().waitFor();
			throw new AssertionError("still running after " + timeout + ":\n" + this);
		}
		if (this.endedNanos == 0) {
			this.endedNanos = System.nanoTime();
		}
		return this.process.exitValue();
	}

	/** From start to trying the run lock: starting the JVM and Spring, reading the input. */
	Duration untilTheLock() {
		return log().lines()
			.filter((line) -> line.contains("Taking the run lock"))
			.findFirst()
			.map((line) -> Duration.between(this.started, OffsetDateTime.parse(line.substring(0, line.indexOf(' ')))))
			.orElseThrow(() -> new AssertionError("never tried the run lock:\n" + this));
	}

	/** From start to exit, as the caller saw it (measured when it waited). */
	Duration duration() {
		return Duration.ofNanos(this.endedNanos - this.startedNanos);
	}

	/** kill -9: no shutdown hook, no finally, the sockets closed by the kernel. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly().waitFor();
		this.endedNanos = System.nanoTime();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	String out() {
		return read("stdout.txt");
	}

	String err() {
		return read("stderr.txt");
	}

	String log() {
		return read(".bannerbatch/bannerbatch.log");
	}

	private String read(String name) {
		try {
			Path file = this.directory.resolve(name);
			return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			return "(" + ex.getMessage() + ")";
		}
	}

	@Override
	public String toString() {
		return "process " + pid() + " in " + this.directory + "\n--- out\n" + out() + "--- err\n" + err();
	}

}
