package io.bannerbatch.abyssale;

/**
 * The API key, read from the environment only. {@link #toString()} never reveals it, so no log line, exception or
 * job parameter can carry it by accident.
 */
public final class ApiKey {

	public static final String ENVIRONMENT_VARIABLE = "ABYSSALE_API_KEY";

	private final String value;

	private ApiKey(String value) {
		this.value = value;
	}

	public static ApiKey of(String value) {
		return new ApiKey(value == null ? "" : value.trim());
	}

	public static ApiKey fromEnvironment() {
		return of(System.getenv(ENVIRONMENT_VARIABLE));
	}

	public boolean isMissing() {
		return this.value.isEmpty();
	}

	String value() {
		return this.value;
	}

	/**
	 * The text with this key masked, for anything the API sends back. A value this short is no real key, and masking
	 * it would garble every message.
	 */
	String redact(String text) {
		if (text == null || this.value.length() < 8) {
			return text;
		}
		return text.replace(this.value, "****");
	}

	@Override
	public String toString() {
		return "ApiKey[****]";
	}

}
