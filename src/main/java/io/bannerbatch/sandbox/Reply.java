package io.bannerbatch.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP answer: status, body and headers.
 */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

	static Reply json(int status, JsonNode body, JsonMapper json) {
		return new Reply(status, "application/json", json.writeValueAsBytes(body), Map.of());
	}

	static Reply bytes(String contentType, byte[] body) {
		return new Reply(200, contentType, body, Map.of());
	}

	Reply withHeader(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new Reply(this.status, this.contentType, this.body, headers);
	}

	void send(HttpExchange exchange) throws IOException {
		this.headers.forEach(exchange.getResponseHeaders()::set);
		if (this.contentType != null) {
			exchange.getResponseHeaders().set("Content-Type", this.contentType);
		}
		exchange.sendResponseHeaders(this.status, (this.body.length > 0) ? this.body.length : -1);
		if (this.body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(this.body);
			}
		}
	}

}
