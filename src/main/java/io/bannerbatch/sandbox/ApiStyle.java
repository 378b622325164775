package io.bannerbatch.sandbox;

import java.util.Locale;

/**
 * Which Abyssale API the sandbox plays: the one its documentation pages describe, or today's (contract v2026-08-21).
 */
public enum ApiStyle {

	/**
	 * Today's API: {@code /designs}, an error envelope with a machine {@code id}, 202 while a request runs, 410 once it
	 * is gone, unknown element names accepted silently.
	 */
	CURRENT,

	/**
	 * The documented API: {@code /templates}, {@code {"message", "errors": {nested}}} error bodies, polling always 200
	 * with {@code is_finalized}.
	 */
	DOCUMENTED;

	static final String CURRENT_VERSION = "v2026-08-21";

	/**
	 * The style named {@code current} or {@code documented}, in any case.
	 */
	public static ApiStyle fromName(String name) {
		try {
			return valueOf(name.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Unknown API style '" + name + "': expected current or documented");
		}
	}

}
