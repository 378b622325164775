package io.bannerbatch.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

import io.bannerbatch.sandbox.SandboxCounts;

import static org.assertj.core.api.Assertions.fail;

/**
 * {@code bannerbatch.jar sandbox} in a process of its own, so that it outlives every run killed against it and its
 * counts ({@code GET /_sandbox/counts}) are the witness of what was really paid for.
 */
final class SandboxProcess implements AutoCloseable {

	private static final Pattern LISTENING = Pattern.compile("Sandbox listening on (http://127\\.0\\.0\\.1:\\d+)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JarProcess process;

	private final String baseUrl;

	private SandboxProcess(JarProcess process, String baseUrl) {
		this.process = process;
		this.baseUrl = baseUrl;
	}

	/** A sandbox on a free port, with these {@code --sandbox-*} options; returns once it answers. */
	static SandboxProcess start(Path logs, String... options) {
		List<String> arguments = new ArrayList<>(List.of("sandbox", "--port=0"));
		arguments.addAll(List.of(options));
		JarProcess process = JarProcess.start(logs, Map.of(), arguments);
		String baseUrl = Poll.until(Duration.ofSeconds(60), () -> {
			if (!process.isAlive()) {
				fail("the sandbox exited: " + process);
			}
			Matcher listening = LISTENING.matcher(process.out());
			return listening.find() ? listening.group(1) : null;
		});
		return new SandboxProcess(process, baseUrl);
	}

	String baseUrl() {
		return this.baseUrl;
	}

	SandboxCounts counts() {
		try {
			HttpResponse<String> response = HTTP.send(
					HttpRequest.newBuilder(URI.create(this.baseUrl + "/_sandbox/counts")).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				fail("GET /_sandbox/counts answered " + response.statusCode() + ": " + response.body());
			}
			return JSON.readValue(response.body(), SandboxCounts.class);
		}
		catch (IOException ex) {
			throw new IllegalStateException("the sandbox does not answer: " + this.process, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Polls the counts until {@code condition} holds, and returns them; empty when {@code run} exits first.
	 */
	Optional<SandboxCounts> awaitCounts(JarProcess run, Duration timeout, Predicate<SandboxCounts> condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			SandboxCounts counts = counts();
			if (condition.test(counts)) {
				return Optional.of(counts);
			}
			if (!run.isAlive()) {
				return Optional.empty();
			}
			if (System.nanoTime() > deadline) {
				fail("the sandbox's counts did not reach the expected state within " + timeout + ": " + counts
						+ "\n" + run);
			}
			Poll.pause();
		}
	}

	@Override
	public void close() {
		this.process.terminate();
		this.process.waitFor(Duration.ofSeconds(20));
	}

}
