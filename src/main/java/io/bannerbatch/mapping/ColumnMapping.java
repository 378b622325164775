package io.bannerbatch.mapping;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bannerbatch.csv.InputProblem;
import io.bannerbatch.csv.Location;

/**
 * The input's header resolved against the mapping: which column feeds which element property, which is the key,
 * and the per-row {@code design_id} and {@code formats} columns. Other columns are ignored.
 *
 * @param header the column names
 * @param keyColumn index of the key column
 * @param designColumn index of the {@code design_id} column, or -1
 * @param formatsColumn index of the {@code formats} column, or -1
 * @param columns column index → element property
 * @param constants element property → value sent on every row (a non-empty cell of a column mapped to the same
 * property replaces it)
 * @param origins element property → where it was asked for, for the preflight's messages
 */
public record ColumnMapping(List<String> header, int keyColumn, int designColumn, int formatsColumn,
		Map<Integer, ElementProperty> columns, Map<ElementProperty, String> constants,
		Map<ElementProperty, String> origins) {

	public static final String DESIGN_COLUMN = "design_id";

	public static final String FORMATS_COLUMN = "formats";

	static ColumnMapping resolve(Path input, long headerLine, List<String> header, MappingFile.Spec spec,
			String keyOption) {
		Map<Integer, ElementProperty> columns = new LinkedHashMap<>();
		Map<ElementProperty, String> origins = new LinkedHashMap<>();
		spec.columns().forEach((column, target) -> {
			Location where = spec.location("columns." + column);
			int index = header.indexOf(column);
			if (index < 0) {
				throw new InputProblem(where, "column \"" + column + "\" is not in the header of " + input + Spelling
					.suggestion(column, header) + " (line " + headerLine + ": " + String.join(", ", header)
						+ "); fix the name, or remove the line");
			}
			claim(origins, target, where + ": columns." + column + " → " + target);
			columns.put(index, target);
		});
		for (int i = 0; i < header.size(); i++) {
			String name = header.get(i);
			if (!spec.columns().containsKey(name) && ElementProperty.looksLikeOne(name)) {
				Location where = new Location(input, headerLine, i + 1);
				ElementProperty target = ElementProperty.parse(name, where.toString());
				claim(origins, target, where + ": column " + name);
				columns.put(i, target);
			}
		}
		spec.constants().keySet()
			.forEach((target) -> origins.putIfAbsent(target, spec.location("constants." + target) + ": constants." + target));
		int key = keyColumn(input, headerLine, header, spec, keyOption);
		if (columns.isEmpty() && spec.constants().isEmpty()) {
			throw new InputProblem(Location.line(input, headerLine), "no column maps to a design element; is this line "
					+ "a header? Name columns element.property (e.g. tb-text_0.payload) or give --mapping (its columns: "
					+ abbreviate(String.join(", ", header)) + ")");
		}
		return new ColumnMapping(header, key, header.indexOf(DESIGN_COLUMN), header.indexOf(FORMATS_COLUMN), columns,
				spec.constants(), origins);
	}

	/** Two columns feeding one property would leave the row's value to chance. */
	private static void claim(Map<ElementProperty, String> origins, ElementProperty target, String origin) {
		String before = origins.putIfAbsent(target, origin);
		if (before != null) {
			throw new InputProblem(origin + ": sets " + target + ", as does " + before + "; keep one of them");
		}
	}

	private static int keyColumn(Path input, long headerLine, List<String> header, MappingFile.Spec spec,
			String keyOption) {
		String keyName = (keyOption != null) ? keyOption : spec.key();
		if (keyName == null) {
			return 0;
		}
		int key = header.indexOf(keyName);
		if (key < 0) {
			String where = (keyOption != null) ? "--key-column=" + keyOption : spec.location("key") + ": key";
			throw new InputProblem(where + ": the key column \"" + keyName + "\" is not in the header of " + input
					+ Spelling.suggestion(keyName, header) + " (line " + headerLine + ": "
					+ abbreviate(String.join(", ", header)) + ")");
		}
		return key;
	}

	/** Every element property this mapping may set, for the preflight against the designs. */
	List<ElementProperty> targets() {
		List<ElementProperty> targets = new ArrayList<>(this.columns.values());
		this.constants.keySet().stream().filter((target) -> !targets.contains(target)).forEach(targets::add);
		return targets;
	}

	String origin(ElementProperty target) {
		return this.origins.getOrDefault(target, target.toString());
	}

	private static String abbreviate(String text) {
		return (text.length() > 200) ? text.substring(0, 197) + "..." : text;
	}

}
