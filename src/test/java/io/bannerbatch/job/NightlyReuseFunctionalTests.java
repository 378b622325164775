package io.bannerbatch.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bannerbatch.FastSandbox;
import io.bannerbatch.CommandRun;
import io.bannerbatch.sandbox.Sandbox;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nightly runs of the bundled catalog against the sandbox: a second night pays only for the rows that changed, and
 * still writes the complete results file.
 */
class NightlyReuseFunctionalTests {

	@TempDir
	Path work;

	Sandbox sandbox;

	Path catalog;

	@BeforeEach
	void startSandbox() throws IOException {
		this.sandbox = Sandbox.start(FastSandbox.settings());
		this.catalog = this.work.resolve("catalog.csv");
		Files.copy(Path.of("sample-data/catalog.csv"), this.catalog);
	}

	@AfterEach
	void stopSandbox() {
		this.sandbox.close();
	}

	CommandRun night(String... extra) {
		List<String> args = new ArrayList<>(List.of("run", "--input=" + this.catalog, "--mapping=sample-data/mapping.yml",
				"--api-url=" + this.sandbox.baseUrl(), "--rate-limit=0", "--state-dir=" + this.work.resolve("state"),
				"--output=" + this.work.resolve("catalog.results.csv"), "--new-run"));
		args.addAll(List.of(extra));
		return CommandRun.of(args.toArray(String[]::new));
	}

	long generateCalls() {
		return this.sandbox.counts().calls("POST generate");
	}

	List<CSVRecord> results() throws IOException {
		return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
			.parse(Files.newBufferedReader(this.work.resolve("catalog.results.csv"), StandardCharsets.UTF_8))
			.getRecords();
	}

	void editRows(int... rows) throws IOException {
		List<String> lines = new ArrayList<>(Files.readAllLines(this.catalog, StandardCharsets.UTF_8));
		int edit = 0;
		for (int row : rows) {
			String line = lines.get(row);
			lines.set(row, switch (edit++ % 3) {
				case 0 -> line.replaceFirst(",€[0-9.]+,", ",€1.00,");
				case 1 -> line.replaceFirst(",#[0-9A-Fa-f]{6},", ",#000000,");
				default -> line.replaceFirst("/images/", "/images/v2-");
			});
		}
		Files.write(this.catalog, lines, StandardCharsets.UTF_8);
	}

	@Test
	void aSecondNightOverTheSameRowsReusesEveryBannerAndMakesNoGenerateCall() throws IOException {
		assertThat(night().exitCode()).isZero();
		List<CSVRecord> first = results();
		long callsAfterFirstNight = generateCalls();

		CommandRun second = night();

		assertThat(second.exitCode()).as(second.toString()).isZero();
		assertThat(generateCalls()).isEqualTo(callsAfterFirstNight);
		List<CSVRecord> reused = results();
		assertThat(reused).hasSameSizeAs(first).hasSize(44 * 3);
		for (int i = 0; i < first.size(); i++) {
			assertThat(reused.get(i).get("banner_id")).isEqualTo(first.get(i).get("banner_id"));
			assertThat(reused.get(i).get("status")).isEqualTo("GENERATED");
			assertThat(reused.get(i).get("reused")).isEqualTo("true");
			assertThat(first.get(i).get("reused")).isEqualTo("false");
		}
		assertThat(second.out()).contains("132 banners generated (132 reused)",
				"since the last run: 0 new, 0 changed, 44 unchanged, 0 removed");
	}

	@Test
	void aNightWithThreeEditedRowsMakesExactlyThreeGenerateCalls() throws IOException {
		assertThat(night().exitCode()).isZero();
		long callsAfterFirstNight = generateCalls();
		editRows(3, 17, 40);

		CommandRun second = night();

		assertThat(second.exitCode()).as(second.toString()).isZero();
		assertThat(generateCalls() - callsAfterFirstNight).isEqualTo(3);
		assertThat(results()).hasSize(44 * 3).allMatch((line) -> line.get("status").equals("GENERATED"));
		assertThat(results()).filteredOn((line) -> line.get("reused").equals("false")).hasSize(9);
		assertThat(second.out()).contains("since the last run: 0 new, 3 changed, 41 unchanged, 0 removed");
	}

