package io.bannerbatch.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands between the job and the sandbox and holds every poll ({@code GET /generation-request/...}) until opened: a run
 * that has submitted its rows then stays in the middle of its collect step, its execution STARTED, for as long as a
 * test needs, however slowly the machine starts a JVM.
 */
final class ApiGate implements AutoCloseable {

	private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
			"transfer-encoding");

	private final HttpServer server;

	private final URI target;

	private final HttpClient client = HttpClient.newHttpClient();

	private final CountDownLatch open = new CountDownLatch(1);

	private final AtomicInteger heldPolls = new AtomicInteger();

	private ApiGate(URI target) throws IOException {
		this.target = target;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/", this::forward);
		this.server.start();
	}

	static ApiGate closedInFrontOf(URI sandbox) throws IOException {
		return new ApiGate(sandbox);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Polls waiting at the gate: a run is in its collect step. */
	int heldPolls() {
		return this.heldPolls.get();
	}

	void open() {
		this.open.countDown();
	}

	private void forward(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().toString();
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			HttpRequest.Builder request = HttpRequest.newBuilder(this.target.resolve(path))
				.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
			exchange.getRequestHeaders().forEach((name, values) -> {
				if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
					values.forEach((value) -> request.header(name, value));
				}
			});
			HttpResponse<byte[]> response;
			try {
				if (path.startsWith("/generation-request/") && this.open.getCount() > 0) {
					this.heldPolls.incrementAndGet();
					this.open.await(50, TimeUnit.SECONDS);
				}
				response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				exchange.sendResponseHeaders(502, -1);
				return;
			}
			response.headers().map().forEach((name, values) -> {
				if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
					exchange.getResponseHeaders().put(name, values);
				}
			});
			byte[] answer = response.body();
			exchange.sendResponseHeaders(response.statusCode(), (answer.length == 0) ? -1 : answer.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		}
	}

	@Override
	public void close() {
		open();
		this.server.stop(0);
	}

}
