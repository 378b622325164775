package io.bannerbatch.sandbox;

import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * One layer of a design.
 *
 * @param name the element name used as key in a generate body ({@code root}, {@code tb-text_0})
 * @param type container, text, image, ...
 * @param page the page it is on for a multi-page print design, {@code null} otherwise
 * @param attributes the design's {@code values} per attribute id: an object keyed by format, or a single value on a
 * multi-page design
 * @param layout an object keyed by format, or a single {@code {x, y, width, height}} on a multi-page design
 */
record DesignElement(String name, String type, String page, Map<String, JsonNode> attributes, JsonNode layout) {

	boolean isOn(DesignFormat format) {
		return this.page == null || this.page.equals(format.id());
	}

	Optional<String> defaultValue(String attribute, DesignFormat format) {
		JsonNode values = this.attributes.get(attribute);
		if (values == null || values.isNull()) {
			return Optional.empty();
		}
		JsonNode value = values.isObject() ? values.get(format.id()) : values;
		return (value == null || value.isNull() || value.isContainer()) ? Optional.empty() : Optional.of(value.asString());
	}

	/**
	 * The element's box in the format's unit, {@code [x, y, width, height]}, when the design places it.
	 */
	Optional<double[]> box(DesignFormat format) {
		if (this.layout == null || this.layout.isNull()) {
			return Optional.empty();
		}
		JsonNode box = this.layout.has("x") ? this.layout : this.layout.get(format.id());
		if (box == null || !box.has("width") || !box.has("height")) {
			return Optional.empty();
		}
		return Optional.of(new double[] { box.path("x").asDouble(), box.path("y").asDouble(),
				box.get("width").asDouble(), box.get("height").asDouble() });
	}

}
