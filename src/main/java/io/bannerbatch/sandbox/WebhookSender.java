package io.bannerbatch.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * POSTs callback payloads like Abyssale's webhooks: JSON, an {@code X-Abyssale-Delivery-Id} of 64 hex digits that
 * stays the same on every retry of one delivery, a few retries when the receiver does not answer 2xx. Plain http is
 * allowed, so tests can receive on loopback.
 */
final class WebhookSender {

	static final int ATTEMPTS = 3;

	private static final Logger LOGGER = Logger.getLogger(WebhookSender.class.getName());

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private final HttpClient client;

	private final ScheduledExecutorService scheduler;

	private final JsonMapper json;

	private final Duration retryDelay;

	WebhookSender(ScheduledExecutorService scheduler, JsonMapper json, Duration retryDelay) {
		this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
		this.scheduler = scheduler;
		this.json = json;
		this.retryDelay = retryDelay;
	}

	void deliver(String callbackUrl, ObjectNode payload) {
		String deliveryId = HexFormat.of().formatHex(uuidBytes()) + HexFormat.of().formatHex(uuidBytes());
		attempt(callbackUrl, this.json.writeValueAsBytes(payload), deliveryId, 1);
	}

	private void attempt(String callbackUrl, byte[] body, String deliveryId, int attempt) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(callbackUrl))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.header("User-Agent", "bannerbatch-sandbox")
			.header("X-Abyssale-Delivery-Id", deliveryId)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		this.client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
			boolean delivered = failure == null && response.statusCode() / 100 == 2;
			if (delivered) {
				return;
			}
			String outcome = (failure != null) ? failure.toString() : "HTTP " + response.statusCode();
			if (attempt >= ATTEMPTS || this.scheduler.isShutdown()) {
				LOGGER.log(Level.WARNING, "Sandbox gave up delivering a callback to {0} after {1} attempts: {2}",
						new Object[] { callbackUrl, attempt, outcome });
				return;
			}
			try {
				this.scheduler.schedule(() -> attempt(callbackUrl, body, deliveryId, attempt + 1),
						this.retryDelay.toMillis() * attempt, TimeUnit.MILLISECONDS);
			}
			catch (RuntimeException ex) {
				// the sandbox is closing: pending deliveries are dropped, as a stopped server would
			}
		});
	}

	private static byte[] uuidBytes() {
		UUID uuid = UUID.randomUUID();
		byte[] bytes = new byte[16];
		for (int i = 0; i < 8; i++) {
			bytes[i] = (byte) (uuid.getMostSignificantBits() >>> (56 - 8 * i));
			bytes[8 + i] = (byte) (uuid.getLeastSignificantBits() >>> (56 - 8 * i));
		}
		return bytes;
	}

}
