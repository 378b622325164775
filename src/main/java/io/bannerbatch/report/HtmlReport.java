package io.bannerbatch.report;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The report a person opens after a run: one self-contained HTML file (inline styles, no external script, font or
 * stylesheet) with the run's figures, the problems to fix, and a thumbnail grid of the banners.
 */
public final class HtmlReport {

	/** Rows shown in the grid; past that the browser would fetch thousands of thumbnails. */
	static final int GRID_ROWS = 1000;

	/** Problems listed; past that the rest are counted, and the results file has them all. */
	static final int LISTED_PROBLEMS = 1000;

	private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; img-src http: https:; "
			+ "style-src 'unsafe-inline'; script-src 'unsafe-hashes' " + hash(Grid.ON_LOAD) + " "
			+ hash(Grid.ON_ERROR) + "; base-uri 'none'; form-action 'none'";

	private HtmlReport() {
	}

	/**
	 * Writes the report. The lines arrive in row order then format order and are streamed: the grid goes to a
	 * temporary file as it is drawn, only the first problems are kept in memory, and the page is assembled under a
	 * temporary name and moved into place once complete, so nobody ever opens half a report.
	 * @param file where the report goes, usually the results file's name with {@code .report.html} for {@code .csv}
	 * @param data the run as a whole
	 * @param lines calls its argument once per results line
	 */
	public static void write(Path file, ReportData data, Consumer<Consumer<ReportLine>> lines) {
		write(file, data, lines, GRID_ROWS, LISTED_PROBLEMS);
	}

	static void write(Path file, ReportData data, Consumer<Consumer<ReportLine>> lines, int gridRows,
			int listedProblems) {
		Path target = file.toAbsolutePath();
		Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
		// the problems come first on the page but are known only at the end: the grid waits on disk, not in memory
		Path gridBody = target.resolveSibling("." + target.getFileName() + ".grid.tmp");
		try {
			Files.createDirectories(target.getParent());
			Problems problems = new Problems(data.formats(), listedProblems);
			Grid grid;
			try (HtmlWriter out = new HtmlWriter(Files.newBufferedWriter(gridBody, StandardCharsets.UTF_8))) {
				grid = new Grid(data.formats(), out, gridRows);
				List<ReportLine> row = new ArrayList<>();
				lines.accept((line) -> {
					if (!row.isEmpty() && row.get(0).row() != line.row()) {
						problems.add(row, grid.add(row));
						row.clear();
					}
					row.add(line);
				});
				if (!row.isEmpty()) {
					problems.add(row, grid.add(row));
				}
			}
			try (HtmlWriter out = new HtmlWriter(Files.newBufferedWriter(temporary, StandardCharsets.UTF_8))) {
				head(out, data);
				header(out, data);
				out.markup("<main>\n");
				problems(out, problems);
				banners(out, data, grid, gridBody);
				out.markup("</main>\n<footer>Made by bannerbatch. Every line, with its banner id and URLs, is in ")
					.markup("<code>")
					.text(data.resultsFile())
					.markup("</code>.</footer>\n</body>\n</html>\n");
			}
			try {
				Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + target + ": " + ex.getMessage(), ex);
		}
		catch (UncheckedIOException ex) {
			throw new UncheckedIOException("cannot write " + target + ": " + ex.getCause().getMessage(), ex.getCause());
		}
		finally {
			deleteQuietly(gridBody);
			deleteQuietly(temporary);
		}
	}

