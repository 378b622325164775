package io.bannerbatch.sandbox;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.node.ObjectNode;

/**
 * A design the sandbox serves and generates from, read from a design-details JSON file in the documented shape.
 *
 * @param source the file as read, the base of what {@code GET /templates/{id}} answers
 */
record Design(String id, String name, String type, long createdAt, long updatedAt, String categoryName,
		List<DesignFormat> formats, List<DesignElement> elements, ObjectNode source) {

	boolean isPrint() {
		return this.type.startsWith("printer");
	}

	boolean isMultiPage() {
		return "printer_multipage".equals(this.type);
	}

	Optional<DesignFormat> format(String formatId) {
		return this.formats.stream().filter((format) -> format.id().equals(formatId)).findFirst();
	}

	/**
	 * Element names with the type and attribute ids each accepts; an element that appears on several pages of a
	 * multi-page design accepts the union of its attributes there.
	 */
	Map<String, ElementShape> elementShapes() {
		Map<String, ElementShape> shapes = new LinkedHashMap<>();
		for (DesignElement element : this.elements) {
			shapes.merge(element.name(), new ElementShape(element.type(), new LinkedHashSet<>(element.attributes().keySet())),
					(known, more) -> {
						known.attributes().addAll(more.attributes());
						return known;
					});
		}
		return shapes;
	}

	record ElementShape(String type, Set<String> attributes) {
	}

}
