package io.bannerbatch.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The designs the sandbox knows: every {@code sandbox/designs/*.json} on the classpath (the build copies
 * {@code sample-data/designs/} there), each in the documented design-details shape.
 */
final class DesignCatalog {

	static final String LOCATION = "classpath*:sandbox/designs/*.json";

	private final Map<String, Design> designs;

	private DesignCatalog(Map<String, Design> designs) {
		this.designs = designs;
	}

	static DesignCatalog fromClasspath(JsonMapper json) {
		Map<String, Design> designs = new LinkedHashMap<>();
		try {
			// Spring's resolver lists a folder inside a jar, a nested Boot jar or a build directory alike
			Resource[] resources = new PathMatchingResourcePatternResolver(DesignCatalog.class.getClassLoader())
				.getResources(LOCATION);
			for (Resource resource : resources) {
				try (InputStream in = resource.getInputStream()) {
					Design design = read((ObjectNode) json.readTree(in), resource.getFilename());
					designs.putIfAbsent(design.id(), design);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the sandbox designs at " + LOCATION, ex);
		}
		if (designs.isEmpty()) {
			throw new IllegalStateException("The sandbox found no design at " + LOCATION
					+ ": the build copies sample-data/designs/ there (process-resources)");
		}
		return new DesignCatalog(designs);
	}

	Optional<Design> find(String id) {
		return Optional.ofNullable(this.designs.get(id));
	}

	Collection<Design> all() {
		return this.designs.values();
	}

	/**
	 * The design-details answer: the file as written, plus preview URLs; today's API adds {@code id}, the formats'
	 * {@code uid}, {@code unit} and {@code dpi}, and {@code version}.
	 */
	ObjectNode details(Design design, ApiStyle style, String baseUrl, JsonMapper json) {
		ObjectNode source = design.source().deepCopy();
		ObjectNode details = json.createObjectNode();
		if (style == ApiStyle.CURRENT) {
			details.put("id", design.id());
		}
		details.setAll(source);
		for (String listName : List.of("formats", "pages")) {
			if (details.get(listName) instanceof ArrayNode formats) {
				for (JsonNode node : formats) {
					ObjectNode format = (ObjectNode) node;
					String formatId = format.path("id").asString();
					if (!format.has("preview_url")) {
						format.put("preview_url", baseUrl + "/previews/" + design.id() + "/" + formatId + ".png");
					}
					if (style == ApiStyle.CURRENT) {
						DesignFormat known = design.format(formatId).orElseThrow();
						format.put("uid", UUID.nameUUIDFromBytes((design.id() + "/" + formatId).getBytes(StandardCharsets.UTF_8))
							.toString());
						format.put("unit", known.unit());
						format.put("dpi", known.dpi());
					}
				}
			}
		}
		if (style == ApiStyle.CURRENT) {
			details.put("version", ApiStyle.CURRENT_VERSION);
		}
		return details;
	}

	private static Design read(ObjectNode source, String fileName) {
		String id = source.hasNonNull("template_id") ? source.get("template_id").asString() : source.path("id").asString();
		if (id.isEmpty()) {
			throw new IllegalStateException("Sandbox design " + fileName + " has no template_id");
		}
		String type = source.path("type").asString("static");
		int defaultDpi = type.startsWith("printer") ? 300 : 72;
		List<DesignFormat> formats = new ArrayList<>();
		List<DesignElement> elements = new ArrayList<>();
		for (JsonNode format : source.has("pages") ? source.get("pages") : source.path("formats")) {
			String unit = format.path("unit").asString("px");
			formats.add(new DesignFormat(format.path("id").asString(), format.get("width"), format.get("height"), unit,
					format.path("dpi").asInt(defaultDpi), format.path("file_type").asString("png")));
		}
		if (source.has("elements_per_page")) {
			for (Map.Entry<String, JsonNode> page : source.get("elements_per_page").properties()) {
				for (JsonNode element : page.getValue()) {
					elements.add(readElement(element, page.getKey()));
				}
			}
		}
		else {
			for (JsonNode element : source.path("elements")) {
				elements.add(readElement(element, null));
			}
		}
		return new Design(id, source.path("name").asString(), type, source.path("created_at").asLong(),
				source.path("updated_at").asLong(), source.path("category_name").asString(null), List.copyOf(formats),
				List.copyOf(elements), source);
	}

	/**
	 * Attributes are a list of {@code {id, help, values}} on a design, an object keyed by id on a multi-page one.
	 */
	private static DesignElement readElement(JsonNode element, String page) {
		Map<String, JsonNode> attributes = new LinkedHashMap<>();
		JsonNode declared = element.path("attributes");
		if (declared.isArray()) {
			for (JsonNode attribute : declared) {
				attributes.put(attribute.path("id").asString(), attribute.get("values"));
			}
		}
		else if (declared.isObject()) {
			for (Map.Entry<String, JsonNode> attribute : declared.properties()) {
				attributes.put(attribute.getKey(), attribute.getValue().get("values"));
			}
		}
		return new DesignElement(element.path("name").asString(), element.path("type").asString(), page, attributes,
				element.get("layout"));
	}

}
