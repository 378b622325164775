package io.bannerbatch.report;

/**
 * One row × format of the results, as the report shows it. {@code status} is {@code GENERATED}, {@code FAILED} or
 * {@code REJECTED}; {@code error} says why for the latter two; {@code reused} marks a banner made by an earlier run.
 */
public record ReportLine(long row, String key, String format, String status, String bannerId, String fileUrl,
		String cdnUrl, String width, String height, String error, boolean reused) {

	static final String GENERATED = "GENERATED";

	static final String FAILED = "FAILED";

	static final String REJECTED = "REJECTED";

}
