package io.bannerbatch.abyssale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Reads design details in every shape the API has used: {@code id} or {@code template_id}; attributes as an array
 * (static designs) or an object keyed by id (multi-page print designs, element lists per page); formats, or pages on
 * a multi-page print design, with or without a unit and with fractional sizes. Unknown fields are ignored.
 */
final class DesignParser {

	private DesignParser() {
	}

	static Design parse(JsonNode root) {
		String id = text(root, "id");
		if (id == null) {
			id = text(root, "template_id");
		}
		Map<String, Design.Element> elements = new LinkedHashMap<>();
		root.path("elements").values().forEach((element) -> merge(elements, element));
		root.path("elements_per_page").values().forEach((page) -> page.values().forEach((element) -> merge(elements, element)));
		return new Design(id, text(root, "name"), text(root, "type"), root.path("updated_at").asLong(0),
				formats(root), elements);
	}

	/** A multi-page print design has pages instead of formats: each page is what a request can name. */
	private static List<Design.Format> formats(JsonNode root) {
		JsonNode sizes = root.path("formats").isEmpty() ? root.path("pages") : root.path("formats");
		List<Design.Format> formats = new ArrayList<>();
		for (JsonNode format : sizes.values()) {
			String unit = text(format, "unit");
			formats.add(new Design.Format(text(format, "id"), format.path("width").asDouble(0),
					format.path("height").asDouble(0), (unit != null) ? unit : "px"));
		}
		return formats;
	}

	private static void merge(Map<String, Design.Element> elements, JsonNode element) {
		String name = text(element, "name");
		if (name == null) {
			return;
		}
		Set<String> properties = new LinkedHashSet<>();
		JsonNode attributes = element.path("attributes");
		if (attributes.isArray()) {
			attributes.values().forEach((attribute) -> {
				String attributeId = text(attribute, "id");
				if (attributeId != null) {
					properties.add(attributeId);
				}
			});
		}
		else if (attributes.isObject()) {
			properties.addAll(attributes.propertyNames());
		}
		Design.Element known = elements.get(name);
		if (known != null) {
			properties.addAll(0 < known.properties().size() ? known.properties() : Set.of());
		}
		elements.put(name, new Design.Element(name, text(element, "type"), properties));
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isValueNode() && !value.isNull()) ? value.asString() : null;
	}

}
