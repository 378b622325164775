package io.bannerbatch.cli;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.bannerbatch.CommandRun;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input}) through the real command line against WireMock. What
 * the user was promised: a bad file costs one short line on stderr that names the file, the line or column and what
 * to do, exit code 2, and not one generate call; a bad row is REJECTED with its reason while the other rows are
 * generated (exit code 3); a stack trace only with {@code --debug}.
 */
class BadInputTests {

	static final String DESIGN = "5d5f6f6a-1b2c-4d3e-8f90-0123456789ab";

	static final String PRINT_DESIGN = "7e7e7e7e-1b2c-4d3e-8f90-0123456789ab";

	static final String REQUEST = "0b1d3c2e-6f0a-4b52-9c1e-111111111111";

	static final String PRINT_REQUEST = "0b1d3c2e-6f0a-4b52-9c1e-333333333333";

	static final String GENERATE = "/async/banner-builder/.*/generate";

	@RegisterExtension
	static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@TempDir
	Path work;

	/**
	 * One job repository for the whole class: each run is told apart by its input and output, as in production. Runs
	 * do not reuse each other's banners ({@code --no-reuse}): each test counts its own generate calls.
	 */
	@TempDir
	static Path state;

	@BeforeEach
	void serveTheDesigns() {
		api.stubFor(get(urlPathMatching("/designs/.*")).atPriority(9)
			.willReturn(json(404, "{\"id\": \"design_not_found\", \"message\": \"Design not found\"}")));
		api.stubFor(get(urlPathEqualTo("/designs/" + DESIGN))
			.willReturn(aResponse().withBodyFile("abyssale/template-details-static.json").withHeader("Content-Type", "application/json")));
		api.stubFor(get(urlPathEqualTo("/designs/" + PRINT_DESIGN))
			.willReturn(aResponse().withBodyFile("abyssale/template-details-printer.json").withHeader("Content-Type", "application/json")));
		api.stubFor(post(urlPathEqualTo("/async/banner-builder/" + DESIGN + "/generate"))
			.willReturn(okJson("{\"generation_request_id\": \"" + REQUEST + "\"}")));
		api.stubFor(post(urlPathEqualTo("/async/banner-builder/" + PRINT_DESIGN + "/generate"))
			.willReturn(okJson("{\"generation_request_id\": \"" + PRINT_REQUEST + "\"}")));
		api.stubFor(get(urlPathEqualTo("/generation-request/" + REQUEST))
			.willReturn(aResponse().withBodyFile("abyssale/generation-request-finalized.json").withHeader("Content-Type", "application/json")));
		api.stubFor(get(urlPathEqualTo("/generation-request/" + PRINT_REQUEST))
			.willReturn(aResponse().withBodyFile("abyssale/generation-request-finalized-print.json").withHeader("Content-Type", "application/json")));
		api.stubFor(post(urlPathEqualTo("/async/banners/export"))
			.willReturn(aResponse().withBodyFile("abyssale/export-accepted.json").withHeader("Content-Type", "application/json")));
	}

	@Nested
	class WhenTheInputIsNotAUsableCsv {

		@Test
		void anEmptyFileSaysSoAndAsksForAHeader() {
			assertRefused(run("--input=" + corpus("empty.csv"), "--design=" + DESIGN), "empty.csv", "empty", "header");
		}

		@Test
		void aFileOfBlankLinesSaysItHasNoHeader() {
			assertRefused(run("--input=" + corpus("blank-lines.csv"), "--design=" + DESIGN), "blank-lines.csv",
					"no header");
		}

		@Test
		void aFileWhoseFirstLineIsDataAsksForAHeader() {
			assertRefused(run("--input=" + corpus("no-header.csv"), "--design=" + DESIGN), "no-header.csv", "line 1",
					"header");
		}

		@Test
		void aDuplicateColumnNameNamesBothColumns() {
			assertRefused(run("--input=" + corpus("duplicate-header.csv"), "--design=" + DESIGN),
					"duplicate-header.csv", "line 1", "\"tb-text_0.payload\" twice", "columns 2 and 4", "rename");
		}

		@Test
		void anUnterminatedQuoteNamesTheLineItOpensOn() {
			assertRefused(run("--input=" + corpus("unterminated-quote.csv"), "--design=" + DESIGN),
					"unterminated-quote.csv", "line 3", "never closed");
		}

