package io.bannerbatch.mapping;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bannerbatch.csv.InputProblem;

/**
 * The input's header resolved against the mapping: which column feeds which element property, which is the key,
 * and the per-row {@code design_id} and {@code formats} columns. Other columns are ignored.
 */
public record ColumnMapping(List<String> header, int keyColumn, int designColumn, int formatsColumn,
		Map<Integer, ElementProperty> columns, Map<ElementProperty, String> constants) {

	public static final String DESIGN_COLUMN = "design_id";

	public static final String FORMATS_COLUMN = "formats";

	static ColumnMapping resolve(Path input, Path mappingFile, List<String> header, MappingFile.Spec spec,
			String keyOption) {
		Map<Integer, ElementProperty> columns = new LinkedHashMap<>();
		spec.columns().forEach((column, target) -> {
			int index = header.indexOf(column);
			if (index < 0) {
				throw new InputProblem(mappingFile + ": column \"" + column + "\" is not in the header of " + input
						+ " (its columns: " + String.join(", ", header) + "); fix the name or remove the line");
			}
			columns.put(index, target);
		});
		for (int i = 0; i < header.size(); i++) {
			String name = header.get(i);
			if (!columns.containsKey(i) && !spec.columns().containsKey(name) && ElementProperty.looksLikeOne(name)) {
				columns.put(i, ElementProperty.parse(name, input + ": header"));
			}
		}
		String keyName = (keyOption != null) ? keyOption : spec.key();
		int key = (keyName != null) ? header.indexOf(keyName) : 0;
		if (key < 0) {
			throw new InputProblem(input + ": the key column \"" + keyName + "\" is not in the header (its columns: "
					+ String.join(", ", header) + "); check --key-column or the mapping's key");
		}
		if (columns.isEmpty() && spec.constants().isEmpty()) {
			throw new InputProblem(input + ": no column maps to a design element. Name columns element.property "
					+ "(e.g. tb-text_0.payload) or give --mapping; is the first line a header? (its columns: "
					+ String.join(", ", header) + ")");
		}
		return new ColumnMapping(header, key, header.indexOf(DESIGN_COLUMN), header.indexOf(FORMATS_COLUMN),
				columns, spec.constants());
	}

	/** Every element property this mapping may set, for the preflight against the designs. */
	List<ElementProperty> targets() {
		List<ElementProperty> targets = new ArrayList<>(this.columns.values());
		targets.addAll(this.constants.keySet());
		return targets;
	}

	String columnName(ElementProperty target) {
		for (Map.Entry<Integer, ElementProperty> column : this.columns.entrySet()) {
			if (column.getValue().equals(target)) {
				return this.header.get(column.getKey());
			}
		}
		return "constants";
	}

}
