package io.bannerbatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bannerbatch.FastSandbox;
import io.bannerbatch.CommandRun;
import io.bannerbatch.sandbox.Sandbox;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's commands and options, as a new user would type them, against the sandbox. */
class OperatorCommandsTests {

	@TempDir
	Path work;

	Sandbox sandbox;

	@BeforeEach
	void startSandbox() {
		this.sandbox = Sandbox.start(FastSandbox.settings());
	}

	@AfterEach
	void stopSandbox() {
		this.sandbox.close();
	}

	CommandRun run(String... extra) {
		return runOn(Path.of("sample-data/catalog.csv"), extra);
	}

	CommandRun runOn(Path input, String... extra) {
		String[] base = { "run", "--input=" + input, "--mapping=sample-data/mapping.yml",
				"--api-url=" + this.sandbox.baseUrl(), "--rate-limit=0", "--state-dir=" + this.work.resolve("state"),
				"--output=" + this.work.resolve("catalog.results.csv") };
		String[] args = new String[base.length + extra.length];
		System.arraycopy(base, 0, args, 0, base.length);
		System.arraycopy(extra, 0, args, base.length, extra.length);
		return CommandRun.of(args);
	}

	@Test
	void aDryRunEstimatesAndMakesNoGenerationCall() {
		CommandRun dryRun = run("--dry-run");

		assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
		assertThat(dryRun.out()).contains("Estimate: 44 rows, 44 generation requests, 132 banners to generate",
				"Dry run: nothing was generated.");
		assertThat(this.sandbox.counts().calls("POST generate")).isZero();
		assertThat(this.sandbox.counts().calls("GET /designs")).isEqualTo(1);
		assertThat(this.work.resolve("catalog.results.csv")).doesNotExist();
	}

	@Test
	void aDryRunListsTheRowsThatWouldBeRejectedAndExitsThree() throws Exception {
		Path input = this.work.resolve("catalog.csv");
		Files.writeString(input, Files.readString(Path.of("sample-data/catalog.csv")).replaceFirst("#1A47FF", "blue"));

		CommandRun dryRun = runOn(input, "--dry-run");

		assertThat(dryRun.exitCode()).as(dryRun.toString()).isEqualTo(3);
		assertThat(dryRun.out()).contains("43 generation requests", "1 rows rejected",
				"rejected: row 1 (SKU-1001): root.background_color: \"blue\" is not a colour");
		assertThat(this.sandbox.counts().calls("POST generate")).isZero();
	}

	@Test
	void limitProcessesOnlyTheFirstRows() throws Exception {
		CommandRun preview = run("--limit=5");

		assertThat(preview.exitCode()).as(preview.toString()).isZero();
		assertThat(this.sandbox.counts().calls("POST generate")).isEqualTo(5);
		assertThat(Files.readAllLines(this.work.resolve("catalog.results.csv"))).hasSize(1 + 5 * 3);
	}

	@Test
	void maxGenerationsRefusesARunThatWouldSpendMoreAndSpendsNothing() {
		CommandRun refused = run("--max-generations=10");

		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
		assertThat(refused.err()).contains("would make 44 generation requests, more than --max-generations=10",
				"nothing was spent");
		assertThat(this.sandbox.counts().calls("POST generate")).isZero();
	}

	@Test
	void statusShowsTheRunsWithTheirCounts() {
		assertThat(run("--limit=3").exitCode()).isZero();

		CommandRun status = CommandRun.of("status", "--state-dir=" + this.work.resolve("state"));

		assertThat(status.exitCode()).as(status.toString()).isZero();
		assertThat(status.out()).contains("COMPLETED", "catalog.csv",
				"3 rows, 0 rejected, 3 generation requests, 9 banners generated");
	}

	@Test
	void statusGivesTheExactCommandThatResumesARunThatFailed() {
		try (Sandbox poor = Sandbox.start(FastSandbox.settings()
			.withCreditsAfterGenerations(5))) {
			String[] args = { "run", "--input=sample-data/catalog.csv", "--mapping=sample-data/mapping.yml",
					"--api-url=" + poor.baseUrl(), "--rate-limit=0", "--state-dir=" + this.work.resolve("state"),
					"--output=" + this.work.resolve("catalog.results.csv") };
			assertThat(CommandRun.of(args).exitCode()).isEqualTo(1);

			CommandRun status = CommandRun.of("status", "--state-dir=" + this.work.resolve("state"));

			assertThat(status.out()).contains("FAILED", "5 generation requests", "resume with: java -jar bannerbatch.jar "
					+ String.join(" ", args));
		}
	}

	@Test
	void withoutATerminalProgressIsOnePlainLinePerInterval() {
		CommandRun run = CommandRun.of("run", "--input=sample-data/catalog.csv", "--mapping=sample-data/mapping.yml",
				"--api-url=" + this.sandbox.baseUrl(), "--rate-limit=10", "--limit=12", "--progress-interval=1s",
				"--state-dir=" + this.work.resolve("state"), "--output=" + this.work.resolve("catalog.results.csv"));

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out().lines().filter((line) -> line.contains(" progress: ")))
			.isNotEmpty()
			.allMatch((line) -> line.matches("\\d\\d:\\d\\d:\\d\\d progress: \\d+/12 submitted, \\d+ finalized, .* calls/s.*"));
		assertThat(run.out()).doesNotContain("\r", "\u001b");
	}

	@Test
	void aMisspelledOptionGetsOneLineTheUsageAndExitTwo() {
		CommandRun misspelled = CommandRun.of("run", "--input=sample-data/catalog.csv", "--rate-limt=3");

		assertThat(misspelled.exitCode()).isEqualTo(2);
		assertThat(misspelled.err().lines().findFirst().orElseThrow()).contains("Unknown option: '--rate-limt=3'");
		assertThat(misspelled.err()).contains("Usage: bannerbatch run", "--help");
	}

	@Test
	void versionAndHelpWorkOnEveryCommand() {
		assertThat(CommandRun.of("--version").out()).startsWith("bannerbatch ");
		for (String command : new String[] { "run", "status", "sandbox" }) {
			CommandRun help = CommandRun.of(command, "--help");
			assertThat(help.exitCode()).isZero();
			assertThat(help.out()).contains("Usage: bannerbatch " + command);
		}
		assertThat(CommandRun.of("run", "--help").out()).contains("Default: 5", "Default: 15m", "Default: .bannerbatch");
	}

}