		@Test
		void textAfterAClosingQuoteNamesTheLine() {
			assertRefused(run("--input=" + corpus("text-after-quote.csv"), "--design=" + DESIGN),
					"text-after-quote.csv", "line 3", "closing quote");
		}

		@Test
		void invalidUtf8NamesTheLineAndColumnAndAsksForUtf8() {
			assertRefused(run("--input=" + corpus("invalid-utf8.csv"), "--design=" + DESIGN), "invalid-utf8.csv",
					"line 3, column 5", "not valid UTF-8", "CSV UTF-8");
		}

		@Test
		void aBinaryFileIsRecognisedAsNotACsv() {
			assertRefused(run("--input=" + corpus("binary.png"), "--design=" + DESIGN), "binary.png", "binary",
					"CSV UTF-8");
		}

		@Test
		void aUtf16FileIsRecognisedAndAsksForUtf8() {
			assertRefused(run("--input=" + corpus("utf16.csv"), "--design=" + DESIGN), "utf16.csv", "UTF-16",
					"CSV UTF-8");
		}

		@Test
		void aHeaderWithoutRowsSaysThereIsNothingToDo() {
			assertRefused(run("--input=" + corpus("header-only.csv"), "--design=" + DESIGN), "header-only.csv",
					"line 2", "no data rows");
		}

		@Test
		void aSemicolonFileReadWithCommasSuggestsTheDelimiter() {
			assertRefused(run("--input=" + corpus("good-semicolon.csv"), "--design=" + DESIGN), "good-semicolon.csv",
					"line 1", "--delimiter=';'");
		}

		@Test
		void aMissingFileNamesIt() {
			assertRefused(run("--input=" + BadInputTests.this.work.resolve("nowhere.csv"), "--design=" + DESIGN),
					"nowhere.csv", "no such file", "--input");
		}

		@Test
		void aStackTraceAppearsOnlyWithDebug() {
			CommandRun run = run("--input=" + corpus("invalid-utf8.csv"), "--design=" + DESIGN, "--debug");

			assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
			assertThat(run.err()).contains("invalid-utf8.csv: line 3, column 5", "at io.bannerbatch.");
			api.verify(0, postRequestedFor(urlPathMatching(GENERATE)));
		}

	}

	@Nested
	class WhenTheMappingIsWrong {

		@Test
		void aYamlSyntaxErrorNamesTheLineAndColumn() {
			assertRefused(runMapped("mapping-syntax-error.yml"), "mapping-syntax-error.yml", "line 6, column",
					"YAML");
		}

		@Test
		void aColumnMissingFromTheHeaderNamesTheMappingLineAndTheColumns() {
			assertRefused(runMapped("mapping-missing-column.yml"), "mapping-missing-column.yml", "line 5",
					"\"titel\"", "mapped.csv", "sku, title, photo");
		}

		@Test
		void aDesignThatIsNotAUuidNamesTheMappingLine() {
			assertRefused(runMapped("mapping-design-not-uuid.yml"), "mapping-design-not-uuid.yml", "line 1",
					"\"product-card\"", "UUID");
		}

		@Test
		void anUnknownTopLevelKeyNamesTheLineAndSuggestsTheRightOne() {
			assertRefused(runMapped("mapping-unknown-key.yml"), "mapping-unknown-key.yml", "line 4", "\"colums\"",
					"columns");
		}

		@Test
		void anElementTheDesignLacksNamesTheMappingLineAndTheElements() {
			assertRefused(runMapped("mapping-unknown-element.yml"), "mapping-unknown-element.yml", "line 5",
					"tb-text_9", "root, tb-text_0, tb-image_0");
		}

		@Test
		void aPropertyTheElementLacksNamesTheMappingLineAndTheProperties() {
			assertRefused(runMapped("mapping-unknown-property.yml"), "mapping-unknown-property.yml", "line 5",
					"font_colour", "payload, color");
		}

		@Test
		void anUnquotedColourConstantSaysYamlReadItAsAComment() {
			assertRefused(runMapped("mapping-unquoted-colour.yml"), "mapping-unquoted-colour.yml", "line 8",
					"root.background_color has no value", "quote a colour");
		}

		@Test
		void aConstantThatIsNotAValidValueIsRefusedOnceRatherThanOnEveryRow() {
			assertRefused(runMapped("mapping-bad-constant.yml"), "mapping-bad-constant.yml", "line 8",
					"\"white\" is not a colour");
		}

