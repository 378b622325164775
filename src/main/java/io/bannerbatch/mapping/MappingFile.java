package io.bannerbatch.mapping;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import io.bannerbatch.csv.InputProblem;
import io.bannerbatch.csv.Location;

/**
 * The optional YAML mapping file:
 * <pre>
 * design: 5d5f6f6a-...       # default design
 * key: sku                   # the column that identifies a row
 * formats: [facebook-feed]   # default formats
 * columns: {title: tb-text_0.payload, photo: tb-image_0.image_url}
 * constants: {root.background_color: "#FFFFFF"}
 * </pre>
 * Read as SnakeYAML nodes, never constructed into objects (so no type can be instantiated from the file), which
 * keeps the line and column of every entry for the messages of the checks that come later.
 */
public final class MappingFile {

	static final List<String> KEYS = List.of("design", "key", "formats", "columns", "constants");

	private MappingFile() {
	}

	/**
	 * @param design default design, or {@code null}
	 * @param key key column, or {@code null}
	 * @param formats default formats, empty for all
	 * @param columns header → element property
	 * @param constants element property → value sent on every row
	 * @param locations where each entry is: {@code design}, {@code key}, {@code formats}, {@code columns.<header>},
	 * {@code constants.<element.property>}
	 * @param file the mapping file, or {@code null} when there is none
	 */
	public record Spec(String design, String key, List<String> formats, Map<String, ElementProperty> columns,
			Map<ElementProperty, String> constants, Map<String, Location> locations, Path file) {

		public static Spec empty() {
			return new Spec(null, null, List.of(), Map.of(), Map.of(), Map.of(), null);
		}

		/** Where an entry is, or the file alone when it is not known. */
		public Location location(String entry) {
			return this.locations.getOrDefault(entry, Location.of(this.file));
		}

	}

	public static Spec load(Path file) {
		Node document = compose(file);
		if (document == null) {
			return new Spec(null, null, List.of(), Map.of(), Map.of(), Map.of(), file);
		}
		if (!(document instanceof MappingNode root)) {
			throw new InputProblem(at(file, document), "expected the keys " + String.join(", ", KEYS)
					+ " at the top level, e.g. columns: {title: tb-text_0.payload}");
		}
		Map<String, Location> locations = new LinkedHashMap<>();
		Map<String, Node> entries = entries(file, root, "");
		entries.forEach((key, value) -> {
			if (!KEYS.contains(key)) {
				throw new InputProblem(at(file, keyNode(root, key)), "unknown key \"" + key + "\"" + Spelling.suggestion(key, KEYS)
						+ "; the keys are " + String.join(", ", KEYS));
			}
			locations.put(key, at(file, value));
		});
		Map<String, ElementProperty> columns = new LinkedHashMap<>();
		section(file, entries.get("columns"), "columns").forEach((column, target) -> {
			Location where = at(file, target);
			locations.put("columns." + column, where);
			columns.put(column, ElementProperty.parse(scalar(file, target, "columns." + column), where.toString()));
		});
		Map<ElementProperty, String> constants = new LinkedHashMap<>();
		MappingNode constantsNode = (entries.get("constants") instanceof MappingNode map) ? map : null;
		section(file, entries.get("constants"), "constants").forEach((target, value) -> {
			Location where = at(file, keyNode(constantsNode, target));
			ElementProperty property = ElementProperty.parse(target, where.toString());
			String text = scalar(file, value, "constants." + target);
			if (text == null || text.isBlank()) {
				throw new InputProblem(where, "constants." + target + " has no value; give one, and quote a colour "
						+ "(\"#FFFFFF\"): in YAML an unquoted # starts a comment");
			}
			locations.put("constants." + property, where);
			constants.put(property, text);
		});
		return new Spec(strip(scalar(file, entries.get("design"), "design")), strip(scalar(file, entries.get("key"), "key")),
				formats(file, entries.get("formats")), Collections.unmodifiableMap(columns),
				Collections.unmodifiableMap(constants), Collections.unmodifiableMap(locations), file);
	}

