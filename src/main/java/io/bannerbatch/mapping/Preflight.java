package io.bannerbatch.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.bannerbatch.abyssale.AbyssaleClient;
import io.bannerbatch.abyssale.AbyssaleException.NotFoundException;
import io.bannerbatch.abyssale.Design;
import io.bannerbatch.csv.InputCsv;
import io.bannerbatch.csv.InputProblem;
import io.bannerbatch.csv.InputRow;
import io.bannerbatch.csv.Location;

/**
 * Everything that must hold before the first paid call: the file parses, the mapping matches the header, every design
 * used exists and has every mapped element, property and requested format, and the mapping's constants are valid
 * values. Today's API accepts unknown names silently and charges for the request, so this check is the only guard.
 * Reads each design once; the job's estimator counts the cost afterwards.
 */
@Component
public class Preflight {

	private static final String EXAMPLE_UUID = "5d5f6f6a-0000-4000-8000-000000000001";

	private final AbyssaleClient client;

	public Preflight(AbyssaleClient client) {
		this.client = client;
	}

	/**
	 * The plan, checked against the files only: the mapping, the header, the design ids. No API call and no Spring
	 * context, so a bad file costs milliseconds.
	 */
	public static Draft read(PlanRequest request) {
		MappingFile.Spec spec = (request.mapping() != null) ? MappingFile.load(request.mapping()) : MappingFile.Spec.empty();
		String defaultDesign = (request.design() != null) ? request.design().strip() : spec.design();
		String designOrigin = (request.design() != null) ? "--design=" + defaultDesign
				: spec.location("design") + ": design";
		if (defaultDesign != null && !RunPlan.UUID.matcher(defaultDesign).matches()) {
			throw new InputProblem(designOrigin + ": \"" + PropertyRules.abbreviate(defaultDesign, 80)
					+ "\" is not a design id (a UUID such as " + EXAMPLE_UUID
					+ "); copy it from the design's URL in Abyssale");
		}
		boolean formatsGiven = !request.formats().isEmpty();
		List<String> defaultFormats = (formatsGiven ? request.formats() : spec.formats()).stream()
			.map(String::strip)
			.filter((name) -> !name.isEmpty())
			.distinct()
			.toList();
		String formatsOrigin = formatsGiven ? "--formats" : spec.location("formats") + ": formats";
		// design id → where it is first asked for, for the message if the API does not know it
		Map<String, String> designs = new LinkedHashMap<>();
		if (defaultDesign != null) {
			designs.put(defaultDesign, designOrigin);
		}
		ColumnMapping columns;
		try (InputCsv csv = InputCsv.open(request.input(), request.delimiter())) {
			columns = ColumnMapping.resolve(request.input(), csv.headerLine(), csv.header(), spec, request.keyColumn());
			long rows = 0;
			while (csv.hasNext()) {
				InputRow row = csv.next();
				rows++;
				String perRow = (columns.designColumn() >= 0 && columns.designColumn() < row.values().size())
						? row.values().get(columns.designColumn()).strip() : "";
				if (RunPlan.UUID.matcher(perRow).matches()) {
					designs.putIfAbsent(perRow, Location.line(request.input(), row.line()) + ": "
							+ ColumnMapping.DESIGN_COLUMN);
				}
			}
			if (rows == 0) {
				throw new InputProblem(Location.line(request.input(), csv.headerLine() + 1), "no data rows after the "
						+ "header, so nothing to generate; check that whatever writes this file wrote it completely");
			}
			// without a default, a row with an empty design_id is rejected; without the column, every row would be
			if (defaultDesign == null && columns.designColumn() < 0) {
				throw new InputProblem("no design: give --design=UUID, a design in the mapping file, or a "
						+ ColumnMapping.DESIGN_COLUMN + " column in " + request.input());
			}
		}
		return new Draft(request, spec, columns, designs, defaultDesign, defaultFormats, formatsOrigin);
	}

