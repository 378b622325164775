package io.bannerbatch.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * What the report says about the run as a whole.
 *
 * @param title the page's heading
 * @param summary the figures to show, label to value, in display order
 * @param exportId the export requested for the run's banners, or {@code null} when there was none
 * @param resultsFile the results file the report describes, named where the report points to it
 * @param formats the requested formats: the grid's columns, in order
 */
public record ReportData(String title, LinkedHashMap<String, String> summary, String exportId, String resultsFile,
		List<String> formats) {

	public ReportData {
		Objects.requireNonNull(title, "title");
		Objects.requireNonNull(resultsFile, "resultsFile");
		summary = (summary != null) ? new LinkedHashMap<>(summary) : new LinkedHashMap<>();
		formats = List.copyOf(Objects.requireNonNull(formats, "formats"));
	}

}
