package io.bannerbatch.mapping;

import java.util.regex.Pattern;

import io.bannerbatch.csv.InputProblem;

/**
 * {@code element.property}, e.g. {@code tb-text_0.payload}: split at the last dot, as property names have none.
 * Property names are identifiers ({@code background_color}); an element name is a layer name, which never holds
 * what data does ({@code : / # @ ; ,} or spaces), so a first line of data (a URL, a colour) is not taken for a header.
 */
public record ElementProperty(String element, String property) {

	private static final Pattern SHAPE = Pattern.compile("[^\\s:/#@;,=\"'<>]+\\.[A-Za-z][A-Za-z0-9_]*");

	public static boolean looksLikeOne(String text) {
		return text != null && SHAPE.matcher(text).matches();
	}

	public static ElementProperty parse(String text, String where) {
		String value = (text != null) ? text.strip() : "";
		if (!looksLikeOne(value)) {
			throw new InputProblem(where + ": \"" + value
					+ "\" is not an element property; write it as element.property, e.g. tb-text_0.payload");
		}
		int dot = value.lastIndexOf('.');
		return new ElementProperty(value.substring(0, dot), value.substring(dot + 1));
	}

	@Override
	public String toString() {
		return this.element + "." + this.property;
	}

}