	/**
	 * The plan read from the file, waiting for its designs.
	 *
	 * @param request what the user asked for
	 * @param spec the mapping file, or an empty one
	 * @param columns the header resolved against the mapping
	 * @param designs every design id used → where it is first asked for
	 * @param defaultDesign the design of rows without a {@code design_id}, or {@code null}
	 * @param defaultFormats the formats of rows without a {@code formats} cell, empty for all of the design's
	 * @param formatsOrigin where the default formats come from, for messages
	 */
	public record Draft(PlanRequest request, MappingFile.Spec spec, ColumnMapping columns, Map<String, String> designs,
			String defaultDesign, List<String> defaultFormats, String formatsOrigin) {
	}

	/** Reads every design, checks the mapping against each, and counts what the run will create. */
	public RunPlan check(Draft draft) {
		Map<String, Design> designs = new LinkedHashMap<>();
		Map<String, String> missing = new LinkedHashMap<>();
		draft.designs().forEach((designId, origin) -> {
			Design design;
			try {
				design = this.client.design(designId);
			}
			catch (NotFoundException ex) {
				// a design_id cell naming an unknown design is that row's problem; the design every row falls back to is not
				if (!designId.equals(draft.defaultDesign())) {
					missing.put(designId, ex.apiMessage());
					return;
				}
				throw new InputProblem(origin + ": design " + designId + " was not found (" + ex.apiMessage()
						+ "); check the id and that the API key's workspace owns it", ex);
			}
			checkTargets(draft, design);
			checkConstants(draft, design);
			designs.put(designId, design);
		});
		if (draft.defaultDesign() != null) {
			Design design = designs.get(draft.defaultDesign());
			for (String format : draft.defaultFormats()) {
				if (!design.formatNames().contains(format)) {
					throw new InputProblem(draft.formatsOrigin() + ": \"" + PropertyRules.abbreviate(format, 80)
							+ "\" is not a format of design \"" + design.name() + "\" (" + design.id() + ")"
							+ Spelling.suggestion(format, design.formatNames()) + "; fix the name (its formats: "
							+ String.join(", ", design.formatNames()) + ")");
				}
			}
		}
		return new RunPlan(draft.request(), draft.columns(), designs, missing, draft.defaultDesign(),
				draft.defaultFormats());
	}

	private static void checkTargets(Draft draft, Design design) {
		for (ElementProperty target : draft.columns().targets()) {
			String origin = draft.columns().origin(target);
			Design.Element element = design.element(target.element()).orElse(null);
			if (element == null || element.isReadOnly()) {
				List<String> settable = settable(design);
				throw new InputProblem(origin + ": design \"" + design.name() + "\" (" + design.id()
						+ ") has no element \"" + target.element() + "\" that can be set"
						+ Spelling.suggestion(target.element(), settable) + "; fix the name (its elements: "
						+ String.join(", ", settable) + ")");
			}
			if (!element.properties().contains(target.property())) {
				throw new InputProblem(origin + ": element \"" + element.name() + "\" of design \"" + design.name()
						+ "\" has no property \"" + target.property() + "\""
						+ Spelling.suggestion(target.property(), element.properties()) + "; fix the name (its properties: "
						+ String.join(", ", element.properties()) + ")");
			}
		}
	}

	/** A bad constant would reject every row: it is the mapping's fault, said once. */
	private static void checkConstants(Draft draft, Design design) {
		draft.columns().constants().forEach((target, value) -> {
			String problem = PropertyRules.problem(target, value, design.isPrint());
			if (problem != null) {
				throw new InputProblem(draft.spec().location("constants." + target) + ": " + problem);
			}
		});
	}

	private static List<String> settable(Design design) {
		List<String> names = new ArrayList<>();
		design.elements().values().stream().filter((element) -> !element.isReadOnly()).forEach((e) -> names.add(e.name()));
		return names;
	}

}
