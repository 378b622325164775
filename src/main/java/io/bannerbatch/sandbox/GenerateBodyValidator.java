package io.bannerbatch.sandbox;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Checks a generate body against its design the way each style does. The documented API rejects unknown elements and
 * properties with a nested 400; today's API accepts them silently and only rejects bad values, and answers an unknown
 * format name with 404 {@code format_not_found}.
 */
final class GenerateBodyValidator {

	static final int MAX_PAYLOAD_LENGTH = 2048;

	/**
	 * Properties the documentation lists per element type: valid even when the design details (without
	 * {@code ?i=advanced}) do not list them.
	 */
	private static final Map<String, Set<String>> DOCUMENTED_PROPERTIES = Map.of("container", Set.of("background_color"),
			"text",
			Set.of("payload", "color", "background_color", "background_padding", "font", "font_size", "font_weight",
					"line_height", "skew_y", "alignment", "stroke_width", "stroke_color", "shadow_color",
					"shadow_blur", "shadow_offset_x", "shadow_offset_y", "auto_resize", "min_font_size",
					"text_transform"),
			"image", Set.of("image_url", "fitting_type", "alignment"), "logo",
			Set.of("image_url", "fitting_type", "alignment"));

	private static final Set<String> TEXT_TRANSFORMS = Set.of("uppercase", "lowercase", "titlecase", "capitalize");

	private final ApiStyle style;

	GenerateBodyValidator(ApiStyle style) {
		this.style = style;
	}

	GenerateBody validate(Design design, JsonNode body) {
		ValidationErrors errors = new ValidationErrors();
		if (body == null || !body.isObject()) {
			errors.add("_schema", "invalid_type", "Invalid input type.", "object",
					(body == null) ? "nothing" : body.getNodeType().name().toLowerCase(Locale.ROOT));
			throw ApiError.invalid(errors);
		}
		List<DesignFormat> formats = formats(design, body.get("template_format_names"), errors);
		String callbackUrl = callbackUrl(body.get("callback_url"), errors);
		Map<String, Map<String, String>> values = elements(design, body.get("elements"), errors);
		if (!errors.isEmpty()) {
			throw ApiError.invalid(errors);
		}
		return new GenerateBody(values, formats, callbackUrl);
	}

	private List<DesignFormat> formats(Design design, JsonNode names, ValidationErrors errors) {
		if (names == null || names.isNull() || (names.isArray() && names.isEmpty())) {
			return design.formats();
		}
		if (!names.isArray()) {
			errors.add("template_format_names", "invalid_type", "Not a valid list.", "array of format names",
					names.toString());
			return List.of();
		}
		Set<DesignFormat> formats = new LinkedHashSet<>();
		for (int i = 0; i < names.size(); i++) {
			JsonNode name = names.get(i);
			Optional<DesignFormat> format = name.isString() ? design.format(name.stringValue()) : Optional.empty();
			if (format.isPresent()) {
				formats.add(format.get());
			}
			else if (this.style == ApiStyle.CURRENT) {
				throw ApiError.of(404, "format_not_found",
						"Format '" + name.asString() + "' does not exist in design " + design.id());
			}
			else {
				errors.add("template_format_names." + i, "invalid_value",
						"Format '" + name.asString() + "' does not exist in this template.", null, name.asString());
			}
		}
		return new ArrayList<>(formats);
	}

	private static String callbackUrl(JsonNode url, ValidationErrors errors) {
		if (url == null || url.isNull()) {
			return null;
		}
		if (!url.isString() || !isHttpUrl(url.stringValue())) {
			errors.add("callback_url", "invalid_format", "Not a valid URL.", "an absolute http(s) URL", url.asString());
			return null;
		}
		return url.stringValue();
	}

