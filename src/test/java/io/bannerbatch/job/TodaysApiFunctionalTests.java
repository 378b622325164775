package io.bannerbatch.job;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bannerbatch.FastSandbox;
import io.bannerbatch.CommandRun;
import io.bannerbatch.sandbox.ApiStyle;
import io.bannerbatch.sandbox.Sandbox;
import io.bannerbatch.sandbox.SandboxSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole job against the sandbox playing today's API and the documented one: the same results either way, and
 * today's failure modes (out of credits, a design type not in the plan, expired requests) handled as promised.
 */
class TodaysApiFunctionalTests {

	static final SandboxSettings FAST = FastSandbox.settings();

	@TempDir
	Path work;

	int poorPort;

	CommandRun run(Sandbox sandbox, String output, String... extra) {
		List<String> args = new ArrayList<>(List.of("run", "--input=sample-data/catalog.csv",
				"--mapping=sample-data/mapping.yml", "--api-url=" + sandbox.baseUrl(), "--rate-limit=0",
				"--state-dir=" + this.work.resolve("state-" + sandbox.port()), "--output=" + this.work.resolve(output)));
		args.addAll(List.of(extra));
		return CommandRun.of(args.toArray(String[]::new));
	}

	List<CSVRecord> results(String output) throws IOException {
		try (Reader reader = Files.newBufferedReader(this.work.resolve(output), StandardCharsets.UTF_8)) {
			return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
	}

	/** A results line without the ids and URLs the API makes up anew on every generation. */
	static String stable(CSVRecord line) {
		return String.join(",", line.get("row"), line.get("key"), line.get("design_id"), line.get("format"),
				line.get("status"), line.get("file_type"), line.get("width"), line.get("height"), line.get("error"),
				line.get("reused"));
	}

	@Test
	void theSameCommandWritesTheSameResultsAgainstTodaysApiAndTheDocumentedOne() throws IOException {
		try (Sandbox current = Sandbox.start(FAST.withApiStyle(ApiStyle.CURRENT));
				Sandbox documented = Sandbox.start(FAST.withApiStyle(ApiStyle.DOCUMENTED))) {
			assertThat(run(current, "current.csv").exitCode()).isZero();
			assertThat(run(documented, "documented.csv").exitCode()).isZero();

			List<String> today = results("current.csv").stream().map(TodaysApiFunctionalTests::stable).toList();
			assertThat(today).hasSize(44 * 3);
			assertThat(results("documented.csv").stream().map(TodaysApiFunctionalTests::stable).toList())
				.containsExactlyElementsOf(today);
			assertThat(current.counts().calls("GET /designs")).isEqualTo(1);
			assertThat(documented.counts().calls("GET /templates")).isEqualTo(1);
		}
	}

	@Test
	void rowsCanNameTheirOwnDesignAndFormatsIncludingPrintAndMultiPageDesigns() throws IOException {
		Path input = this.work.resolve("mixed.csv");
		Files.writeString(input, String.join("\n",
				"key,design_id,formats,root.background_color,tb-text_0.payload,tb-text_0.color",
				"WEB-1,6b028952-7ee2-47d8-9388-8cfde7f453f5,facebook-feed|medium-rectangle,#FFFFFF,Spring sale,#000000",
				"PRINT-1,95417016-02b8-4c03-9bf7-993cf659b995,a4-poster,\"cmyk(0,0,0,0)\",Poster,\"cmyka(0,0,0,100,1)\"",
				"BOOK-1,d4b710f3-7560-45ee-98c7-d38ee0747f0b,,\"cmyka(0,0,0,0,1)\",Catalogue,\"cmyka(0,100,100,0,1)\"",
				"PRINT-2,95417016-02b8-4c03-9bf7-993cf659b995,a6-shelf-talker,#FFFFFF,Shelf,\"cmyk(0,0,0,100)\"", ""),
				StandardCharsets.UTF_8);
		try (Sandbox sandbox = Sandbox.start(FAST)) {
			CommandRun run = CommandRun.of("run", "--input=" + input, "--api-url=" + sandbox.baseUrl(), "--rate-limit=0",
					"--state-dir=" + this.work.resolve("state"), "--output=" + this.work.resolve("mixed.results.csv"));

			assertThat(run.exitCode()).as(run.toString()).isZero();
			assertThat(results("mixed.results.csv").stream()
				.map((line) -> line.get("key") + " " + line.get("format") + " " + line.get("status"))
				.toList()).containsExactly("WEB-1 facebook-feed GENERATED", "WEB-1 medium-rectangle GENERATED",
						"PRINT-1 a4-poster GENERATED", "BOOK-1 page_1 GENERATED", "BOOK-1 page_2 GENERATED",
						"PRINT-2 a6-shelf-talker GENERATED");
			assertThat(sandbox.counts().calls("GET /designs")).isEqualTo(3);
		}
	}

	@Test
	void runningOutOfCreditsStopsResumablyAndTheResumedRunPaysForNoRowTwice() throws IOException {
		try (Sandbox poor = Sandbox.start(FAST.withCreditsAfterGenerations(10))) {
			this.poorPort = poor.port();
			CommandRun outOfCredits = run(poor, "catalog.results.csv");

			assertThat(outOfCredits.exitCode()).as(outOfCredits.toString()).isEqualTo(1);
			assertThat(outOfCredits.err()).contains("out of credits", "run the same command again",
					"without paying twice");
			assertThat(this.work.resolve("catalog.results.csv")).doesNotExist();
			assertThat(poor.counts().generationRequests()).isEqualTo(10);
			assertThat(poor.counts().calls("GET generation-request")).isGreaterThanOrEqualTo(10);
		}
		try (Sandbox topUp = Sandbox.start(FAST.withPort(this.poorPort))) {
			CommandRun resumed = run(topUp, "catalog.results.csv");

			assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
			assertThat(topUp.counts().generationRequests()).isEqualTo(34);
			assertThat(topUp.counts().duplicateSubmissions()).isEmpty();
			assertThat(results("catalog.results.csv")).hasSize(44 * 3)
				.allMatch((line) -> line.get("status").equals("GENERATED"));
		}
	}

	@Test
	void aDesignTypeNotInThePlanFailsItsRowsAfterOneCall() throws IOException {
		try (Sandbox sandbox = Sandbox.start(FAST.withDesignTypesNotInPlan(Set.of("static")))) {
			CommandRun run = run(sandbox, "catalog.results.csv", "--concurrency=1");

			assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
			assertThat(sandbox.counts().calls("POST generate")).isEqualTo(1);
			assertThat(results("catalog.results.csv")).hasSize(44 * 3)
				.allMatch((line) -> line.get("status").equals("FAILED") && line.get("error").contains("feature_not_in_plan"));
		}
	}

	@Test
	void anExpiredGenerationRequestFailsItsLinesWithAReasonAndIsNeverPolledAgain() throws IOException {
		try (Sandbox sandbox = Sandbox.start(FAST.withDurations(Duration.ofMillis(5), Duration.ofMillis(10))
			.withExpireAfter(Duration.ofMillis(50)))) {
			CommandRun run = run(sandbox, "catalog.results.csv", "--limit=3");

			assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
			assertThat(results("catalog.results.csv")).hasSize(9)
				.allMatch((line) -> line.get("status").equals("FAILED") && line.get("error").contains("expired"));
			assertThat(sandbox.counts().calls("GET generation-request")).isEqualTo(3);
		}
	}

}
