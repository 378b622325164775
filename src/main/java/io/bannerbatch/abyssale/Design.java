package io.bannerbatch.abyssale;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A design (template) as the preflight needs it, whichever route and shape it came from.
 *
 * @param id the design id
 * @param name its name
 * @param type {@code static}, {@code animated}, {@code printer}, {@code printer_multipage}, ...
 * @param updatedAt epoch seconds; a change invalidates banners made from an older version
 * @param formats the formats, in the design's order
 * @param elements element name → element, in the design's order
 */
public record Design(String id, String name, String type, long updatedAt, List<Format> formats,
		Map<String, Element> elements) {

	public boolean isPrint() {
		return this.type != null && this.type.startsWith("printer");
	}

	public List<String> formatNames() {
		return this.formats.stream().map(Format::id).toList();
	}

	public Optional<Element> element(String name) {
		return Optional.ofNullable(this.elements.get(name));
	}

	/** A format; print formats may be measured in mm or in, with fractional sizes. */
	public record Format(String id, double width, double height, String unit) {
	}

	/**
	 * An element and the properties a request may set on it. Groups and code elements are read-only.
	 */
	public record Element(String name, String type, Set<String> properties) {

		public boolean isReadOnly() {
			return "group".equals(this.type) || "code".equals(this.type);
		}

	}

}
