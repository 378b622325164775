package io.bannerbatch.abyssale;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An error body in either shape the API uses: today's envelope
 * {@code {id, message, errors: [{path, code, message, expected, received}], version}} and the documented
 * {@code {message, errors: {nested by field}}}. Anything else keeps the status alone.
 *
 * @param id the machine code ({@code rate_limit_exceeded}, ...), or {@code null} in the older shape
 * @param message the API's prose, or {@code null}
 * @param fieldErrors the field errors, each with its dotted path
 */
public record ApiError(String id, String message, List<FieldError> fieldErrors) {

	private static final String VALIDATION_PREFIX = "body_validation_errors";

	public record FieldError(String path, String message) {

		@Override
		public String toString() {
			return (this.path == null || this.path.isEmpty()) ? this.message : this.path + ": " + this.message;
		}

	}

	static ApiError parse(byte[] body, JsonMapper json) {
		JsonNode root;
		try {
			root = json.readTree(body);
		}
		catch (JacksonException ex) {
			// a short plain-text body is the message; an HTML page (a gateway's, a proxy's) says no more than the status
			String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
			boolean message = !text.isEmpty() && text.length() <= 300 && !text.startsWith("<");
			return new ApiError(null, message ? text : null, List.of());
		}
		if (root == null || !root.isObject()) {
			return new ApiError(null, null, List.of());
		}
		List<FieldError> fieldErrors = new ArrayList<>();
		JsonNode errors = root.path("errors");
		if (errors.isArray()) {
			errors.values().forEach((error) -> fieldErrors.add(new FieldError(text(error.path("path")),
					(text(error.path("message")) != null) ? text(error.path("message")) : text(error.path("code")))));
		}
		else if (errors.isObject()) {
			flatten("", errors, fieldErrors);
		}
		return new ApiError(text(root.path("id")), text(root.path("message")), List.copyOf(fieldErrors));
	}

	private static void flatten(String path, JsonNode node, List<FieldError> into) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), into);
			}
		}
		else if (node.isArray()) {
			if (node.values().stream().allMatch(JsonNode::isValueNode)) {
				into.add(new FieldError(path,
						node.values().stream().map(JsonNode::asString).collect(Collectors.joining("; "))));
			}
			else {
				int index = 0;
				for (JsonNode item : node.values()) {
					flatten(path + "." + index++, item, into);
				}
			}
		}
		else if (!node.isNull()) {
			into.add(new FieldError(path, node.asString()));
		}
	}

	private static String text(JsonNode node) {
		return (node.isValueNode() && !node.isNull()) ? node.asString() : null;
	}

	/** The same error with the key taken out wherever the API echoed it back. */
	ApiError redact(ApiKey key) {
		return new ApiError(this.id, key.redact(this.message),
				this.fieldErrors.stream()
					.map((field) -> new FieldError(key.redact(field.path()), key.redact(field.message())))
					.toList());
	}

	/** One line for a person: the API's message, its error id, and the field errors with their paths. */
	public String describe(int status) {
		StringBuilder line = new StringBuilder();
		if (this.message != null && !this.message.isBlank()) {
			// the documented 400 repeats its nested errors as a Python literal after the prefix: the field errors
			// below say the same with dotted paths
			line.append(this.message.startsWith(VALIDATION_PREFIX) && !this.fieldErrors.isEmpty() ? VALIDATION_PREFIX
					: this.message.strip());
		}
		else {
			line.append("HTTP ").append(status);
		}
		if (this.id != null) {
			line.append(" [").append(this.id).append(']');
		}
		if (!this.fieldErrors.isEmpty()) {
			line.append(": ").append(this.fieldErrors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
		}
		return line.toString();
	}

}