	@Test
	void theFailedRowsComeBackUnchangedWithTheirErrorAndCanBeFixedAndFedAgain() throws IOException {
		List<String> lines = new ArrayList<>(Files.readAllLines(this.catalog, StandardCharsets.UTF_8));
		String bad5 = lines.get(5).replaceFirst(",#[0-9A-Fa-f]{6},", ",navy,");
		String bad9 = lines.get(9).replaceFirst("http://", "ftp://");
		lines.set(5, bad5);
		lines.set(9, "\"" + bad9.substring(0, bad9.indexOf(',')) + "\"" + bad9.substring(bad9.indexOf(',')));
		Files.write(this.catalog, lines, StandardCharsets.UTF_8);

		assertThat(night().exitCode()).isEqualTo(3);

		Path failed = this.work.resolve("catalog.results.failed.csv");
		assertThat(Files.readString(failed, StandardCharsets.UTF_8)).isEqualTo(lines.get(0) + ",error\n" + lines.get(5)
				+ ",\"root.background_color: \"\"navy\"\" is not a colour; use 6- or 8-digit hex like #1A47FF\"\n"
				+ lines.get(9) + ",\"tb-image_0.image_url: \"\"" + bad9.split(",")[5]
				+ "\"\" is not an absolute http(s) URL\"\n");

		List<String> fixed = new ArrayList<>(Files.readAllLines(failed, StandardCharsets.UTF_8));
		fixed.replaceAll((line) -> line.replace(",navy,", ",#000080,").replace("ftp://", "http://"));
		Files.write(failed, fixed, StandardCharsets.UTF_8);
		long callsBefore = generateCalls();
		CommandRun refeed = CommandRun.of("run", "--input=" + failed, "--mapping=sample-data/mapping.yml",
				"--api-url=" + this.sandbox.baseUrl(), "--rate-limit=0", "--state-dir=" + this.work.resolve("state"),
				"--output=" + this.work.resolve("refeed.results.csv"));

		assertThat(refeed.exitCode()).as(refeed.toString()).isZero();
		assertThat(generateCalls() - callsBefore).isEqualTo(2);
		assertThat(this.work.resolve("refeed.results.failed.csv")).doesNotExist();
	}

	@Test
	void aRunWithoutFailuresRemovesAStaleFailedRowsFile() throws IOException {
		Path stale = this.work.resolve("catalog.results.failed.csv");
		Files.writeString(stale, "sku,error\nSKU-1,old\n");

		assertThat(night().exitCode()).isZero();

		assertThat(stale).doesNotExist();
	}

	@Test
	void theSummaryCountsNewChangedUnchangedAndRemovedKeysSinceTheLastRunOfTheSameOutput() throws IOException {
		assertThat(night().exitCode()).isZero();
		List<String> lines = new ArrayList<>(Files.readAllLines(this.catalog, StandardCharsets.UTF_8));
		lines.set(10, lines.get(10).replaceFirst(",€[0-9.]+,", ",€2.00,"));
		lines.remove(3);
		lines.remove(2);
		lines.add("SKU-9999,Brand new product,€9.99,NEW,#112233,http://localhost:8089/images/SKU-9999.png");
		Files.write(this.catalog, lines, StandardCharsets.UTF_8);

		CommandRun second = night();

		assertThat(second.exitCode()).as(second.toString()).isZero();
		assertThat(second.out()).contains("since the last run: 1 new, 1 changed, 41 unchanged, 2 removed");
		assertThat(Files.readString(this.work.resolve("catalog.results.summary.json")))
			.contains("\"new\" : 1", "\"changed\" : 1", "\"unchanged\" : 41", "\"removed\" : 2");
	}

	@Test
	void noReuseRegeneratesEveryRow() {
		assertThat(night().exitCode()).isZero();
		long callsAfterFirstNight = generateCalls();

		assertThat(night("--no-reuse").exitCode()).isZero();

		assertThat(generateCalls() - callsAfterFirstNight).isEqualTo(44);
	}

	@Test
	void reuseMaxAgeIgnoresBannersOlderThanIt() throws InterruptedException {
		assertThat(night().exitCode()).isZero();
		long callsAfterFirstNight = generateCalls();
		Thread.sleep(1100);

		assertThat(night("--reuse-max-age=1s").exitCode()).isZero();
		assertThat(generateCalls() - callsAfterFirstNight).isEqualTo(44);

		assertThat(night("--reuse-max-age=1h").exitCode()).isZero();
		assertThat(generateCalls() - callsAfterFirstNight).isEqualTo(44);
	}

	@Test
	void aRowThatAddsAFormatSubmitsOnlyTheNewFormat() throws IOException {
		assertThat(night("--formats=facebook-feed").exitCode()).isZero();
		long callsAfterFirstNight = generateCalls();

		CommandRun second = night("--formats=facebook-feed,instagram-post");

		assertThat(second.exitCode()).as(second.toString()).isZero();
		assertThat(generateCalls() - callsAfterFirstNight).isEqualTo(44);
		assertThat(results()).filteredOn((line) -> line.get("format").equals("facebook-feed"))
			.allMatch((line) -> line.get("reused").equals("true"));
		assertThat(results()).filteredOn((line) -> line.get("format").equals("instagram-post"))
			.allMatch((line) -> line.get("reused").equals("false") && line.get("status").equals("GENERATED"));
		assertThat(second.out()).contains("88 banners generated (44 reused)");
	}

}
