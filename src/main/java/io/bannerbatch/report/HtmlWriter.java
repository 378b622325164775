package io.bannerbatch.report;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Writes markup to a file. Every value goes through {@link #text}, which escapes it, so that user data (keys, error
 * messages, URLs) can never become markup; {@link #markup} is for this package's own constant tags only.
 */
final class HtmlWriter implements Closeable {

	private final Writer out;

	HtmlWriter(Writer out) {
		this.out = out;
	}

	/** Trusted markup written by this package, never data. */
	HtmlWriter markup(String markup) {
		return append(markup);
	}

	/** A value, escaped for element content and for double- or single-quoted attribute values. */
	HtmlWriter text(String value) {
		return append(escape(value));
	}

	HtmlWriter number(long value) {
		return append(String.format(Locale.ROOT, "%,d", value));
	}

	Writer writer() {
		return this.out;
	}

	private HtmlWriter append(String value) {
		try {
			this.out.write(value);
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.out.close();
	}

	static String escape(String value) {
		if (value == null) {
			return "";
		}
		StringBuilder escaped = null;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			String replacement = switch (c) {
				case '&' -> "&amp;";
				case '<' -> "&lt;";
				case '>' -> "&gt;";
				case '"' -> "&quot;";
				case '\'' -> "&#39;";
				default -> null;
			};
			if (replacement != null && escaped == null) {
				escaped = new StringBuilder(value.length() + 16).append(value, 0, i);
			}
			if (escaped != null) {
				if (replacement != null) {
					escaped.append(replacement);
				}
				else {
					escaped.append(c);
				}
			}
		}
		return (escaped != null) ? escaped.toString() : value;
	}

	/**
	 * The value when it is an absolute http(s) URL with a host, else {@code null}: a {@code javascript:}, {@code data:}
	 * or {@code file:} URL from the results must never reach a {@code src} or {@code href}.
	 */
	static String httpUrl(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String candidate = value.strip();
		try {
			URI uri = new URI(candidate);
			String scheme = uri.getScheme();
			boolean http = scheme != null
					&& (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
			return (http && uri.getHost() != null && !uri.getHost().isEmpty()) ? candidate : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
