package io.bannerbatch.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;

/**
 * A webhook receiver on loopback that answers 200 and keeps what it received.
 */
final class CallbackReceiver implements AutoCloseable {

	private final HttpServer server;

	private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

	CallbackReceiver() throws IOException {
		System.setProperty("sun.net.httpserver.nodelay", "true");
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/hook", (exchange) -> {
			try (exchange; InputStream in = exchange.getRequestBody()) {
				byte[] body = in.readAllBytes();
				this.deliveries.add(new Delivery(exchange.getRequestMethod(),
						exchange.getRequestHeaders().getFirst("X-Abyssale-Delivery-Id"),
						exchange.getRequestHeaders().getFirst("Content-Type"), SandboxCalls.JSON.readTree(body)));
				exchange.sendResponseHeaders(200, -1);
			}
		});
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hook";
	}

	Delivery next(Duration timeout) throws InterruptedException {
		Delivery delivery = this.deliveries.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (delivery == null) {
			throw new AssertionError("No callback within " + timeout);
		}
		return delivery;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Delivery(String method, String deliveryId, String contentType, JsonNode body) {
	}

}
