package io.bannerbatch.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.fail;

/**
 * The packaged {@code bannerbatch.jar} running as a process of its own, its output in files: what a user, cron or a
 * container runtime starts, kills ({@code kill -9}) and stops ({@code SIGTERM}).
 */
final class JarProcess implements AutoCloseable {

	private static final AtomicInteger launches = new AtomicInteger();

	private final Process process;

	private final Path out;

	private final Path err;

	private final String description;

	private JarProcess(Process process, Path out, Path err, String description) {
		this.process = process;
		this.out = out;
		this.err = err;
		this.description = description;
	}

	/** {@code java -jar bannerbatch.jar <arguments>} with these extra environment variables. */
	static JarProcess start(Path logs, Map<String, String> environment, List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// short-lived JVMs: C1 only starts faster and changes nothing the tests look at
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-jar");
		command.add(jar().toString());
		command.addAll(arguments);
		int launch = launches.incrementAndGet();
		try {
			Files.createDirectories(logs);
			Path out = logs.resolve("process-" + launch + ".out");
			Path err = logs.resolve("process-" + launch + ".err");
			ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
			builder.environment().remove("SPRING_DATASOURCE_URL");
			builder.environment().remove("ABYSSALE_API_KEY");
			builder.environment().putAll(environment);
			return new JarProcess(builder.start(), out, err, "process " + launch + ": " + String.join(" ", arguments));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Path jar() {
		String jar = System.getProperty("bannerbatch.jar");
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			fail("system property bannerbatch.jar must name the packaged jar (failsafe sets it), was " + jar);
		}
		return Path.of(jar);
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** Waits for the exit, failing (and killing the process) when it takes longer than {@code timeout}. */
	int waitFor(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				fail("did not exit within " + timeout + ": " + this);
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** {@code kill -9}: no shutdown hook, no finally block, nothing flushed. */
	void kill() {
		this.process.destroyForcibly();
		waitFor(Duration.ofSeconds(20));
	}

	/** {@code SIGTERM}, as a container runtime or {@code kill} sends it. */
	void terminate() {
		this.process.destroy();
	}

	String out() {
		return read(this.out);
	}

	String err() {
		return read(this.err);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(" + ex + ")";
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
		}
	}

	@Override
	public String toString() {
		return this.description + "\n--- out\n" + out() + "--- err\n" + err();
	}

}
