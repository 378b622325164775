package io.bannerbatch.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.bannerbatch.CommandRun;
import io.bannerbatch.sandbox.Sandbox;
import io.bannerbatch.sandbox.SandboxCounts;
import io.bannerbatch.sandbox.SandboxSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a run leaves behind, searched for the API key byte by byte (console, log file, the H2 database's raw file,
 * results, summary, report), and what it does with a hostile spreadsheet: formulas neutralised in the results file,
 * only http(s) image URLs ever sent.
 */
@Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
class SecretsAndHostileContentTests {

	static final String SECRET = "SECRET-KEY-7d1e9c3b";

	@TempDir
	Path work;

	Sandbox sandbox;

	@AfterEach
	void stopSandbox() {
		if (this.sandbox != null) {
			this.sandbox.close();
		}
	}

	@Test
	void theKeyAppearsNowhereAfterARunWithDebug() {
		// the sandbox takes only this key: the run really used it
		startSandbox(SandboxSettings.defaults().withApiKey(SECRET));

		CommandRun run = captureConsole(() -> run(Catalogs.SAMPLE, "--debug", "--limit=10"));

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.sandbox.counts().generationRequests()).isEqualTo(10);
		assertThat(this.work.resolve("state/bannerbatch.log")).content().contains("DEBUG");
		assertKeyNowhere(run);
	}

	@Test
	void theKeyAppearsNowhereWhenTheApiRefusesIt() {
		startSandbox(SandboxSettings.defaults().withApiKey("the-only-key-the-sandbox-takes"));

		CommandRun run = captureConsole(() -> run(Catalogs.SAMPLE, "--debug", "--limit=10"));

		// refused at the preflight, before anything was submitted: a configuration problem, exit 2
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
		assertThat(run.err()).contains("Invalid API key [unauthorized]", "set ABYSSALE_API_KEY to a valid key",
				"Nothing was generated");
		assertKeyNowhere(run);
	}

	@Test
	void formulaCellsGetALeadingApostropheAndOnlyHttpUrlsAreSentForImages() throws IOException {
		startSandbox(SandboxSettings.defaults());
		Path input = hostileCatalog();

		CommandRun run = run(input);

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
		List<CSVRecord> lines = Catalogs.results(this.work.resolve("out/catalog.results.csv"));
		assertThat(lines).extracting((line) -> line.get("key") + " | " + line.get("status"))
			.containsExactly(
					threeTimes("'=HYPERLINK(\"http://x\") | GENERATED", "'+1 | GENERATED", "'@SUM(A1) | GENERATED",
							"'-2 | GENERATED", "<img src=x onerror=alert(1)> | GENERATED", "JS-1 | REJECTED",
							"JS-2 | REJECTED", "FILE-1 | REJECTED", "FTP-1 | REJECTED", "DATA-1 | REJECTED",
							"REL-1 | REJECTED"));
		assertThat(lines).filteredOn((line) -> line.get("status").equals("REJECTED"))
			.extracting((line) -> line.get("error"))
			.allSatisfy((error) -> assertThat(error).startsWith("tb-image_0.image_url: \"")
				.endsWith("\" is not an absolute http(s) URL"));
		SandboxCounts counts = this.sandbox.counts();
		assertThat(counts.calls("POST generate")).as("only the five http(s) rows were sent").isEqualTo(5);
		assertThat(counts.submissionsByRequest().keySet()).extracting((label) -> label.substring(0, label.indexOf(" #")))
			.containsExactlyInAnyOrder("€1.00", "€2.00", "€3.00", "€4.00", "€5.00");
		String report = Files.readString(this.work.resolve("out/catalog.results.report.html"));
		assertThat(report).doesNotContain("<img src=x onerror", "<script>alert(");
	}

	// the hostile spreadsheet: formulas in the key column, markup, and image URLs of every scheme but http(s)

	private Path hostileCatalog() throws IOException {
		Path input = this.work.resolve("catalog.csv");
		List<List<String>> rows = List.of(List.of("=HYPERLINK(\"http://x\")", "Formula", "€1.00", "https://img.example/1.png"),
				List.of("+1", "Plus", "€2.00", "https://img.example/2.png"),
				List.of("@SUM(A1)", "At", "€3.00", "http://img.example/3.png"),
				List.of("-2", "Minus", "€4.00", "https://img.example/4.png"),
				List.of("<img src=x onerror=alert(1)>", "<script>alert(\"x\")</script>", "€5.00",
						"https://img.example/5.png"),
				List.of("JS-1", "Script", "€6.00", "javascript:alert(1)"),
				List.of("JS-2", "Script", "€7.00", " JAVASCRIPT:alert(document.cookie)"),
				List.of("FILE-1", "File", "€8.00", "file:///etc/passwd"),
				List.of("FTP-1", "Ftp", "€9.00", "ftp://img.example/9.png"),
				List.of("DATA-1", "Data", "€10.00", "data:image/png;base64,iVBORw0KGgo="),
				List.of("REL-1", "Relative", "€11.00", "//img.example/11.png"));
		try (Writer writer = Files.newBufferedWriter(input, StandardCharsets.UTF_8);
				CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180)) {
			printer.printRecord("sku", "name", "price", "badge", "colour", "image");
			for (List<String> row : rows) {
				printer.printRecord(row.get(0), row.get(1), row.get(2), "NEW", "#1A47FF", row.get(3));
			}
		}
		return input;
	}

	private static String[] threeTimes(String... lines) {
		return Stream.of(lines).flatMap((line) -> Stream.of(line, line, line)).toArray(String[]::new);
	}

	// running and searching

	private void startSandbox(SandboxSettings settings) {
		this.sandbox = Sandbox.start(settings.withRateLimitPerSecond(500)
			.withDurations(Duration.ofMillis(20), Duration.ofMillis(60)));
	}

	private CommandRun run(Path input, String... extra) {
		List<String> args = new ArrayList<>(List.of("run", "--input=" + input, "--mapping=" + Catalogs.MAPPING,
				"--api-url=" + this.sandbox.baseUrl(), "--rate-limit=0", "--state-dir=" + this.work.resolve("state"),
				"--output=" + this.work.resolve("out/catalog.results.csv")));
		args.addAll(List.of(extra));
		return CommandRun.withEnvironment(Map.of("ABYSSALE_API_KEY", SECRET), args.toArray(String[]::new));
	}

	/**
	 * The run, with what the log system writes to the JVM's console appended to its own output (in process, the
	 * console appender writes to {@code System.out}, not to the command's streams).
	 */
	private static CommandRun captureConsole(Supplier<CommandRun> command) {
		PrintStream out = System.out;
		PrintStream err = System.err;
		ByteArrayOutputStream console = new ByteArrayOutputStream();
		System.setOut(new PrintStream(new Tee(out, console), true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(new Tee(err, console), true, StandardCharsets.UTF_8));
		try {
			CommandRun run = command.get();
			return new CommandRun(run.exitCode(), run.out() + console.toString(StandardCharsets.UTF_8), run.err());
		}
		finally {
			System.setOut(out);
			System.setErr(err);
		}
	}

	/** The key in no file the run wrote (the H2 database's raw file and the log file among them), nowhere on screen. */
	private void assertKeyNowhere(CommandRun run) {
		List<Path> searched = KeySearch.assertNowhere(SECRET, this.work, run.out(), run.err());
		assertThat(searched).extracting((file) -> file.getFileName().toString())
			.contains("repository.mv.db", "bannerbatch.log");
	}

	private static final class Tee extends OutputStream {

		private final OutputStream first;

		private final OutputStream second;

		Tee(OutputStream first, OutputStream second) {
			this.first = first;
			this.second = second;
		}

		@Override
		public void write(int b) throws IOException {
			this.first.write(b);
			this.second.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.first.write(b, off, len);
			this.second.write(b, off, len);
		}

	}

}