	private Map<String, Map<String, String>> elements(Design design, JsonNode elements, ValidationErrors errors) {
		Map<String, Map<String, String>> values = new LinkedHashMap<>();
		if (elements == null || elements.isNull()) {
			return values;
		}
		if (!elements.isObject()) {
			errors.add("elements", "invalid_type", "Not a valid mapping type.", "object", elements.toString());
			return values;
		}
		Map<String, Design.ElementShape> shapes = design.elementShapes();
		for (Map.Entry<String, JsonNode> element : elements.properties()) {
			String name = element.getKey();
			String path = "elements." + name;
			Design.ElementShape shape = shapes.get(name);
			if (shape == null) {
				if (this.style == ApiStyle.DOCUMENTED) {
					errors.add(List.of("elements", name), path, "unknown_element", "Unknown field.", null, null);
				}
				continue;
			}
			if (!element.getValue().isObject()) {
				errors.add(List.of("elements", name), path, "invalid_type", "Not a valid mapping type.", "object",
						element.getValue().toString());
				continue;
			}
			Map<String, String> properties = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> property : element.getValue().properties()) {
				String propertyName = property.getKey();
				List<String> documentedPath = List.of("elements", name, propertyName);
				String propertyPath = path + "." + propertyName;
				if (!accepts(shape, propertyName)) {
					if (this.style == ApiStyle.DOCUMENTED) {
						errors.add(documentedPath, propertyPath, "unknown_property", "Unknown field.", null, null);
					}
					continue;
				}
				JsonNode value = property.getValue();
				int before = errors.size();
				checkValue(design, propertyName, value, documentedPath, propertyPath, errors);
				if (errors.size() == before) {
					properties.put(propertyName, value.asString());
				}
			}
			values.put(name, properties);
		}
		return values;
	}

	private static boolean accepts(Design.ElementShape shape, String property) {
		return shape.attributes().contains(property)
				|| DOCUMENTED_PROPERTIES.getOrDefault(shape.type(), Set.of()).contains(property);
	}

	private static void checkValue(Design design, String property, JsonNode value, List<String> documentedPath,
			String path, ValidationErrors errors) {
		if (value == null || !value.isValueNode() || value.isNull()) {
			errors.add(documentedPath, path, "invalid_type", "Not a valid value.", "a string, number or boolean",
					String.valueOf(value));
			return;
		}
		String text = value.asString();
		if (property.equals("payload")) {
			if (!value.isString()) {
				errors.add(documentedPath, path, "invalid_type", "Not a valid string.", "string", text);
			}
			else if (text.isEmpty()) {
				errors.add(documentedPath, path, "too_small", "Length must be between 1 and 2048.",
						"1 to 2048 characters", "");
			}
			else if (text.length() > MAX_PAYLOAD_LENGTH) {
				errors.add(documentedPath, path, "too_big", "Length must be between 1 and 2048.",
						"1 to 2048 characters", text.length() + " characters");
			}
		}
		else if (property.endsWith("color")) {
			if (!value.isString() || !ColourValues.isValid(text.trim(), design.isPrint())) {
				String expected = design.isPrint() ? ColourValues.EXPECTED_PRINT : ColourValues.EXPECTED;
				errors.add(documentedPath, path, "invalid_format", "Not a valid color, expected " + expected + ".",
						expected, text);
			}
		}
		else if (property.equals("image_url")) {
			if (!value.isString() || !isHttpUrl(text)) {
				errors.add(documentedPath, path, "invalid_format", "Not a valid URL.", "an absolute http(s) URL", text);
			}
		}
		else if (property.equals("font_size") || property.equals("min_font_size") || property.equals("line_height")) {
			if (number(value).filter((number) -> number > 1).isEmpty()) {
				errors.add(documentedPath, path, "too_small", "Must be a number greater than 1.", "a number > 1", text);
			}
		}
		else if (property.equals("skew_y")) {
			if (number(value).filter((number) -> number >= -20 && number <= 20).isEmpty()) {
				errors.add(documentedPath, path, "out_of_range", "Must be between -20 and 20.", "-20 to 20", text);
			}
		}
		else if (property.equals("text_transform")) {
			if (!TEXT_TRANSFORMS.contains(text)) {
				errors.add(documentedPath, path, "invalid_value", "Must be one of: " + String.join(", ", TEXT_TRANSFORMS) + ".",
						String.join("|", TEXT_TRANSFORMS), text);
			}
		}
		else if (property.equals("auto_resize")) {
			if (!value.isBoolean() && !text.equals("true") && !text.equals("false")) {
				errors.add(documentedPath, path, "invalid_type", "Not a valid boolean.", "true or false", text);
			}
		}
	}

	private static Optional<Double> number(JsonNode value) {
		if (value.isNumber()) {
			return Optional.of(value.asDouble());
		}
		try {
			return Optional.of(Double.parseDouble(value.asString().trim()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	static boolean isHttpUrl(String value) {
		try {
			URI uri = new URI(value);
			return uri.isAbsolute() && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
					&& uri.getHost() != null;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