	private static Node compose(Path file) {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return new Yaml(new LoaderOptions()).compose(reader);
		}
		catch (NoSuchFileException ex) {
			throw new InputProblem(Location.of(file), "no such mapping file; check --mapping", ex);
		}
		catch (MarkedYAMLException ex) {
			Mark mark = ex.getProblemMark();
			Location where = (mark != null) ? new Location(file, mark.getLine() + 1, mark.getColumn() + 1)
					: Location.of(file);
			throw new InputProblem(where, "invalid YAML (" + ex.getProblem() + "); fix the syntax (indent with spaces, "
					+ "the same amount for entries at the same level)", ex);
		}
		catch (YAMLException | IOException ex) {
			if (ex instanceof CharacterCodingException || ex.getCause() instanceof CharacterCodingException) {
				throw new InputProblem(Location.of(file), "the mapping file is not valid UTF-8; save it as UTF-8", ex);
			}
			throw new InputProblem(Location.of(file), "cannot be read as YAML (" + ex.getMessage() + ")", ex);
		}
	}

	/** A mapping's entries by key, refusing keys that are not plain text and keys given twice. */
	private static Map<String, Node> entries(Path file, MappingNode map, String prefix) {
		Map<String, Node> entries = new LinkedHashMap<>();
		for (NodeTuple tuple : map.getValue()) {
			if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
				throw new InputProblem(at(file, tuple.getKeyNode()), "a key must be plain text");
			}
			String name = key.getValue().strip();
			Node before = entries.putIfAbsent(name, tuple.getValueNode());
			if (before != null) {
				throw new InputProblem(at(file, key), "\"" + prefix + name + "\" is given twice (also on line "
						+ (keyNode(map, name).getStartMark().getLine() + 1) + "); keep one");
			}
		}
		return entries;
	}

	private static Map<String, Node> section(Path file, Node value, String key) {
		if (value == null || isNull(value)) {
			return Map.of();
		}
		if (!(value instanceof MappingNode map)) {
			throw new InputProblem(at(file, value), "\"" + key + "\" must be a map, e.g. " + key + ": "
					+ (key.equals("columns") ? "{title: tb-text_0.payload}" : "{root.background_color: \"#FFFFFF\"}"));
		}
		return entries(file, map, key + ".");
	}

	private static String scalar(Path file, Node value, String key) {
		if (value == null || isNull(value)) {
			return null;
		}
		if (!(value instanceof ScalarNode scalar)) {
			throw new InputProblem(at(file, value), "\"" + key + "\" must be a single value, not a list or a map");
		}
		return scalar.getValue();
	}

	private static List<String> formats(Path file, Node value) {
		List<String> formats = new ArrayList<>();
		if (value instanceof SequenceNode list) {
			for (Node item : list.getValue()) {
				String name = scalar(file, item, "formats");
				if (name != null && !name.isBlank()) {
					formats.add(name.strip());
				}
			}
		}
		else if (value instanceof MappingNode) {
			throw new InputProblem(at(file, value), "\"formats\" must be a list of format names, e.g. "
					+ "formats: [facebook-feed, instagram-post]");
		}
		else if (value != null && !isNull(value)) {
			formats.addAll(splitNames(scalar(file, value, "formats"), ","));
		}
		return formats.stream().distinct().toList();
	}

	private static Node keyNode(MappingNode map, String key) {
		if (map != null) {
			for (NodeTuple tuple : map.getValue()) {
				if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().strip().equals(key)) {
					return scalar;
				}
			}
		}
		return null;
	}

	private static boolean isNull(Node node) {
		return Tag.NULL.equals(node.getTag());
	}

	private static Location at(Path file, Node node) {
		if (node == null || node.getStartMark() == null) {
			return Location.of(file);
		}
		return new Location(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
	}

	private static String strip(String value) {
		return (value != null && !value.isBlank()) ? value.strip() : null;
	}

	static List<String> splitNames(String text, String separator) {
		List<String> names = new ArrayList<>();
		for (String part : text.split(java.util.regex.Pattern.quote(separator))) {
			if (!part.isBlank()) {
				names.add(part.strip());
			}
		}
		return names;
	}

}
