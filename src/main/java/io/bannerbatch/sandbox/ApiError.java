package io.bannerbatch.sandbox;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An error answer, thrown from any handler and written in the sandbox's style: today's envelope
 * {@code {"id", "message", "errors"?: [...], "version"}} or the documented {@code {"message", "errors"?: {...}}}.
 */
final class ApiError extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int status;

	private final String id;

	private final ValidationErrors validationErrors;

	private final Long retryAfterSeconds;

	private ApiError(int status, String id, String message, ValidationErrors validationErrors, Long retryAfterSeconds) {
		super(message, null, false, false);
		this.status = status;
		this.id = id;
		this.validationErrors = validationErrors;
		this.retryAfterSeconds = retryAfterSeconds;
	}

	static ApiError of(int status, String id, String message) {
		return new ApiError(status, id, message, null, null);
	}

	static ApiError invalid(ValidationErrors errors) {
		String message = "The request body is invalid (" + errors.size() + ((errors.size() == 1) ? " error)" : " errors)");
		return new ApiError(400, "validation_error", message, errors, null);
	}

	ApiError withRetryAfter(long seconds) {
		return new ApiError(this.status, this.id, getMessage(), this.validationErrors, seconds);
	}

	int status() {
		return this.status;
	}

	ObjectNode body(ApiStyle style, JsonMapper json) {
		ObjectNode body = json.createObjectNode();
		if (style == ApiStyle.CURRENT) {
			body.put("id", this.id);
			body.put("message", getMessage());
			if (this.validationErrors != null) {
				body.set("errors", this.validationErrors.list());
			}
			body.put("version", ApiStyle.CURRENT_VERSION);
		}
		else if (this.validationErrors != null) {
			body.put("message", "body_validation_errors: " + this.validationErrors.pythonRepr());
			body.set("errors", this.validationErrors.nested());
		}
		else {
			body.put("message", getMessage());
		}
		return body;
	}

	Reply reply(ApiStyle style, JsonMapper json) {
		Reply reply = Reply.json(this.status, body(style, json), json);
		return (this.retryAfterSeconds != null) ? reply.withHeader("Retry-After", Long.toString(this.retryAfterSeconds))
				: reply;
	}

}
