package io.bannerbatch.mapping;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.bannerbatch.abyssale.AbyssaleClient;
import io.bannerbatch.abyssale.AbyssaleException.NotFoundException;
import io.bannerbatch.abyssale.Design;
import io.bannerbatch.csv.InputCsv;
import io.bannerbatch.csv.InputProblem;
import io.bannerbatch.csv.InputRow;

/**
 * Everything that must hold before the first paid call: the file parses, the mapping matches the header, every design
 * used exists and has every mapped element, property and requested format. Today's API accepts unknown names silently
 * and charges for the request, so this check is the only guard. Reads each design once, then the whole input once
 * more for the estimate.
 */
@Component
public class Preflight {

	private static final int REJECTIONS_KEPT = 50;

	private final AbyssaleClient client;

	public Preflight(AbyssaleClient client) {
		this.client = client;
	}

	/** The plan, checked against the file only (no API call): the mapping, the header, the design ids. */
	public Draft read(PlanRequest request) {
		MappingFile.Spec spec = (request.mapping() != null) ? MappingFile.load(request.mapping()) : MappingFile.Spec.empty();
		String defaultDesign = (request.design() != null) ? request.design() : spec.design();
		if (defaultDesign != null && !RunPlan.UUID.matcher(defaultDesign).matches()) {
			throw new InputProblem(((request.design() != null) ? "--design" : request.mapping() + ": design") + "=\""
					+ defaultDesign + "\" is not a design id; copy the UUID from the design's URL in Abyssale");
		}
		List<String> defaultFormats = !request.formats().isEmpty() ? request.formats() : spec.formats();
		Set<String> designIds = new LinkedHashSet<>();
		ColumnMapping columns;
		try (InputCsv csv = InputCsv.open(request.input(), request.delimiter())) {
			columns = ColumnMapping.resolve(request.input(), request.mapping(), csv.header(), spec, request.keyColumn());
			boolean everyRowHasADesign = true;
			while (csv.hasNext()) {
				InputRow row = csv.next();
				String perRow = (columns.designColumn() >= 0 && columns.designColumn() < row.values().size())
						? row.values().get(columns.designColumn()).strip() : "";
				if (!perRow.isEmpty() && RunPlan.UUID.matcher(perRow).matches()) {
					designIds.add(perRow);
				}
				everyRowHasADesign &= !perRow.isEmpty();
			}
			if (defaultDesign != null && !everyRowHasADesign) {
				designIds.add(defaultDesign);
			}
			if (defaultDesign == null && !everyRowHasADesign && columns.designColumn() < 0) {
				throw new InputProblem("no design: give --design=UUID, a design in the mapping file, or a "
						+ ColumnMapping.DESIGN_COLUMN + " column in " + request.input());
			}
		}
		return new Draft(request, columns, designIds, defaultDesign, defaultFormats);
	}

	/** The plan read from the file, waiting for its designs. */
	public record Draft(PlanRequest request, ColumnMapping columns, Set<String> designIds, String defaultDesign,
			List<String> defaultFormats) {
	}

	/** Reads every design, checks the mapping against each, and counts what the run will create. */
	public RunPlan check(Draft draft) {
		Map<String, Design> designs = new LinkedHashMap<>();
		for (String designId : draft.designIds()) {
			Design design;
			try {
				design = this.client.design(designId);
			}
			catch (NotFoundException ex) {
				throw new InputProblem("design " + designId + " was not found (" + ex.apiMessage()
						+ "); check the id and that the API key's workspace owns it", ex);
			}
			checkTargets(draft, design);
			designs.put(designId, design);
		}
		if (draft.defaultDesign() != null && designs.containsKey(draft.defaultDesign())) {
			Design design = designs.get(draft.defaultDesign());
			for (String format : draft.defaultFormats()) {
				if (!design.formatNames().contains(format)) {
					throw new InputProblem("format \"" + format + "\" is not in design \"" + design.name() + "\" ("
							+ design.id() + "); its formats: " + String.join(", ", design.formatNames()));
				}
			}
		}
		RunPlan plan = new RunPlan(draft.request(), draft.columns(), designs, draft.defaultDesign(),
				draft.defaultFormats(), null);
		return plan.withEstimate(estimate(plan));
	}

	private static void checkTargets(Draft draft, Design design) {
		Path where = (draft.request().mapping() != null) ? draft.request().mapping() : draft.request().input();
		for (ElementProperty target : draft.columns().targets()) {
			String source = draft.columns().columnName(target);
			Design.Element element = design.element(target.element()).orElse(null);
			if (element == null || element.isReadOnly()) {
				throw new InputProblem(where + ": " + source + " → " + target + ": design \"" + design.name() + "\" ("
						+ design.id() + ") has no element \"" + target.element() + "\" that can be set; its elements: "
						+ String.join(", ", settable(design)));
			}
			if (!element.properties().contains(target.property())) {
				throw new InputProblem(where + ": " + source + " → " + target + ": element \"" + element.name()
						+ "\" has no property \"" + target.property() + "\"; its properties: "
						+ String.join(", ", element.properties()));
			}
		}
	}

	private static List<String> settable(Design design) {
		List<String> names = new ArrayList<>();
		design.elements().values().stream().filter((element) -> !element.isReadOnly()).forEach((e) -> names.add(e.name()));
		return names;
	}

	private static RunPlan.Estimate estimate(RunPlan plan) {
		long rows = 0;
		long rejected = 0;
		long banners = 0;
		List<MappedRow> rejections = new ArrayList<>();
		try (InputCsv csv = InputCsv.open(plan.request().input(), plan.request().delimiter())) {
			while (csv.hasNext()) {
				MappedRow row = plan.map(csv.next());
				rows++;
				if (row.isRejected()) {
					rejected++;
					if (rejections.size() < REJECTIONS_KEPT) {
						rejections.add(row);
					}
				}
				else {
					banners += row.formats().size();
				}
			}
		}
		return new RunPlan.Estimate(rows, rejected, rows - rejected, banners, List.copyOf(rejections));
	}

}
