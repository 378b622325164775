package io.bannerbatch.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for the contract tests: what any Abyssale client would send, nothing sandbox-specific.
 */
final class SandboxCalls {

	static final String KEY = "test-key";

	static final String PRODUCT_CARD = "6b028952-7ee2-47d8-9388-8cfde7f453f5";

	static final String SHELF_TALKER = "95417016-02b8-4c03-9bf7-993cf659b995";

	static final String LEAFLET = "d4b710f3-7560-45ee-98c7-d38ee0747f0b";

	static final String UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI base;

	SandboxCalls(Sandbox sandbox) {
		this.base = sandbox.baseUrl();
	}

	Answer get(String path) {
		return send(request(path).header("x-api-key", KEY).GET());
	}

	Answer getWithKey(String path, String key) {
		HttpRequest.Builder request = request(path).GET();
		if (key != null) {
			request.header("x-api-key", key);
		}
		return send(request);
	}

	Answer post(String path, String json) {
		return send(request(path).header("x-api-key", KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	Answer generate(String designId, String json) {
		return post("/async/banner-builder/" + designId + "/generate", json);
	}

	/**
	 * Generates and returns the request id, failing the test if the sandbox refuses.
	 */
	String generated(String designId, String json) {
		Answer answer = generate(designId, json);
		if (answer.status() != 200) {
			throw new AssertionError("generate answered " + answer.status() + ": " + answer.body());
		}
		return answer.body().get("generation_request_id").asString();
	}

	/**
	 * Polls every 20 ms until the request is finalized, for at most {@code timeout}.
	 */
	Answer awaitFinalized(String requestId, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Answer answer = get("/generation-request/" + requestId);
			if (answer.body().path("is_finalized").asBoolean() || System.nanoTime() > deadline) {
				return answer;
			}
			pause(20);
		}
	}

	byte[] download(String url) {
		try {
			HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				throw new AssertionError("GET " + url + " answered " + response.statusCode());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	Answer getUrl(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET());
	}

	static List<String> texts(JsonNode array, String field) {
		List<String> values = new ArrayList<>();
		array.forEach((item) -> values.add(item.path(field).asString()));
		return values;
	}

	static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(this.base.resolve(path)).timeout(Duration.ofSeconds(10));
	}

	private static Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			boolean json = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
			JsonNode body = (response.body().length == 0 || !json) ? JSON.missingNode()
					: JSON.readTree(new ByteArrayInputStream(response.body()));
			return new Answer(response.statusCode(), body, response.headers());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Answer(int status, JsonNode body, HttpHeaders headers) {

		String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

	}

}
