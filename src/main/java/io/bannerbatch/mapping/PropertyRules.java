package io.bannerbatch.mapping;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the documentation says a value must look like, checked before a row may cost a credit: colours are 6- or
 * 8-digit hex or a linear gradient (and {@code cmyk(...)}/{@code cmyka(...)} on print designs), image and logo URLs
 * are absolute http(s) URLs, a text payload has at most 2048 characters. Colours and URLs are sent without the
 * spaces around them, which a spreadsheet cell hides and the API would not accept.
 */
final class PropertyRules {

	private static final Pattern HEX = Pattern.compile("#([0-9a-fA-F]{6}|[0-9a-fA-F]{8})");

	private static final Pattern NUMBER = Pattern.compile("\\s*\\d+(\\.\\d+)?\\s*");

	private static final Pattern CMYK = Pattern.compile("cmyk\\(" + NUMBER + "(," + NUMBER + "){3}\\)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern CMYKA = Pattern.compile("cmyka\\(" + NUMBER + "(," + NUMBER + "){4}\\)",
			Pattern.CASE_INSENSITIVE);

	static final int MAX_PAYLOAD = 2048;

	private PropertyRules() {
	}

	/**
	 * The value as it will be sent, or why it may not be.
	 *
	 * @param value the value to send, or {@code null} when refused
	 * @param problem why it is refused, or {@code null}
	 */
	record Checked(String value, String problem) {

		static Checked ok(String value) {
			return new Checked(value, null);
		}

		static Checked refused(String problem) {
			return new Checked(null, problem);
		}

	}

	static Checked check(ElementProperty target, String value, boolean printDesign) {
		String property = target.property().toLowerCase(Locale.ROOT);
		if (property.endsWith("color")) {
			return colour(target, value.strip(), printDesign);
		}
		if (property.endsWith("_url")) {
			return url(target, value.strip());
		}
		// the API counts characters as Python does, by code point: an emoji is one, not two UTF-16 units
		if (property.equals("payload") && value.codePointCount(0, value.length()) > MAX_PAYLOAD) {
			return Checked.refused(target + ": text of " + value.codePointCount(0, value.length())
					+ " characters; at most " + MAX_PAYLOAD + " are allowed");
		}
		return Checked.ok(value);
	}

	/** Why the value is not acceptable, or {@code null} when it is. */
	static String problem(ElementProperty target, String value, boolean printDesign) {
		return check(target, value, printDesign).problem();
	}

	private static Checked colour(ElementProperty target, String colour, boolean printDesign) {
		if (HEX.matcher(colour).matches() || colour.toLowerCase(Locale.ROOT).startsWith("linear-gradient(")) {
			return Checked.ok(colour);
		}
		if (printDesign && (CMYK.matcher(colour).matches() || CMYKA.matcher(colour).matches())) {
			return Checked.ok(colour);
		}
		return Checked.refused(target + ": \"" + abbreviate(colour) + "\" is not a colour; use 6- or 8-digit hex like "
				+ "#1A47FF" + (printDesign ? " or cmyk(c,m,y,k) / cmyka(c,m,y,k,a)" : ""));
	}

	private static Checked url(ElementProperty target, String url) {
		try {
			URI uri = new URI(url);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
				return Checked.ok(url);
			}
		}
		catch (URISyntaxException ex) {
			// reported below
		}
		return Checked.refused(target + ": \"" + abbreviate(url) + "\" is not an absolute http(s) URL"
				+ (url.chars().anyMatch(Character::isWhitespace) ? " (write a space as %20)" : ""));
	}

	/** At most {@code max} characters, never cutting an emoji in half. */
	static String abbreviate(String value, int max) {
		if (value.length() <= max) {
			return value;
		}
		int end = max - 3;
		if (Character.isHighSurrogate(value.charAt(end - 1))) {
			end--;
		}
		return value.substring(0, end) + "...";
	}

	private static String abbreviate(String value) {
		return abbreviate(value, 80);
	}

}
