package io.bannerbatch.mapping;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import io.bannerbatch.csv.InputProblem;

/**
 * The optional YAML mapping file:
 * <pre>
 * design: 5d5f6f6a-...       # default design
 * key: sku                   # the column that identifies a row
 * formats: [facebook-feed]   # default formats
 * columns: {title: tb-text_0.payload, photo: tb-image_0.image_url}
 * constants: {root.background_color: "#FFFFFF"}
 * </pre>
 * SnakeYAML's safe loader (no arbitrary types), with its line and column on every syntax error.
 */
public final class MappingFile {

	private static final Set<String> KEYS = Set.of("design", "key", "formats", "columns", "constants");

	private MappingFile() {
	}

	/**
	 * @param design default design, or {@code null}
	 * @param key key column, or {@code null}
	 * @param formats default formats, empty for all
	 * @param columns header → element property
	 * @param constants element property → value sent on every row
	 */
	public record Spec(String design, String key, List<String> formats, Map<String, ElementProperty> columns,
			Map<ElementProperty, String> constants) {

		public static Spec empty() {
			return new Spec(null, null, List.of(), Map.of(), Map.of());
		}

	}

	public static Spec load(Path file) {
		Object document;
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
		}
		catch (NoSuchFileException ex) {
			throw new InputProblem(file + ": no such mapping file; check --mapping", ex);
		}
		catch (MarkedYAMLException ex) {
			Mark mark = ex.getProblemMark();
			String where = (mark != null) ? ": line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) : "";
			throw new InputProblem(file + where + ": invalid YAML (" + ex.getProblem() + "); fix the syntax", ex);
		}
		catch (YAMLException | IOException ex) {
			throw new InputProblem(file + ": cannot be read as YAML (" + ex.getMessage() + ")", ex);
		}
		if (document == null) {
			return Spec.empty();
		}
		if (!(document instanceof Map<?, ?> root)) {
			throw new InputProblem(file + ": expected keys design, key, formats, columns, constants at the top level");
		}
		for (Object key : root.keySet()) {
			if (!KEYS.contains(String.valueOf(key))) {
				throw new InputProblem(file + ": unknown key \"" + key + "\"; the keys are " + String.join(", ",
						List.of("design", "key", "formats", "columns", "constants")));
			}
		}
		Map<String, ElementProperty> columns = new LinkedHashMap<>();
		section(file, root, "columns").forEach((column, target) -> columns.put(column,
				ElementProperty.parse(target, file + ": columns." + column)));
		Map<ElementProperty, String> constants = new LinkedHashMap<>();
		section(file, root, "constants").forEach((target, value) -> constants
			.put(ElementProperty.parse(target, file + ": constants"), value));
		return new Spec(scalar(file, root, "design"), scalar(file, root, "key"), formats(file, root.get("formats")),
				columns, constants);
	}

	private static String scalar(Path file, Map<?, ?> root, String key) {
		Object value = root.get(key);
		if (value == null) {
			return null;
		}
		if (value instanceof Map || value instanceof List) {
			throw new InputProblem(file + ": \"" + key + "\" must be a single value");
		}
		return String.valueOf(value).strip();
	}

	private static Map<String, String> section(Path file, Map<?, ?> root, String key) {
		Object value = root.get(key);
		Map<String, String> entries = new LinkedHashMap<>();
		if (value == null) {
			return entries;
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw new InputProblem(file + ": \"" + key + "\" must be a map, e.g. " + key + ": {title: tb-text_0.payload}");
		}
		map.forEach((k, v) -> {
			if (v instanceof Map || v instanceof List) {
				throw new InputProblem(file + ": " + key + "." + k + " must be a single value");
			}
			entries.put(String.valueOf(k).strip(), (v != null) ? String.valueOf(v) : "");
		});
		return entries;
	}

	private static List<String> formats(Path file, Object value) {
		List<String> formats = new ArrayList<>();
		if (value == null) {
			return formats;
		}
		if (value instanceof List<?> list) {
			list.forEach((item) -> formats.add(String.valueOf(item).strip()));
		}
		else if (value instanceof Map) {
			throw new InputProblem(file + ": \"formats\" must be a list of format names");
		}
		else {
			formats.addAll(splitNames(String.valueOf(value), ","));
		}
		return formats;
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
