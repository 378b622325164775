package io.bannerbatch.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.bannerbatch.abyssale.Design;
import io.bannerbatch.csv.InputRow;

/**
 * The checked plan of a run: the column mapping, every design it uses, the defaults, and the estimate. Turns each
 * input row into a {@link MappedRow}, the same way in the preflight's estimate and in the job.
 *
 * @param request what the user asked for
 * @param columns the header resolved against the mapping
 * @param designs every design the rows use, by id
 * @param missingDesigns design ids of {@code design_id} cells the API does not know → its message; their rows are
 * rejected
 * @param defaultDesign the design of rows without a {@code design_id}, or {@code null}
 * @param defaultFormats the formats of rows without a {@code formats} cell, empty for all of the design's
 * @param estimate what the run will create, once counted
 */
public record RunPlan(PlanRequest request, ColumnMapping columns, Map<String, Design> designs,
		Map<String, String> missingDesigns, String defaultDesign, List<String> defaultFormats) {

	static final Pattern UUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	/** A key is an identifier (a SKU), shown on every results line; a longer one is a misread row. */
	static final int MAX_KEY = 200;

	/** The ledger keeps a reason in 4000 characters; one this long has said all it can. */
	private static final int MAX_REASON = 1000;

	public MappedRow map(InputRow row) {
		List<String> values = row.values();
		String key = (values.size() > this.columns.keyColumn()) ? values.get(this.columns.keyColumn()).strip() : "";
		if (values.size() != this.columns.header().size()) {
			return rejected(row, key, null, List.of(), "line " + row.line() + " has " + values.size()
					+ " fields but the header has " + this.columns.header().size()
					+ "; check the quoting and the delimiter");
		}
		String keyColumn = "the key column \"" + this.columns.header().get(this.columns.keyColumn()) + "\"";
		if (key.isEmpty()) {
			return rejected(row, key, null, List.of(), keyColumn + " is empty; give every row a key");
		}
		if (key.codePointCount(0, key.length()) > MAX_KEY) {
			return rejected(row, key, null, List.of(), keyColumn + " holds " + key.codePointCount(0, key.length())
					+ " characters; a key has at most " + MAX_KEY + " (is the key column the right one?)");
		}
		String designId = cell(values, this.columns.designColumn());
		if (designId == null) {
			designId = this.defaultDesign;
		}
		if (designId == null) {
			return rejected(row, key, null, List.of(), "no design: give --design, the mapping's design, or a "
					+ ColumnMapping.DESIGN_COLUMN + " value");
		}
		Design design = this.designs.get(designId);
		if (this.missingDesigns.containsKey(designId)) {
			return rejected(row, key, null, List.of(), ColumnMapping.DESIGN_COLUMN + " " + designId + " was not found ("
					+ this.missingDesigns.get(designId) + "); check the id and that the API key's workspace owns it");
		}
		if (design == null) {
			return rejected(row, key, null, List.of(), ColumnMapping.DESIGN_COLUMN + " \""
					+ PropertyRules.abbreviate(designId, 80) + "\" is not a design id (a UUID such as "
					+ "5d5f6f6a-0000-4000-8000-000000000001); copy it from the design's URL in Abyssale");
		}
		List<String> formats = formats(values, design);
		for (String format : formats) {
			if (!design.formatNames().contains(format)) {
				return rejected(row, key, designId, shownFormats(formats, design), "format \""
						+ PropertyRules.abbreviate(format, 80) + "\" is not in design \"" + design.name()
						+ "\"; its formats: " + String.join(", ", design.formatNames()));
			}
		}
		Map<String, Map<String, String>> elements = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		this.columns.constants().forEach((target, value) -> put(elements, problems, target, value, design));
		this.columns.columns().forEach((index, target) -> {
			String value = values.get(index);
			// a blank cell keeps the design's own value (or the mapping's constant): the property is left out
			if (!value.isBlank()) {
				put(elements, problems, target, value, design);
			}
		});
		if (!problems.isEmpty()) {
			return rejected(row, key, designId, formats, String.join("; ", problems));
		}
		return new MappedRow(row.number(), key, designId, formats, elements, hash(elements), null);
	}

	private List<String> formats(List<String> values, Design design) {
		String perRow = cell(values, this.columns.formatsColumn());
		if (perRow != null) {
			// a format named twice would be generated, and paid for, twice
			return MappingFile.splitNames(perRow, "|").stream().distinct().toList();
		}
		return this.defaultFormats.isEmpty() ? design.formatNames() : this.defaultFormats;
	}

	/**
	 * The lines a row with an unknown format shows: the known formats it asked for and the first unknown one, so a
	 * cell of garbage cannot fill the results file.
	 */
	private static List<String> shownFormats(List<String> formats, Design design) {
		List<String> shown = new ArrayList<>();
		boolean unknownShown = false;
		for (String format : formats) {
			boolean known = design.formatNames().contains(format);
			if (known || !unknownShown) {
				shown.add(known ? format : PropertyRules.abbreviate(format, 100));
				unknownShown |= !known;
			}
		}
		return shown;
	}

	private static void put(Map<String, Map<String, String>> elements, List<String> problems, ElementProperty target,
			String value, Design design) {
		PropertyRules.Checked checked = PropertyRules.check(target, value, design.isPrint());
		if (checked.problem() != null) {
			problems.add(checked.problem());
			return;
		}
		elements.computeIfAbsent(target.element(), (name) -> new LinkedHashMap<>())
			.put(target.property(), checked.value());
	}

	private static String cell(List<String> values, int index) {
		if (index < 0 || index >= values.size() || values.get(index).isBlank()) {
			return null;
		}
		return values.get(index).strip();
	}

	/**
	 * A rejected row still gets one line per format it would have had, so every row shows in the results: its own
	 * formats when known, else the defaults, else one line with no format. What it carries is cut to what the ledger
	 * and a reader of the results file can take.
	 */
	private MappedRow rejected(InputRow row, String key, String designId, List<String> formats, String reason) {
		List<String> lines = formats;
		if (lines.isEmpty()) {
			Design design = (this.defaultDesign != null) ? this.designs.get(this.defaultDesign) : null;
			lines = !this.defaultFormats.isEmpty() ? this.defaultFormats
					: (design != null && !design.formatNames().isEmpty()) ? design.formatNames() : List.of("");
		}
		return new MappedRow(row.number(), PropertyRules.abbreviate(key, MAX_KEY), designId, lines, Map.of(), null,
				PropertyRules.abbreviate(reason, MAX_REASON));
	}

	/** SHA-256 over the elements with sorted keys and values exactly as sent. */
	static String hash(Map<String, Map<String, String>> elements) {
		StringBuilder canonical = new StringBuilder();
		new TreeMap<>(elements).forEach((element, properties) -> new TreeMap<>(properties)
			.forEach((property, value) -> canonical.append(element)
				.append('\u0000')
				.append(property)
				.append('\u0000')
				.append(value)
				.append('\u0001')));
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

}
