package io.bannerbatch.mapping;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the documentation says a value must look like, checked before a row may cost a credit: colours are 6- or
 * 8-digit hex or a linear gradient (and {@code cmyk(...)}/{@code cmyka(...)} on print designs), image and logo URLs
 * are absolute http(s) URLs, a text payload has at most 2048 characters.
 */
final class PropertyRules {

	private static final Pattern HEX = Pattern.compile("#([0-9a-fA-F]{6}|[0-9a-fA-F]{8})");

	private static final Pattern NUMBER = Pattern.compile("\\s*\\d+(\\.\\d+)?\\s*");

	private static final Pattern CMYK = Pattern.compile("cmyk\\(" + NUMBER + "(," + NUMBER + "){3}\\)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern CMYKA = Pattern.compile("cmyka\\(" + NUMBER + "(," + NUMBER + "){4}\\)",
			Pattern.CASE_INSENSITIVE);

	private static final int MAX_PAYLOAD = 2048;

	private PropertyRules() {
	}

	/** Why the value is not acceptable, or {@code null} when it is. */
	static String problem(ElementProperty target, String value, boolean printDesign) {
		String property = target.property().toLowerCase(Locale.ROOT);
		if (property.endsWith("color")) {
			return colourProblem(target, value, printDesign);
		}
		if (property.equals("image_url") || property.endsWith("_url")) {
			return urlProblem(target, value);
		}
		if (property.equals("payload") && value.length() > MAX_PAYLOAD) {
			return target + ": text of " + value.length() + " characters; at most " + MAX_PAYLOAD + " are allowed";
		}
		return null;
	}

	private static String colourProblem(ElementProperty target, String value, boolean printDesign) {
		String colour = value.strip();
		if (HEX.matcher(colour).matches() || colour.toLowerCase(Locale.ROOT).startsWith("linear-gradient(")) {
			return null;
		}
		if (printDesign && (CMYK.matcher(colour).matches() || CMYKA.matcher(colour).matches())) {
			return null;
		}
		return target + ": \"" + abbreviate(value) + "\" is not a colour; use 6- or 8-digit hex like #1A47FF"
				+ (printDesign ? " or cmyk(c,m,y,k) / cmyka(c,m,y,k,a)" : "");
	}

	private static String urlProblem(ElementProperty target, String value) {
		try {
			URI uri = new URI(value.strip());
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
				return null;
			}
		}
		catch (URISyntaxException ex) {
			// reported below
		}
		return target + ": \"" + abbreviate(value) + "\" is not an absolute http(s) URL";
	}

	private static String abbreviate(String value) {
		return (value.length() > 80) ? value.substring(0, 77) + "..." : value;
	}

}
