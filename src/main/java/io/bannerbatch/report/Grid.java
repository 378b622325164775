package io.bannerbatch.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The banner grid's body: one table row per input row, one cell per format in the requested order. Only the first
 * {@code limit} rows get a table row; past that a browser would fetch thousands of thumbnails and the page would be
 * unusable, so the rest are only counted.
 */
final class Grid {

	/**
	 * The only script on the page: it records on each thumbnail whether it loaded, so the page can be checked in a
	 * browser. The Content-Security-Policy allows exactly these two handlers by hash and nothing else.
	 */
	static final String ON_LOAD = "this.dataset.loaded=this.naturalWidth";

	static final String ON_ERROR = "this.dataset.failed=1";

	/** Error text in a cell is a reminder; the Problems section and the results file carry the whole message. */
	private static final int CELL_REASON_LENGTH = 300;

	private final List<String> formats;

	private final HtmlWriter out;

	private final int limit;

	private long rows;

	private long shownRows;

	Grid(List<String> formats, HtmlWriter out, int limit) {
		this.formats = formats;
		this.out = out;
		this.limit = limit;
	}

	/** Adds one input row's lines; says whether the row is shown. */
	boolean add(List<ReportLine> row) {
		this.rows++;
		if (this.shownRows >= this.limit) {
			return false;
		}
		this.shownRows++;
		write(row);
		return true;
	}

	long rows() {
		return this.rows;
	}

	long shownRows() {
		return this.shownRows;
	}

	long hiddenRows() {
		return this.rows - this.shownRows;
	}

	private void write(List<ReportLine> row) {
		ReportLine first = row.get(0);
		boolean rejected = isWhollyRejected(row);
		this.out.markup("<tr id=\"row-").markup(Long.toString(first.row())).markup("\"")
			.markup(rejected ? " class=\"rejected\">" : ">");
		this.out.markup("<th scope=\"row\" class=\"rowhead\"><span class=\"number\">")
			.number(first.row())
			.markup("</span><span class=\"key\">")
			.text(first.key())
			.markup("</span></th>");
		if (rejected) {
			this.out.markup("<td class=\"cell rejected\" colspan=\"")
				.markup(Integer.toString(Math.max(1, this.formats.size())))
				.markup("\"><span class=\"state\">Rejected, not sent</span><span class=\"reason\">")
				.text(shorten(first.error()))
				.markup("</span></td>");
		}
		else {
			Map<String, ReportLine> byFormat = new LinkedHashMap<>();
			List<ReportLine> unlisted = new ArrayList<>();
			for (ReportLine line : row) {
				if (this.formats.contains(line.format()) && !byFormat.containsKey(line.format())) {
					byFormat.put(line.format(), line);
				}
				else {
					unlisted.add(line);
				}
			}
			for (String format : this.formats) {
				ReportLine line = byFormat.get(format);
				if (line != null) {
					cell(line, false);
				}
				else {
					this.out.markup("<td class=\"cell missing\"><div class=\"frame notice\">Not in the results</div></td>");
				}
			}
			// a format the caller did not announce still shows, after the columns, named in its cell
			for (ReportLine line : unlisted) {
				cell(line, true);
			}
		}
		this.out.markup("</tr>\n");
	}

	private static boolean isWhollyRejected(List<ReportLine> row) {
		String error = row.get(0).error();
		for (ReportLine line : row) {
			if (!ReportLine.REJECTED.equals(line.status()) || !same(error, line.error())) {
				return false;
			}
		}
		return true;
	}

	private void cell(ReportLine line, boolean named) {
		String status = (line.status() != null) ? line.status() : "";
		String kind = switch (status) {
			case ReportLine.GENERATED -> "generated";
			case ReportLine.FAILED -> "failed";
			case ReportLine.REJECTED -> "rejected";
			default -> "other";
		};
		this.out.markup("<td class=\"cell ").markup(kind).markup("\">");
		if (named) {
			this.out.markup("<span class=\"format-name\">").text(line.format()).markup("</span>");
		}
		switch (kind) {
			case "generated" -> generated(line);
			case "failed" -> state("Failed", line.error());
			case "rejected" -> state("Rejected, not sent", line.error());
			default -> state(status, line.error());
		}
		this.out.markup("</td>");
	}

	private void generated(ReportLine line) {
		// the CDN URL is the one meant for people; the file URL is the fallback
		String url = HtmlWriter.httpUrl(line.cdnUrl());
		if (url == null) {
			url = HtmlWriter.httpUrl(line.fileUrl());
		}
		if (url != null) {
			this.out.markup("<a class=\"frame\" href=\"")
				.text(url)
				.markup("\" target=\"_blank\" rel=\"noopener noreferrer\" title=\"Open the full-size banner\">")
				.markup("<img src=\"")
				.text(url)
				.markup("\" alt=\"")
				.text(line.key() + " · " + line.format())
				.markup("\" loading=\"lazy\" onload=\"")
				.markup(ON_LOAD)
				.markup("\" onerror=\"")
				.markup(ON_ERROR)
				.markup("\"></a>");
		}
		else {
			String given = firstNonBlank(line.cdnUrl(), line.fileUrl());
			this.out.markup("<div class=\"frame empty\">No preview</div>");
			if (given != null) {
				this.out.markup("<span class=\"url\">").text(given).markup("</span>");
			}
		}
		this.out.markup("<span class=\"meta\">");
		if (!isBlank(line.width()) && !isBlank(line.height())) {
			this.out.markup("<span class=\"size\">").text(line.width()).markup("×").text(line.height()).markup("</span>");
		}
		if (line.reused()) {
			this.out.markup("<span class=\"badge\" title=\"Made by an earlier run and reused, not generated again\">")
				.markup("reused</span>");
		}
		this.out.markup("</span>");
	}

	private void state(String label, String reason) {
		// the same box as a thumbnail, so that the columns stay aligned
		this.out.markup("<div class=\"frame notice\"><span class=\"state\">")
			.text(label.isEmpty() ? "Unknown status" : label)
			.markup("</span>");
		if (!isBlank(reason)) {
			this.out.markup("<span class=\"reason\">").text(shorten(reason)).markup("</span>");
		}
		this.out.markup("</div>");
	}

	private static String shorten(String reason) {
		if (isBlank(reason)) {
			return "no reason given";
		}
		return (reason.length() > CELL_REASON_LENGTH) ? reason.substring(0, CELL_REASON_LENGTH) + "…" : reason;
	}

	private static String firstNonBlank(String first, String second) {
		return !isBlank(first) ? first : (!isBlank(second) ? second : null);
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	private static boolean same(String a, String b) {
		return (a == null) ? b == null : a.equals(b);
	}

}
