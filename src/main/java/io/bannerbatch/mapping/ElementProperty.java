package io.bannerbatch.mapping;

import io.bannerbatch.csv.InputProblem;

/** {@code element.property}, e.g. {@code tb-text_0.payload}: split at the last dot, as property names have none. */
public record ElementProperty(String element, String property) {

	public static boolean looksLikeOne(String text) {
		int dot = text.lastIndexOf('.');
		return dot > 0 && dot < text.length() - 1 && !text.contains(" ");
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