	private static void head(HtmlWriter out, ReportData data) {
		out.markup("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
			.markup("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
			.markup("<meta http-equiv=\"Content-Security-Policy\" content=\"")
			.text(CONTENT_SECURITY_POLICY)
			.markup("\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<title>")
			.text(data.title())
			.markup("</title>\n<style>\n")
			.markup(Stylesheet.CSS)
			.markup("</style>\n</head>\n<body>\n");
	}

	private static void header(HtmlWriter out, ReportData data) {
		out.markup("<header class=\"top\">\n<h1>").text(data.title()).markup("</h1>\n<p class=\"subtitle\">Results CSV ")
			.markup("<code>")
			.text(data.resultsFile())
			.markup("</code>");
		if (data.exportId() != null && !data.exportId().isBlank()) {
			out.markup(" · export <code>").text(data.exportId()).markup("</code>");
		}
		else {
			out.markup(" · no export");
		}
		out.markup("</p>\n");
		if (!data.summary().isEmpty()) {
			out.markup("<dl class=\"summary\">\n");
			for (Map.Entry<String, String> figure : data.summary().entrySet()) {
				out.markup("<div><dt>").text(figure.getKey()).markup("</dt><dd>").text(figure.getValue())
					.markup("</dd></div>\n");
			}
			out.markup("</dl>\n");
		}
		out.markup("</header>\n");
	}

	private static void problems(HtmlWriter out, Problems problems) {
		out.markup("<section class=\"problems\" id=\"problems\">\n<h2>Problems</h2>\n");
		if (problems.isEmpty()) {
			out.markup("<p class=\"all-good\">None: every row was accepted and every format was generated.</p>\n");
			out.markup("</section>\n");
			return;
		}
		out.markup("<p class=\"lead\">");
		if (problems.failedFormats() > 0) {
			out.markup("<span class=\"pill failed\">").number(problems.failedFormats())
				.markup(problems.failedFormats() == 1 ? " failed format" : " failed formats")
				.markup("</span> ");
		}
		if (problems.rejectedRows() > 0) {
			out.markup("<span class=\"pill rejected\">").number(problems.rejectedRows())
				.markup(problems.rejectedRows() == 1 ? " rejected row" : " rejected rows")
				.markup("</span> ");
		}
		out.markup("Fix these in the spreadsheet or the design, then run again.</p>\n");
		// a long list scrolls in its own box, so the grid stays one scroll away
		out.markup("<div class=\"scroll\">\n<table>\n<thead><tr><th class=\"num\">Row</th><th>Key</th><th>Format</th><th>Status</th>"
				+ "<th>Reason</th></tr></thead>\n<tbody>\n");
		for (Problems.Problem problem : problems.listed()) {
			String kind = ReportLine.FAILED.equals(problem.status()) ? "failed" : "rejected";
			out.markup("<tr class=\"").markup(kind).markup("\"><td class=\"num\">");
			if (problem.inGrid()) {
				// a fragment built from a number: the only href that is not an http(s) URL
				out.markup("<a href=\"#row-").markup(Long.toString(problem.row())).markup("\">")
					.number(problem.row())
					.markup("</a>");
			}
			else {
				out.number(problem.row());
			}
			out.markup("</td><td class=\"key\">").text(problem.key())
				.markup("</td><td>").text(problem.formats())
				.markup("</td><td><span class=\"pill ").markup(kind).markup("\">")
				.markup("failed".equals(kind) ? "Failed" : "Rejected")
				.markup("</span></td><td class=\"reason\">").text(problem.reason())
				.markup("</td></tr>\n");
		}
		out.markup("</tbody>\n</table>\n</div>\n");
		if (problems.unlisted() > 0) {
			out.markup("<p class=\"note\">… ").number(problems.unlisted())
				.markup(" more problems in the results CSV (status FAILED or REJECTED).</p>\n");
		}
		out.markup("</section>\n");
	}

	private static void banners(HtmlWriter out, ReportData data, Grid grid, Path gridBody) throws IOException {
		out.markup("<section class=\"banners\" id=\"banners\">\n<h2>Banners</h2>\n<p class=\"lead\">");
		out.number(grid.rows()).markup(grid.rows() == 1 ? " row" : " rows").markup(" × ")
			.number(data.formats().size()).markup(data.formats().size() == 1 ? " format" : " formats");
		if (grid.hiddenRows() > 0) {
			out.markup(", the first ").number(grid.shownRows()).markup(" shown");
		}
		out.markup(". Click a banner to open it full size.</p>\n");
		out.markup("<div class=\"grid\">\n<table>\n<thead><tr><th class=\"rowhead\">Row</th>");
		for (String format : data.formats()) {
			out.markup("<th class=\"format\">").text(format).markup("</th>");
		}
		out.markup("</tr></thead>\n<tbody>\n");
		out.writer().flush();
		try (Reader body = Files.newBufferedReader(gridBody, StandardCharsets.UTF_8)) {
			body.transferTo(out.writer());
		}
		out.markup("</tbody>\n</table>\n</div>\n");
		if (grid.hiddenRows() > 0) {
			out.markup("<p class=\"note\">… ").number(grid.hiddenRows())
				.markup(grid.hiddenRows() == 1 ? " more row" : " more rows")
				.markup(" in the results CSV <code>").text(data.resultsFile()).markup("</code>.</p>\n");
		}
		out.markup("</section>\n");
	}

	private static String hash(String script) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
			return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			// a leftover temporary file is hidden and harmless; the report itself was written or already failed
		}
	}

}
