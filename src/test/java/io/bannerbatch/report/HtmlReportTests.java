package io.bannerbatch.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HtmlReportTests {

	static final List<String> FORMATS = List.of("square", "story", "landscape");

	@TempDir
	Path work;

	Path report;

	@Nested
	class WhenKeysAndErrorsContainMarkup {

		@Test
		void showsThemAsTextNeverAsMarkup() throws IOException {
			LinkedHashMap<String, String> summary = new LinkedHashMap<>();
			summary.put("Rows <b>", "1 & more");
			String html = write(new ReportData("Q3 <i>sale</i> & more", summary, "<export>", "<out>.results.csv",
					List.of("square", "<u>story</u>")),
					line(1, "<script>alert(1)</script>", "square", "FAILED",
							"<img src=x onerror=alert(2)> is \"not\" 'allowed'"),
					generated(1, "<script>alert(1)</script>", "<u>story</u>", "https://cdn.example/a.png\"onmouseover=\"x"));

			assertThat(html).doesNotContain("<script").doesNotContain("<img src=x").doesNotContain("<i>sale")
				.doesNotContain("<u>story").doesNotContain("<b>").doesNotContain("<export>").doesNotContain("<out>")
				.doesNotContain("\"onmouseover");
			assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
				.contains("&lt;img src=x onerror=alert(2)&gt; is &quot;not&quot; &#39;allowed&#39;")
				.contains("<title>Q3 &lt;i&gt;sale&lt;/i&gt; &amp; more</title>")
				.contains("<dt>Rows &lt;b&gt;</dt><dd>1 &amp; more</dd>")
				.contains("<th class=\"format\">&lt;u&gt;story&lt;/u&gt;</th>");
		}

		@Test
		void allowsNoScriptButTheTwoThumbnailHandlersByHash() throws IOException {
			String html = write(generated(1, "A1", "square", "https://cdn.example/a.png"));

			Matcher policy = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">")
				.matcher(html);
			assertThat(policy.find()).as("a Content-Security-Policy").isTrue();
			String scripts = policy.group(1).replace("&#39;", "'").replaceFirst(".*script-src ([^;]*);.*", "$1");
			assertThat(policy.group(1)).startsWith("default-src &#39;none&#39;;");
			assertThat(scripts).matches("'unsafe-hashes' 'sha256-[A-Za-z0-9+/=]{44}' 'sha256-[A-Za-z0-9+/=]{44}'");
			assertThat(html).doesNotContain("<script");
		}

	}

	@Nested
	class WhenUrlsAreNotHttp {

		@Test
		void fallsBackFromAnUnsafeCdnUrlToTheFileUrl() throws IOException {
			String html = write(new ReportLine(1, "A1", "square", "GENERATED", "b1", "https://files.example/a.png",
					"javascript:alert(1)", "1080", "1080", null, false));

			assertThat(html).contains("<img src=\"https://files.example/a.png\"")
				.contains("href=\"https://files.example/a.png\"")
				.doesNotContain("javascript:");
		}

		@Test
		void showsNoImageButTheTextWhenNeitherUrlIsHttp() throws IOException {
			String html = write(new ReportLine(1, "A1", "square", "GENERATED", "b1", "data:image/png;base64,AAAA",
					"javascript:alert(1)", "1080", "1080", null, false));

			assertThat(html).doesNotContain("<img").contains("No preview")
				.contains("<span class=\"url\">javascript:alert(1)</span>");
		}

		@Test
		void putsOnlyHttpUrlsAndRowAnchorsInEverySrcAndHref() throws IOException {
			String html = write(
					new ReportLine(1, "A1", "square", "GENERATED", "b1", "file:///etc/passwd", "//cdn.example/a.png",
							"1", "1", null, false),
					new ReportLine(1, "A1", "story", "GENERATED", "b2", " vbscript:msgbox ", "JAVASCRIPT:alert(1)",
							"1", "1", null, false),
					new ReportLine(1, "A1", "landscape", "GENERATED", "b3", null, "HTTPS://cdn.example/c.png?a=1&b=2",
							"1", "1", null, false),
					line(2, "B2", "square", "FAILED", "boom"));

			List<String> urls = attributes(html, "src|href");
			assertThat(urls).containsExactlyInAnyOrder("HTTPS://cdn.example/c.png?a=1&amp;b=2",
					"HTTPS://cdn.example/c.png?a=1&amp;b=2", "#row-2");
		}

		@ParameterizedTest
		@ValueSource(strings = { "javascript:alert(1)", " javascript:alert(1)", "data:text/html,<b>x</b>",
				"file:///etc/passwd", "//cdn.example/a.png", "/a.png", "https://", "https:///a.png", "ftp://a.example/a",
				"https://cdn.example/a b.png", "https://cdn.example/\"a.png", "" })
		void refusesAnythingButAnAbsoluteHttpUrl(String url) {
			assertThat(HtmlWriter.httpUrl(url)).isNull();
		}

		@ParameterizedTest
		@ValueSource(strings = { "https://cdn.example/a.png", "http://127.0.0.1:8080/b.png", "HTTPS://CDN.example/c",
				"https://cdn.example/a.png?x=1&y=%20" })
		void acceptsAbsoluteHttpUrls(String url) {
			assertThat(HtmlWriter.httpUrl(url)).isEqualTo(url);
		}

	}

	@Nested
	class Problems {

		@Test
		void listsEveryFailedFormatAndEachRejectedRowOnceBeforeTheGrid() throws IOException {
			String html = write(generated(1, "A1", "square", "https://cdn.example/1.png"),
					line(1, "A1", "story", "FAILED", "Text too long for tb-text_0"),
					generated(1, "A1", "landscape", "https://cdn.example/3.png"),
					line(2, "B2", "square", "REJECTED", "root.background_color: 'red' is not a colour"),
					line(2, "B2", "story", "REJECTED", "root.background_color: 'red' is not a colour"),
					line(2, "B2", "landscape", "REJECTED", "root.background_color: 'red' is not a colour"),
					line(3, "C3", "square", "FAILED", null));

			String problems = section(html, "problems");
			assertThat(html.indexOf("id=\"problems\"")).isLessThan(html.indexOf("id=\"banners\""));
			assertThat(rows(problems)).containsExactly(
					"1|A1|story|Failed|Text too long for tb-text_0",
					"2|B2|all formats|Rejected|root.background_color: &#39;red&#39; is not a colour",
					"3|C3|square|Failed|no reason given");
			assertThat(problems).contains("2 failed formats").contains("1 rejected row");
			assertThat(section(html, "banners")).containsOnlyOnce("root.background_color")
				.contains("<tr id=\"row-2\" class=\"rejected\">");
		}

		@Test
		void saysSoWhenThereAreNone() throws IOException {
			String html = write(generated(1, "A1", "square", "https://cdn.example/1.png"));

			assertThat(section(html, "problems")).contains("None: every row was accepted and every format was generated")
				.doesNotContain("<table");
		}

		@Test
		void listsTheFirstThousandAndCountsTheRest() throws IOException {
			String html = write((sink) -> {
				for (long row = 1; row <= 1500; row++) {
					sink.accept(line(row, "K" + row, "square", "FAILED", "failure " + row));
				}
			});

			String problems = section(html, "problems");
			assertThat(rows(problems)).hasSize(1000).first().isEqualTo("1|K1|square|Failed|failure 1");
			assertThat(rows(problems)).last().isEqualTo("1,000|K1000|square|Failed|failure 1000");
			assertThat(problems).contains("1,500 failed formats").contains("… 500 more problems in the results CSV");
			// only rows shown in the grid get a link to it
			assertThat(problems).contains("<a href=\"#row-1000\">").doesNotContain("#row-1001");
		}

	}

	@Nested
	class TheGrid {

		@Test
		void hasOneRowPerInputRowWithOneCellPerFormatInTheRequestedOrder() throws IOException {
			String html = write(generated(7, "A1", "square", "https://cdn.example/7-square.png"),
					generated(7, "A1", "story", "https://cdn.example/7-story.png"),
					generated(7, "A1", "landscape", "https://cdn.example/7-landscape.png"),
					generated(9, "B2", "square", "https://cdn.example/9-square.png"),
					generated(9, "B2", "landscape", "https://cdn.example/9-landscape.png"),
					generated(9, "B2", "banner", "https://cdn.example/9-banner.png"));

			String grid = section(html, "banners");
			assertThat(grid).contains("<th class=\"rowhead\">Row</th><th class=\"format\">square</th>"
					+ "<th class=\"format\">story</th><th class=\"format\">landscape</th>");
			assertThat(rows(grid)).containsExactly(
					"7A1|1080×1080|1080×1080|1080×1080",
					"9B2|1080×1080|Not in the results|1080×1080|banner1080×1080");
			assertThat(attributes(grid, "src")).containsExactly("https://cdn.example/7-square.png",
					"https://cdn.example/7-story.png", "https://cdn.example/7-landscape.png",
					"https://cdn.example/9-square.png", "https://cdn.example/9-landscape.png",
					"https://cdn.example/9-banner.png");
			assertThat(grid).contains("<img src=\"https://cdn.example/7-square.png\" alt=\"A1 · square\" loading=\"lazy\"")
				.contains("<a class=\"frame\" href=\"https://cdn.example/7-square.png\" target=\"_blank\"");
		}

		@Test
		void highlightsAFailedFormatWithItsReason() throws IOException {
			String html = write(line(1, "A1", "square", "FAILED", "Design element tb-image_0 could not load the image"));

			assertThat(section(html, "banners")).contains("<td class=\"cell failed\"><div class=\"frame notice\">"
					+ "<span class=\"state\">Failed</span>"
					+ "<span class=\"reason\">Design element tb-image_0 could not load the image</span></div></td>");
		}

		@Test
		void marksAReusedBannerWithABadge() throws IOException {
			String html = write(generated(1, "A1", "square", "https://cdn.example/1.png"),
					new ReportLine(1, "A1", "story", "GENERATED", "b2", null, "https://cdn.example/2.png", "1080",
							"1920", null, true));

			List<String> cells = cells(section(html, "banners"));
			assertThat(cells).hasSize(3);
			assertThat(cells.get(0)).doesNotContain("badge");
			assertThat(cells.get(1)).contains("<span class=\"size\">1080×1920</span><span class=\"badge\"");
			assertThat(cells.get(1)).containsOnlyOnce("reused</span>");
		}

		@Test
		void showsTheFirstThousandRowsThenCountsTheRestInTheResultsFile() throws IOException {
			String html = write((sink) -> {
				for (long row = 1; row <= 1005; row++) {
					for (String format : FORMATS) {
						sink.accept(generated(row, "K" + row, format, "https://cdn.example/" + row + format + ".png"));
					}
				}
			});

			String grid = section(html, "banners");
			assertThat(rows(grid)).hasSize(1000);
			assertThat(grid).contains("<tr id=\"row-1000\">").doesNotContain("row-1001");
			assertThat(attributes(grid, "src")).hasSize(3000);
			assertThat(grid).contains("1,005 rows × 3 formats, the first 1,000 shown")
				.contains("<p class=\"note\">… 5 more rows in the results CSV <code>catalog.results.csv</code>.</p>");
		}

		@Test
		void staysSmallFiftyThousandRowsLater() throws IOException {
			String html = write((sink) -> {
				for (long row = 1; row <= 50_000; row++) {
					for (String format : FORMATS) {
						sink.accept((row % 100 == 0) ? line(row, "K" + row, format, "FAILED", "failure")
								: generated(row, "K" + row, format, "https://cdn.example/" + row + format + ".png"));
					}
				}
			});

			assertThat(Files.size(HtmlReportTests.this.report)).isLessThan(4_000_000);
			assertThat(html).contains("50,000 rows × 3 formats, the first 1,000 shown")
				.contains("… 49,000 more rows in the results CSV")
				.contains("1,500 failed formats")
				.contains("… 500 more problems in the results CSV");
		}

	}

	@Nested
	class TheFile {

		@Test
		void isSelfContained() throws IOException {
			String html = write(generated(1, "A1", "square", "https://cdn.example/1.png"));

			assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">").contains("<style>")
				.doesNotContain("<link").doesNotContain("<script").doesNotContain("@import").doesNotContain("url(")
				.doesNotContain("@font-face");
		}

		@Test
		void appearsOnlyWhenCompleteAndLeavesNoTemporaryFile() throws IOException {
			write(generated(1, "A1", "square", "https://cdn.example/1.png"));

			try (Stream<Path> files = Files.list(HtmlReportTests.this.work)) {
				assertThat(files.map((file) -> file.getFileName().toString())).containsExactly("catalog.report.html");
			}
		}

		@Test
		void keepsThePreviousReportAndNoTemporaryFileWhenTheLinesFail() throws IOException {
			String previous = write(generated(1, "A1", "square", "https://cdn.example/1.png"));

			assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> write((sink) -> {
				sink.accept(generated(1, "B2", "square", "https://cdn.example/2.png"));
				throw new UncheckedIOException(new IOException("the ledger went away"));
			})).withMessageContaining("catalog.report.html").withMessageContaining("the ledger went away");

			assertThat(Files.readString(HtmlReportTests.this.report)).isEqualTo(previous);
			try (Stream<Path> files = Files.list(HtmlReportTests.this.work)) {
				assertThat(files.map((file) -> file.getFileName().toString())).containsExactly("catalog.report.html");
			}
		}

		@Test
		void showsTheSummaryInTheCallersOrderAndTheExport() throws IOException {
			LinkedHashMap<String, String> summary = new LinkedHashMap<>();
			summary.put("Rows", "40");
			summary.put("Rejected", "2");
			summary.put("Elapsed", "1 min 3 s");
			String html = write(new ReportData("Catalog", summary, "e-123", "catalog.results.csv", FORMATS),
					generated(1, "A1", "square", "https://cdn.example/1.png"));

			assertThat(html).contains("<dl class=\"summary\">\n<div><dt>Rows</dt><dd>40</dd></div>\n"
					+ "<div><dt>Rejected</dt><dd>2</dd></div>\n<div><dt>Elapsed</dt><dd>1 min 3 s</dd></div>\n</dl>")
				.contains("export <code>e-123</code>");
			assertThat(write(new ReportData("Catalog", summary, null, "catalog.results.csv", FORMATS), (sink) -> {
			})).contains("no export").contains("0 rows × 3 formats");
		}

	}

	private String write(ReportLine... lines) throws IOException {
		return write(new ReportData("Catalog", new LinkedHashMap<>(), null, "catalog.results.csv", FORMATS), lines);
	}

	private String write(ReportData data, ReportLine... lines) throws IOException {
		return write(data, (sink) -> List.of(lines).forEach(sink));
	}

	private String write(Consumer<Consumer<ReportLine>> lines) throws IOException {
		return write(new ReportData("Catalog", new LinkedHashMap<>(), null, "catalog.results.csv", FORMATS), lines);
	}

	private String write(ReportData data, Consumer<Consumer<ReportLine>> lines) throws IOException {
		this.report = this.work.resolve("catalog.report.html");
		HtmlReport.write(this.report, data, lines);
		return Files.readString(this.report);
	}

	static ReportLine generated(long row, String key, String format, String cdnUrl) {
		return new ReportLine(row, key, format, "GENERATED", "banner-" + row + "-" + format, null, cdnUrl, "1080",
				"1080", null, false);
	}

	static ReportLine line(long row, String key, String format, String status, String error) {
		return new ReportLine(row, key, format, status, null, null, null, null, null, error, false);
	}

	/** The markup of one section, found by its id. */
	static String section(String html, String id) {
		int start = html.indexOf("<section class=\"" + id + "\" id=\"" + id + "\">");
		assertThat(start).as("section " + id).isNotNegative();
		return html.substring(start, html.indexOf("</section>", start));
	}

	/** The body rows of a section's table, each as its cells' text joined by {@code |}. */
	static List<String> rows(String section) {
		List<String> rows = new ArrayList<>();
		int body = section.indexOf("<tbody>");
		Matcher row = Pattern.compile("<tr[^>]*>(.*?)</tr>").matcher(section.substring(Math.max(0, body)));
		while (row.find()) {
			List<String> cells = new ArrayList<>();
			Matcher cell = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>").matcher(row.group(1));
			while (cell.find()) {
				cells.add(cell.group(1).replaceAll("<[^>]+>", ""));
			}
			rows.add(String.join("|", cells));
		}
		return rows;
	}

	static List<String> cells(String section) {
		List<String> cells = new ArrayList<>();
		Matcher cell = Pattern.compile("<td class=\"cell[^>]*>(.*?)</td>").matcher(section);
		while (cell.find()) {
			cells.add(cell.group(1));
		}
		return cells;
	}

	static List<String> attributes(String html, String names) {
		List<String> values = new ArrayList<>();
		Matcher attribute = Pattern.compile("\\s(?:" + names + ")=\"([^\"]*)\"").matcher(html);
		while (attribute.find()) {
			values.add(attribute.group(1));
		}
		return values;
	}

}
