package io.bannerbatch.sandbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The field errors of one request body, kept once and shown in both styles: the documented nested object (with its
 * Python-looking {@code message}) and today's flat list of {@code {path, code, message, expected, received}}.
 */
final class ValidationErrors {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final List<FieldError> errors = new ArrayList<>();

	/**
	 * An error at a dotted path that both styles share, e.g. {@code elements.tb-text_0.payload}.
	 */
	ValidationErrors add(String path, String code, String message, String expected, String received) {
		return add(Arrays.asList(path.split("\\.")), path, code, message, expected, received);
	}

	ValidationErrors add(List<String> documentedPath, String path, String code, String message, String expected,
			String received) {
		this.errors.add(new FieldError(List.copyOf(documentedPath), path, code, message, expected, received));
		return this;
	}

	boolean isEmpty() {
		return this.errors.isEmpty();
	}

	int size() {
		return this.errors.size();
	}

	/**
	 * {@code {"elements": {"tb-text_0": {"payload": ["Cannot be empty."]}}}}, as the documented 400 carries it.
	 */
	ObjectNode nested() {
		ObjectNode root = NODES.objectNode();
		for (FieldError error : this.errors) {
			ObjectNode parent = root;
			List<String> path = error.documentedPath();
			for (String segment : path.subList(0, path.size() - 1)) {
				JsonNode child = parent.get(segment);
				parent = (child instanceof ObjectNode object) ? object : parent.putObject(segment);
			}
			String leaf = path.get(path.size() - 1);
			JsonNode messages = parent.get(leaf);
			ArrayNode list = (messages instanceof ArrayNode array) ? array : parent.putArray(leaf);
			list.add(error.message());
		}
		return root;
	}

	ArrayNode list() {
		ArrayNode list = NODES.arrayNode();
		for (FieldError error : this.errors) {
			ObjectNode item = list.addObject();
			item.put("path", error.path());
			item.put("code", error.code());
			item.put("message", error.message());
			if (error.expected() != null) {
				item.put("expected", error.expected());
			}
			if (error.received() != null) {
				item.put("received", error.received());
			}
		}
		return list;
	}

	/**
	 * The nested errors written the way the documented API prints them in {@code message}: Python's repr of a dict,
	 * with integer keys unquoted ({@code {'media': {'ids': {0: ['Length must be 36.']}}}}).
	 */
	String pythonRepr() {
		StringBuilder text = new StringBuilder();
		appendRepr(nested(), text);
		return text.toString();
	}

	private static void appendRepr(JsonNode node, StringBuilder text) {
		if (node.isObject()) {
			text.append('{');
			boolean first = true;
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				if (!first) {
					text.append(", ");
				}
				first = false;
				String key = entry.getKey();
				text.append(key.matches("\\d+") ? key : pythonString(key)).append(": ");
				appendRepr(entry.getValue(), text);
			}
			text.append('}');
		}
		else if (node.isArray()) {
			text.append('[');
			for (int i = 0; i < node.size(); i++) {
				if (i > 0) {
					text.append(", ");
				}
				appendRepr(node.get(i), text);
			}
			text.append(']');
		}
		else {
			text.append(pythonString(node.asString()));
		}
	}

	private static String pythonString(String value) {
		if (value.contains("'") && !value.contains("\"")) {
			return '"' + value.replace("\\", "\\\\") + '"';
		}
		return '\'' + value.replace("\\", "\\\\").replace("'", "\\'") + '\'';
	}

	private record FieldError(List<String> documentedPath, String path, String code, String message, String expected,
			String received) {
	}

}