		@Test
		void aHeaderColumnNamingAnElementTheDesignLacksNamesTheColumn() throws IOException {
			Path input = write("unknown-element.csv", "sku,tb-title.payload\nA1,Hello\n");

			assertRefused(run("--input=" + input, "--design=" + DESIGN), "unknown-element.csv", "line 1, column 2",
					"tb-title");
		}

	}

	@Nested
	class WhenTheCommandLineIsWrong {

		@Test
		void aDesignThatIsNotAUuidSaysWhereToFindTheId() {
			assertRefused(run("--input=" + corpus("good.csv"), "--design=product-card"), "--design", "product-card",
					"UUID");
		}

		@Test
		void aDesignTheApiDoesNotKnowSaysToCheckTheIdAndWorkspace() {
			assertRefused(run("--input=" + corpus("good.csv"), "--design=00000000-1b2c-4d3e-8f90-0123456789ab"),
					"--design=00000000-1b2c-4d3e-8f90-0123456789ab", "was not found", "workspace");
		}

		@Test
		void anUnknownFormatNamesTheDesignsFormats() {
			assertRefused(run("--input=" + corpus("good.csv"), "--design=" + DESIGN, "--formats=facebook-feed,banner"),
					"--formats", "\"banner\"", "facebook-feed, instagram-post, medium-rectangle");
		}

		@Test
		void anOutputUnderARegularFileIsRefusedBeforeAnyCall() throws IOException {
			Path file = write("not-a-directory", "x");

			CommandRun run = CommandRun.of(arguments("--input=" + corpus("good.csv"), "--design=" + DESIGN,
					"--output=" + file.resolve("results.csv")));

			assertRefused(run, "not-a-directory", "--output");
			assertThat(api.getAllServeEvents()).isEmpty();
		}

		@Test
		void anOutputThatIsADirectoryIsRefusedBeforeAnyCall() throws IOException {
			Path directory = Files.createDirectories(BadInputTests.this.work.resolve("a-directory"));

			CommandRun run = CommandRun.of(arguments("--input=" + corpus("good.csv"), "--design=" + DESIGN,
					"--output=" + directory));

			assertRefused(run, "a-directory", "is a directory", "--output");
		}

		@Test
		void aDelimiterOfSeveralCharactersIsRefused() {
			assertRefused(run("--input=" + corpus("good.csv"), "--design=" + DESIGN, "--delimiter=;;"), "--delimiter",
					"single character");
		}

	}

	@Nested
	class WhenTheDialectDiffers {

		@Test
		void aSemicolonFileWorksWithItsDelimiter() throws IOException {
			assertBothRowsGenerated(run("--input=" + corpus("good-semicolon.csv"), "--design=" + DESIGN,
					"--formats=facebook-feed,instagram-post", "--delimiter=;"), "Hello; again");
		}

		@Test
		void aTabFileWorksWithItsDelimiter() throws IOException {
			assertBothRowsGenerated(run("--input=" + corpus("good-tab.tsv"), "--design=" + DESIGN,
					"--formats=facebook-feed,instagram-post", "--delimiter=\\t"), "Hello, again");
		}

		@Test
		void aFileWithAByteOrderMarkWorksAndItsFirstColumnIsTheKey() throws IOException {
			CommandRun run = run("--input=" + corpus("good-bom.csv"), "--design=" + DESIGN,
					"--formats=facebook-feed,instagram-post", "--key-column=sku");

			assertBothRowsGenerated(run, "Hello");
		}

		@Test
		void aMappingFileWorksWithItsOwnColumnNames() throws IOException {
			CommandRun run = runMapped("mapping-good.yml");

			assertThat(run.exitCode()).as(run.toString()).isZero();
			api.verify(1, postRequestedFor(urlPathEqualTo("/async/banner-builder/" + DESIGN + "/generate"))
				.withRequestBody(equalToJson("{\"elements\": {\"tb-text_0\": {\"payload\": \"Hello\"},"
						+ " \"tb-image_0\": {\"image_url\": \"https://img.example/a.png\"},"
						+ " \"root\": {\"background_color\": \"#FFFFFF\"}},"
						+ " \"template_format_names\": [\"facebook-feed\", \"instagram-post\"]}")));
		}

