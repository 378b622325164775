package io.bannerbatch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.springframework.boot.convert.DurationStyle;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark: the jar against the sandbox, each as a separate process, measured against the one bound that
 * matters, the API's rate limit. Not a test: {@code ./mvnw -Pbench -DskipTests package} runs it and prints a table.
 * <p>
 * bound = (the calls a run cannot avoid: 1 design + N generate + N polls + 1 export) / R + the longest generation.
 * <p>
 * Scenarios (system property {@code bench.scenarios}, comma-separated): {@code rate} (N rows at R/s), {@code memory}
 * (10 N rows under -Xmx128m, at {@code bench.memory-rate}, default 5 R), {@code ceiling} (no rate limit, generations of no duration: the job's own speed),
 * {@code styles} (both API styles at 5/s and 10/s), {@code nightly} (10 N rows, then again with 100 rows changed,
 * under -Xmx128m). Rows with {@code bench.rows} (default 5000), rate with {@code bench.rate} (default 100).
 */
public final class Benchmark {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

	private final Path jar;

	private final Path work;

	private final PrintStream out = System.out;

	private final List<String> table = new ArrayList<>();

	private Benchmark(Path jar, Path work) {
		this.jar = jar;
		this.work = work;
	}

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(System.getProperty("bench.jar", "target/bannerbatch.jar"));
		int rows = Integer.getInteger("bench.rows", 5000);
		double rate = Double.parseDouble(System.getProperty("bench.rate", "100"));
		List<String> scenarios = List.of(System.getProperty("bench.scenarios", "rate,memory,ceiling,styles,nightly")
			.split(","));
		Benchmark bench = new Benchmark(jar, Files.createTempDirectory("bannerbatch-bench"));
		bench.header();
		if (scenarios.contains("rate")) {
			bench.measure("rate-limited, current", rows, rate, "current", "100ms", "600ms", null, false);
		}
		if (scenarios.contains("memory")) {
			// ten times the rows at the same rate would take ten times as long; memory is the point here
			double memoryRate = Double.parseDouble(System.getProperty("bench.memory-rate", String.valueOf(rate * 5)));
			bench.measure("10x rows, -Xmx128m", rows * 10, memoryRate, "current", "100ms", "600ms", "128m", false);
		}
		if (scenarios.contains("ceiling")) {
			bench.measure("no rate limit, 0 s generations", rows, 0, "current", "0ms", "0ms", null, false);
		}
		if (scenarios.contains("styles")) {
			int styleRows = Integer.getInteger("bench.style-rows", 100);
			for (String style : List.of("current", "documented")) {
				for (double styleRate : new double[] { 5, 10 }) {
					bench.measure(style + " API at " + (int) styleRate + "/s", styleRows, styleRate, style, "1s", "6s",
							null, false);
				}
			}
		}
		if (scenarios.contains("nightly")) {
			bench.measure("nightly rerun, 100 rows changed, -Xmx128m", rows * 10, 0, "current", "0ms", "0ms", "128m",
					true);
		}
		bench.print();
	}

	private void header() {
		this.table.add(String.format("| %-42s | %7s | %6s | %8s | %8s | %10s | %12s | %5s | %9s | %8s | %8s |", "scenario",
				"rows", "rate/s", "wall s", "bound s", "wall/bound", "polls/request", "429s", "generate", "heap MB",
				"RSS MB"));
		this.table.add("|" + "-".repeat(44) + "|" + "-".repeat(9) + "|" + "-".repeat(8) + "|" + "-".repeat(10) + "|"
				+ "-".repeat(10) + "|" + "-".repeat(12) + "|" + "-".repeat(14) + "|" + "-".repeat(7) + "|"
				+ "-".repeat(11) + "|" + "-".repeat(10) + "|" + "-".repeat(10) + "|");
	}

	private void print() {
		this.out.println();
		this.table.forEach(this.out::println);
	}

	private void measure(String scenario, int rows, double rate, String style, String minDuration, String maxDuration,
			String heap, boolean nightly) throws Exception {
		Path dir = Files.createTempDirectory(this.work, "scenario");
		Path input = dir.resolve("catalog.csv");
		writeCatalog(input, rows, 0);
		int port = freePort();
		Process sandbox = start(dir.resolve("sandbox.log"), null, List.of("sandbox", "--port=" + port,
				"--sandbox-rate-limit=" + ((rate > 0) ? rate : 0), "--sandbox-min-duration=" + minDuration,
				"--sandbox-max-duration=" + maxDuration, "--api-style=" + style));
		try {
			awaitReady(port);
			List<String> run = List.of("run", "--input=" + input, "--mapping=sample-data/mapping.yml",
					"--api-url=http://127.0.0.1:" + port, "--rate-limit=" + rate, "--concurrency=16",
					"--state-dir=" + dir.resolve("state"), "--output=" + dir.resolve("catalog.results.csv"),
					"--progress-interval=60s");
			Measured measured = run(dir, heap, run);
			if (nightly) {
				Map<String, Long> before = counts(port);
				writeCatalog(input, rows, 100);
				List<String> again = new ArrayList<>(run);
				again.add("--new-run");
				measured = run(dir, heap, again);
				long generate = counts(port).getOrDefault("POST generate", 0L) - before.getOrDefault("POST generate", 0L);
				this.table.add(row(scenario, rows, rate, measured, Double.NaN, Double.NaN, 0, generate)
						+ String.format("  %,.0f rows/s", rows / measured.wallSeconds));
				return;
			}
			Map<String, Long> counts = counts(port);
			long generate = counts.getOrDefault("POST generate", 0L);
			long polls = counts.getOrDefault("GET generation-request", 0L);
			long rateLimited = rateLimited(port);
			double longest = DurationStyle.detectAndParse(maxDuration).toMillis() / 1000.0;
			double bound = (rate > 0) ? (2.0 + 2.0 * rows) / rate + longest : Double.NaN;
			String line = row(scenario, rows, rate, measured, bound, (double) polls / Math.max(1, generate), rateLimited,
					generate);
			if (rate == 0) {
				line += String.format("  %,.0f rows/s", rows / measured.wallSeconds);
			}
			this.table.add(line);
			this.out.println(line);
		}
		finally {
			sandbox.destroy();
			sandbox.waitFor(10, TimeUnit.SECONDS);
		}
	}

	private String row(String scenario, int rows, double rate, Measured measured, double bound, double pollsPerRequest,
			long rateLimited, long generate) {
		return String.format(Locale.ROOT, "| %-42s | %7d | %6s | %8.1f | %8s | %10s | %13s | %5d | %9d | %8d | %8d |",
				scenario, rows, (rate > 0) ? String.valueOf((int) rate) : "none", measured.wallSeconds,
				Double.isNaN(bound) ? "-" : String.format(Locale.ROOT, "%.1f", bound),
				Double.isNaN(bound) ? "-" : String.format(Locale.ROOT, "%.3f", measured.wallSeconds / bound),
				Double.isNaN(pollsPerRequest) ? "-" : String.format(Locale.ROOT, "%.3f", pollsPerRequest), rateLimited,
				generate, measured.peakHeapMb, measured.peakRssMb);
	}

	private record Measured(double wallSeconds, long peakHeapMb, long peakRssMb, int exitCode) {
	}

	private Measured run(Path dir, String heap, List<String> args) throws Exception {
		Path gcLog = dir.resolve("gc-" + System.nanoTime() + ".log");
		List<String> jvm = new ArrayList<>();
		if (heap != null) {
			jvm.add("-Xmx" + heap);
		}
		jvm.add("-Xlog:gc:file=" + gcLog);
		long started = System.nanoTime();
		Process process = start(dir.resolve("run.log"), jvm, args);
		long peakRssKb = 0;
		while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
			peakRssKb = Math.max(peakRssKb, highWaterMarkKb(process.pid()));
		}
		double wall = (System.nanoTime() - started) / 1e9;
		if (process.exitValue() != 0) {
			this.out.println(Files.readString(dir.resolve("run.log")));
			throw new IllegalStateException("the run exited " + process.exitValue());
		}
		return new Measured(wall, peakHeapMb(gcLog), peakRssKb / 1024, process.exitValue());
	}

	private Process start(Path log, List<String> jvm, List<String> args) throws IOException {
		List<String> command = new ArrayList<>(List.of("java"));
		if (jvm != null) {
			command.addAll(jvm);
		}
		command.add("-jar");
		command.add(this.jar.toString());
		command.addAll(args);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().put("ABYSSALE_API_KEY", "bench-key");
		return builder.start();
	}

	/** The catalog, repeated to {@code rows} rows with unique keys; the first {@code changed} rows get a new price. */
	private static void writeCatalog(Path file, int rows, int changed) throws IOException {
		List<CSVRecord> sample;
		try (Reader reader = Files.newBufferedReader(Path.of("sample-data/catalog.csv"), StandardCharsets.UTF_8)) {
			sample = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
		try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
				CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180)) {
			csv.printRecord("sku", "name", "price", "badge", "colour", "image");
			for (int i = 0; i < rows; i++) {
				CSVRecord base = sample.get(i % sample.size());
				String sku = String.format("BENCH-%07d", i);
				String price = (i < changed) ? "€1.00" : base.get("price");
				csv.printRecord(sku, base.get("name") + " #" + i, price, base.get("badge"), base.get("colour"),
						base.get("image"));
			}
		}
	}

	private static long peakHeapMb(Path gcLog) throws IOException {
		long peak = 0;
		if (Files.exists(gcLog)) {
			for (String line : Files.readAllLines(gcLog)) {
				Matcher matcher = GC_LINE.matcher(line);
				if (matcher.find()) {
					peak = Math.max(peak, Long.parseLong(matcher.group(1)));
				}
			}
		}
		return peak;
	}

	private static long highWaterMarkKb(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// the process ended between two looks
		}
		return 0;
	}

	private static Map<String, Long> counts(int port) throws Exception {
		JsonNode counts = JSON.readTree(get(port, "/_sandbox/counts"));
		Map<String, Long> calls = new java.util.HashMap<>();
		counts.path("callsByEndpoint").properties().forEach((entry) -> calls.put(entry.getKey(), entry.getValue().asLong()));
		return calls;
	}

	private static long rateLimited(int port) throws Exception {
		return JSON.readTree(get(port, "/_sandbox/counts")).path("rateLimited").asLong();
	}

	private static String get(int port, String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString()).body();
	}

	private static void awaitReady(int port) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			try {
				if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).build(),
						HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				Thread.sleep(100);
			}
		}
		throw new IllegalStateException("the sandbox did not start on port " + port);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
