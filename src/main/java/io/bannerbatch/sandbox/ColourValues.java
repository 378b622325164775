package io.bannerbatch.sandbox;

import java.awt.Color;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The colour values the API accepts, and what the renderer paints for them: 6- or 8-digit hex, a linear gradient
 * (painted as its first stop), and on print designs {@code cmyk(c,m,y,k)} / {@code cmyka(c,m,y,k,a)} in percent.
 */
final class ColourValues {

	static final String EXPECTED = "#RRGGBB, #RRGGBBAA or linear-gradient(...)";

	static final String EXPECTED_PRINT = EXPECTED + ", cmyk(c,m,y,k) or cmyka(c,m,y,k,a)";

	private static final Pattern HEX = Pattern.compile("#([0-9a-fA-F]{6})([0-9a-fA-F]{2})?");

	private static final Pattern GRADIENT = Pattern.compile("linear-gradient\\(.*#[0-9a-fA-F]{6}.*\\)");

	private static final String PERCENT = "\\s*(\\d{1,3}(?:\\.\\d+)?)\\s*";

	private static final Pattern CMYK = Pattern
		.compile("cmyk\\(" + PERCENT + "," + PERCENT + "," + PERCENT + "," + PERCENT + "\\)");

	private static final Pattern CMYKA = Pattern
		.compile("cmyka\\(" + PERCENT + "," + PERCENT + "," + PERCENT + "," + PERCENT + "," + PERCENT + "\\)");

	private ColourValues() {
	}

	static boolean isValid(String value, boolean print) {
		if (HEX.matcher(value).matches() || GRADIENT.matcher(value).matches()) {
			return true;
		}
		if (!print) {
			return false;
		}
		Matcher cmyk = CMYK.matcher(value);
		Matcher cmyka = CMYKA.matcher(value);
		Matcher matched = cmyk.matches() ? cmyk : (cmyka.matches() ? cmyka : null);
		if (matched == null) {
			return false;
		}
		for (int group = 1; group <= matched.groupCount(); group++) {
			if (Double.parseDouble(matched.group(group)) > 100) {
				return false;
			}
		}
		return true;
	}

	static Optional<Color> toColor(String value) {
		if (value == null) {
			return Optional.empty();
		}
		String trimmed = value.trim();
		Matcher hex = HEX.matcher(trimmed);
		if (hex.matches()) {
			int rgb = Integer.parseInt(hex.group(1), 16);
			int alpha = (hex.group(2) != null) ? Integer.parseInt(hex.group(2), 16) : 255;
			return Optional.of(new Color((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, alpha));
		}
		if (trimmed.startsWith("linear-gradient")) {
			Matcher firstStop = Pattern.compile("#[0-9a-fA-F]{6}").matcher(trimmed);
			return firstStop.find() ? toColor(firstStop.group()) : Optional.empty();
		}
		Matcher cmyk = CMYK.matcher(trimmed);
		Matcher cmyka = CMYKA.matcher(trimmed);
		Matcher matched = cmyk.matches() ? cmyk : (cmyka.matches() ? cmyka : null);
		if (matched == null) {
			return Optional.empty();
		}
		double cyan = percent(matched, 1);
		double magenta = percent(matched, 2);
		double yellow = percent(matched, 3);
		double black = percent(matched, 4);
		double alpha = (matched.groupCount() == 5) ? percent(matched, 5) : 1;
		return Optional.of(new Color(channel(cyan, black), channel(magenta, black), channel(yellow, black),
				(int) Math.round(255 * alpha)));
	}

	private static double percent(Matcher matched, int group) {
		return Math.min(100, Double.parseDouble(matched.group(group))) / 100;
	}

	private static int channel(double ink, double black) {
		return (int) Math.round(255 * (1 - ink) * (1 - black));
	}

}
