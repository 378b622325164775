package io.bannerbatch.report;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Debian's Chromium, headless, on a page: its DOM after the page loaded, or a screenshot. Bounded in time. */
final class HeadlessChromium {

	private HeadlessChromium() {
	}

	/** Runs Chromium on the page with these options, in a new profile under {@code work}; returns its stdout. */
	static String open(Path page, Path work, String... options) throws Exception {
		Path profile = Files.createTempDirectory(work, "chromium-profile-");
		List<String> command = new ArrayList<>(List.of(executable().toString(), "--headless", "--no-sandbox",
				"--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--hide-scrollbars", "--user-data-dir=" + profile));
		command.addAll(List.of(options));
		command.add(page.toUri().toString());
		Path stdout = Files.createTempFile(work, "chromium", ".out");
		Path stderr = Files.createTempFile(work, "chromium", ".err");
		Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
			.redirectError(stderr.toFile())
			.start();
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				fail("Chromium did not finish within 60 s: " + String.join(" ", command) + "\n"
						+ Files.readString(stderr));
			}
			assertThat(process.exitValue()).as("Chromium's exit code; its stderr:%n%s", Files.readString(stderr))
				.isZero();
			return Files.readString(stdout, StandardCharsets.UTF_8);
		}
		finally {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
		}
	}

	private static Path executable() {
		Path usual = Path.of("/usr/bin/chromium");
		if (Files.isExecutable(usual)) {
			return usual;
		}
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "chromium");
			if (!directory.isEmpty() && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return fail("Chromium was not found at /usr/bin/chromium or on the PATH, and this test needs it to open "
				+ "the report: install the `chromium` package (apt-get install -y chromium; .ci/run does it)");
	}

}