		private void assertBothRowsGenerated(CommandRun run, String firstPayload) throws IOException {
			assertThat(run.exitCode()).as(run.toString()).isZero();
			assertLines(results(), entry("A1", "facebook-feed", "GENERATED", ""),
					entry("A1", "instagram-post", "GENERATED", ""), entry("B2", "facebook-feed", "GENERATED", ""),
					entry("B2", "instagram-post", "GENERATED", ""));
			api.verify(1, postRequestedFor(urlPathEqualTo("/async/banner-builder/" + DESIGN + "/generate"))
				.withRequestBody(equalToJson("{\"elements\": {\"tb-text_0\": {\"payload\": \"" + firstPayload + "\"},"
						+ " \"root\": {\"background_color\": \"#FF0000\"},"
						+ " \"tb-image_0\": {\"image_url\": \"https://img.example/a.png\"}},"
						+ " \"template_format_names\": [\"facebook-feed\", \"instagram-post\"]}")));
			api.verify(2, postRequestedFor(urlPathMatching(GENERATE)));
		}

	}

	@Nested
	class WhenSomeRowsAreBad {

		@Test
		void eachBadRowIsRejectedWithItsReasonAndTheOthersAreGenerated() throws IOException {
			CommandRun run = run("--input=" + corpus("rows-bad.csv"), "--design=" + DESIGN,
					"--formats=facebook-feed,instagram-post");

			assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
			assertThat(run.err()).doesNotContain("Exception", "\tat ");
			String notUrl = "\" is not an absolute http(s) URL";
			assertLines(results(), entry("OK1", "facebook-feed", "GENERATED", ""),
					entry("OK1", "instagram-post", "GENERATED", ""),
					rejected("FORMAT", "facebook-feed", "format \"wide-skyscraper\" is not in design \"Product card\";"
							+ " its formats: facebook-feed, instagram-post, medium-rectangle"),
					rejected("FORMAT", "wide-skyscraper", "format \"wide-skyscraper\""),
					rejected("DESIGN", "facebook-feed", "design_id \"product-card\" is not a design id"),
					rejected("DESIGN", "instagram-post", "design_id \"product-card\" is not a design id"),
					rejected("JS", "facebook-feed", "tb-image_0.image_url: \"javascript:alert(1)" + notUrl),
					rejected("JS", "instagram-post", "javascript:alert(1)" + notUrl),
					rejected("FILE", "facebook-feed", "tb-image_0.image_url: \"file:///etc/passwd" + notUrl),
					rejected("FILE", "instagram-post", "file:///etc/passwd" + notUrl),
					rejected("RELATIVE", "facebook-feed", "tb-image_0.image_url: \"/images/a.png" + notUrl),
					rejected("RELATIVE", "instagram-post", "/images/a.png" + notUrl),
					rejected("NAMED", "facebook-feed", "root.background_color: \"red\" is not a colour"),
					rejected("NAMED", "instagram-post", "\"red\" is not a colour"),
					rejected("CMYK", "facebook-feed", "root.background_color: \"cmyk(0,100,100,0)\" is not a colour"),
					rejected("CMYK", "instagram-post", "\"cmyk(0,100,100,0)\" is not a colour"),
					entry("PRINT", "a4-flyer", "GENERATED", ""),
					rejected("LONG", "facebook-feed", "tb-text_0.payload: text of 2049 characters; at most 2048"),
					rejected("LONG", "instagram-post", "text of 2049 characters"),
					rejected("SHORT", "facebook-feed", "line 12 has 5 fields but the header has 6"),
					rejected("SHORT", "instagram-post", "line 12 has 5 fields"),
					rejected("MORE", "facebook-feed", "line 13 has 7 fields but the header has 6"),
					rejected("MORE", "instagram-post", "line 13 has 7 fields"),
					rejected("GONE", "facebook-feed", "design_id 00000000-1b2c-4d3e-8f90-0123456789ab was not found (Design"
							+ " not found"),
					rejected("GONE", "instagram-post", "was not found"));
			api.verify(1, postRequestedFor(urlPathEqualTo("/async/banner-builder/" + DESIGN + "/generate")));
			api.verify(1, postRequestedFor(urlPathEqualTo("/async/banner-builder/" + PRINT_DESIGN + "/generate"))
				.withRequestBody(equalToJson("{\"elements\": {\"tb-text_0\": {\"payload\": \"Hello\"},"
						+ " \"root\": {\"background_color\": \"cmyk(0,100,100,0)\"}},"
						+ " \"template_format_names\": [\"a4-flyer\"]}")));
			api.verify(2, postRequestedFor(urlPathMatching(GENERATE)));
		}

