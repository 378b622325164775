package io.bannerbatch.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Endpoints that need no key: {@code GET /ready} (as the real API has), and the sandbox's own {@code /_sandbox/counts}
 * and {@code /_sandbox/exports/{id}}, so a client in another process can read what the sandbox saw and find an
 * export's ZIP without a callback receiver.
 */
final class SandboxControl implements HttpHandler {

	private static final Pattern EXPORT = Pattern.compile("/_sandbox/exports/([^/]+)");

	private final Tally tally;

	private final ExportArchives exports;

	private final JsonMapper json;

	SandboxControl(Tally tally, ExportArchives exports, JsonMapper json) {
		this.tally = tally;
		this.exports = exports;
		this.json = json;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			try (InputStream in = exchange.getRequestBody()) {
				in.readAllBytes();
			}
			reply(exchange.getRequestMethod(), exchange.getRequestURI().getPath()).send(exchange);
		}
	}

	private Reply reply(String method, String path) {
		if (!"GET".equals(method)) {
			return message(404, "Not Found");
		}
		if (path.equals("/ready")) {
			return Reply.json(200, this.json.createObjectNode().put("status", "ready"), this.json);
		}
		if (path.equals("/_sandbox/counts")) {
			return Reply.json(200, this.json.valueToTree(this.tally.snapshot()), this.json);
		}
		Matcher export = EXPORT.matcher(path);
		if (export.matches()) {
			return this.exports.find(export.group(1)).map((archive) -> {
				ObjectNode event = this.exports.newExportEvent(archive);
				if (this.exports.isReady(archive)) {
					return Reply.json(200, event, this.json);
				}
				event.putNull("archive_url");
				event.putNull("generated_at");
				return Reply.json(202, event, this.json);
			}).orElseGet(() -> message(404, "Export " + export.group(1) + " not found"));
		}
		return message(404, "Not Found");
	}

	private Reply message(int status, String message) {
		return Reply.json(status, this.json.createObjectNode().put("message", message), this.json);
	}

}
