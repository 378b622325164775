package io.bannerbatch.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The FAILED and REJECTED lines, kept for the section at the top of the page. A rejected row is rejected for all its
 * formats with one reason, so it is listed once, not once per format. Only the first {@code limit} are kept; the
 * rest are counted, so 50,000 failures cost a count, not 50,000 entries in memory.
 */
final class Problems {

	/** Reasons are user-visible API or validation messages; one that is longer than this is cut in the page. */
	static final int REASON_LENGTH = 1000;

	record Problem(long row, String key, String formats, String status, String reason, boolean inGrid) {
	}

	private final List<String> formats;

	private final int limit;

	private final List<Problem> listed = new ArrayList<>();

	private long unlisted;

	private long failedFormats;

	private long rejectedRows;

	Problems(List<String> formats, int limit) {
		this.formats = formats;
		this.limit = limit;
	}

	void add(List<ReportLine> row, boolean inGrid) {
		Map<String, List<String>> rejections = new LinkedHashMap<>();
		for (ReportLine line : row) {
			if (ReportLine.FAILED.equals(line.status())) {
				this.failedFormats++;
				list(new Problem(line.row(), line.key(), line.format(), ReportLine.FAILED, reason(line), inGrid));
			}
			else if (ReportLine.REJECTED.equals(line.status())) {
				rejections.computeIfAbsent(reason(line), (reason) -> new ArrayList<>()).add(line.format());
			}
		}
		if (!rejections.isEmpty()) {
			this.rejectedRows++;
			ReportLine first = row.get(0);
			rejections.forEach((reason, formats) -> list(
					new Problem(first.row(), first.key(), describe(formats), ReportLine.REJECTED, reason, inGrid)));
		}
	}

	private void list(Problem problem) {
		if (this.listed.size() < this.limit) {
			this.listed.add(problem);
		}
		else {
			this.unlisted++;
		}
	}

	private String describe(List<String> rejected) {
		boolean all = !this.formats.isEmpty() && rejected.size() == this.formats.size()
				&& rejected.containsAll(this.formats);
		return all ? "all formats" : String.join(", ", rejected);
	}

	private static String reason(ReportLine line) {
		String error = line.error();
		if (error == null || error.isBlank()) {
			return "no reason given";
		}
		return (error.length() > REASON_LENGTH) ? error.substring(0, REASON_LENGTH) + "…" : error;
	}

	List<Problem> listed() {
		return this.listed;
	}

	long unlisted() {
		return this.unlisted;
	}

	long failedFormats() {
		return this.failedFormats;
	}

	long rejectedRows() {
		return this.rejectedRows;
	}

	boolean isEmpty() {
		return this.listed.isEmpty();
	}

}