		@Test
		void fiveMegabyteCellsRejectTheirRowsWithAShortReason() throws IOException {
			String huge = "x".repeat(5 * 1024 * 1024);
			Path input = write("huge.csv", "sku,design_id,formats,tb-text_0.payload\n" + "A1,,," + huge + "\n" + huge
					+ ",,,Hello\n" + "C3," + huge + ",,Hello\n" + "D4,," + huge + ",Hello\n" + "E5,,,Hello\n");

			CommandRun run = run("--input=" + input, "--design=" + DESIGN, "--formats=facebook-feed");

			assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
			String abbreviated = "x".repeat(77) + "...";
			assertLines(results(),
					rejected("A1", "facebook-feed", "tb-text_0.payload: text of 5242880 characters; at most 2048"),
					rejected("x".repeat(197) + "...", "facebook-feed", "the key column \"sku\" holds 5242880 characters"),
					rejected("C3", "facebook-feed", "design_id \"" + abbreviated + "\" is not a design id"),
					rejected("D4", "x".repeat(97) + "...", "format \"" + abbreviated + "\" is not in design"),
					entry("E5", "facebook-feed", "GENERATED", ""));
			assertThat(Files.size(BadInputTests.this.work.resolve("out/results.csv"))).isLessThan(10_000);
			api.verify(1, postRequestedFor(urlPathMatching(GENERATE)));
		}

	}

	// the run, the corpus, the results

	CommandRun run(String... extra) {
		return CommandRun.of(arguments(extra));
	}

	CommandRun runMapped(String mapping) {
		return run("--input=" + corpus("mapped.csv"), "--mapping=" + corpus(mapping));
	}

	String[] arguments(String... extra) {
		List<String> args = new ArrayList<>(List.of("run", "--api-url=" + api.baseUrl(), "--rate-limit=50",
				"--state-dir=" + state, "--no-reuse"));
		List<String> given = List.of(extra);
		if (given.stream().noneMatch((argument) -> argument.startsWith("--output="))) {
			args.add("--output=" + this.work.resolve("out/results.csv"));
		}
		args.addAll(given);
		return args.toArray(String[]::new);
	}

	static Path corpus(String name) {
		try {
			return Path.of(BadInputTests.class.getResource("/bad-input/" + name).toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	Path write(String name, String content) throws IOException {
		return Files.writeString(this.work.resolve(name), content, StandardCharsets.UTF_8);
	}

	/** key, format, status, error of every line of the results file. */
	List<List<String>> results() throws IOException {
		List<List<String>> lines = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(this.work.resolve("out/results.csv"))) {
			for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
				lines.add(List.of(record.get("key"), record.get("format"), record.get("status"), record.get("error")));
			}
		}
		return lines;
	}

	static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

	static List<String> entry(String key, String format, String status, String error) {
		return List.of(key, format, status, error);
	}

	static List<String> rejected(String key, String format, String reason) {
		return List.of(key, format, "REJECTED", reason);
	}

	/** The results' lines in order: key, format and status equal, the error containing the expected text. */
	@SafeVarargs
	static void assertLines(List<List<String>> actual, List<String>... expected) {
		assertThat(actual.stream().map((line) -> line.subList(0, 3)).toList())
			.containsExactlyElementsOf(List.of(expected).stream().map((line) -> line.subList(0, 3)).toList());
		for (int i = 0; i < expected.length; i++) {
			assertThat(actual.get(i).get(3)).as("error of " + actual.get(i)).contains(expected[i].get(3));
			if (expected[i].get(3).isEmpty()) {
				assertThat(actual.get(i).get(3)).as("error of " + actual.get(i)).isEmpty();
			}
		}
	}

	/**
	 * A file-level refusal: exit code 2, a short message naming what is wrong and where, no stack trace, and nothing
	 * generated.
	 */
	static void assertRefused(CommandRun run, String... fragments) {
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
		List<String> lines = run.err().lines().filter((line) -> !line.isBlank()).toList();
		assertThat(lines).as(run.toString()).hasSize(1);
		assertThat(lines.get(0)).as(run.toString()).contains(fragments).hasSizeLessThan(400);
		assertThat(run.err()).as(run.toString()).doesNotContain("Exception", "\tat ", "at io.", "Caused by");
		api.verify(0, postRequestedFor(urlPathMatching(GENERATE)));
		api.verify(0, postRequestedFor(urlPathEqualTo("/async/banners/export")));
	}

}
