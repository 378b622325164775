package io.bannerbatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bannerbatch.abyssale.ApiKey;
import io.bannerbatch.job.RunSummaries;
import io.bannerbatch.sandbox.Sandbox;
import io.bannerbatch.sandbox.SandboxOptions;
import io.bannerbatch.sandbox.SandboxSettings;

/**
 * {@code run --sandbox}: the real job against the emulator started in this process. The sandbox lives only as long as
 * the run, so afterwards the export's ZIP is saved beside the results, for a person to open what the demo made.
 */
final class DemoSandbox {

	private static final Pattern EXPORT_ID = Pattern.compile("\"export_id\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern ARCHIVE_URL = Pattern.compile("\"archive_url\"\\s*:\\s*\"([^\"]+)\"");

	private DemoSandbox() {
	}

	static int run(SandboxOptions options, boolean freePort, ApiKey apiKey, PrintStream out,
			BiFunction<ApiKey, String, Integer> job, Path output, PrintStream err) {
		SandboxSettings settings = options.toSettings();
		if (freePort) {
			settings = settings.withPort(0);
		}
		ApiKey key = apiKey.isMissing() ? ApiKey.of("sandbox-demo-key") : apiKey;
		try (Sandbox sandbox = Sandbox.start(settings)) {
			out.println("Sandbox (" + settings.apiStyle().name().toLowerCase(java.util.Locale.ROOT) + " API) on "
					+ sandbox.baseUrl());
			int code = job.apply(key, sandbox.baseUrl().toString());
			saveExport(sandbox.baseUrl(), output, out, err);
			out.println(sandbox.describeCounts());
			Path report = RunSummaries.sibling(output, ".report.html");
			if (System.console() != null && Files.exists(report)) {
				// the report's thumbnails are the sandbox's banners: keep serving them while a person looks
				out.println("The sandbox keeps serving the banners: open " + report.toUri() + "\nPress Enter to stop.");
				try {
					System.console().readLine();
				}
				catch (RuntimeException ex) {
					// no input to wait for
				}
			}
			return code;
		}
	}

	private static void saveExport(URI sandbox, Path output, PrintStream out, PrintStream err) {
		Path summary = RunSummaries.summaryFile(output);
		try {
			if (!Files.exists(summary)) {
				return;
			}
			Matcher exportId = EXPORT_ID.matcher(Files.readString(summary));
			if (!exportId.find()) {
				return;
			}
			HttpClient http = HttpClient.newHttpClient();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (System.nanoTime() < deadline) {
				HttpResponse<String> event = http.send(
						HttpRequest.newBuilder(sandbox.resolve("/_sandbox/exports/" + exportId.group(1))).build(),
						HttpResponse.BodyHandlers.ofString());
				Matcher archive = ARCHIVE_URL.matcher(event.body());
				if (event.statusCode() == 200 && archive.find()) {
					Path zip = RunSummaries.sibling(output, ".export.zip");
					try (InputStream in = http
						.send(HttpRequest.newBuilder(URI.create(archive.group(1))).build(),
								HttpResponse.BodyHandlers.ofInputStream())
						.body()) {
						Files.copy(in, zip, StandardCopyOption.REPLACE_EXISTING);
					}
					out.println("  export ZIP: " + zip);
					return;
				}
				Thread.sleep(200);
			}
			err.println("The sandbox's export ZIP was not ready in time; the results are complete.");
		}
		catch (IOException ex) {
			err.println("Could not save the sandbox's export ZIP (" + ex.getMessage() + "); the results are complete.");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
