package io.bannerbatch.report;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bannerbatch.FastSandbox;
import io.bannerbatch.CommandRun;
import io.bannerbatch.sandbox.Sandbox;

import static org.assertj.core.api.Assertions.assertThat;

/** The report a run writes, opened in headless Chromium while the sandbox still serves the banners. */
class ReportFunctionalTests {

	static final Path SCREENSHOT = Path.of("target", "report-screenshots", "sandbox-run.png");

	@TempDir
	Path work;

	@Test
	void theReportOfARunShowsEveryBannerLoadedFromTheSandbox() throws Exception {
		try (Sandbox sandbox = Sandbox.start(FastSandbox.settings())) {
			CommandRun run = CommandRun.of("run", "--input=sample-data/catalog.csv", "--mapping=sample-data/mapping.yml",
					"--api-url=" + sandbox.baseUrl(), "--rate-limit=0", "--limit=4",
					"--state-dir=" + this.work.resolve("state"), "--output=" + this.work.resolve("catalog.results.csv"));
			assertThat(run.exitCode()).as(run.toString()).isZero();
			Path report = this.work.resolve("catalog.results.report.html");
			assertThat(run.out()).contains("report:  " + report);
			long filesBefore = sandbox.counts().calls("GET /files") + sandbox.counts().calls("GET /cdn");

			String dom = HeadlessChromium.open(report, this.work, "--dump-dom", "--virtual-time-budget=8000");

			Matcher thumbnail = Pattern.compile("<img [^>]*>").matcher(dom);
			int loaded = 0;
			while (thumbnail.find()) {
				assertThat(thumbnail.group()).as("a thumbnail that failed to load").doesNotContain("data-failed");
				assertThat(thumbnail.group()).contains("src=\"" + sandbox.baseUrl()).contains("data-loaded=\"");
				loaded++;
			}
			assertThat(loaded).as("thumbnails loaded: 4 rows × 3 formats").isEqualTo(12);
			assertThat(sandbox.counts().calls("GET /files") + sandbox.counts().calls("GET /cdn") - filesBefore)
				.as("banner downloads the sandbox served to the browser").isGreaterThanOrEqualTo(12);

			Path screenshot = this.work.resolve("report.png");
			HeadlessChromium.open(report, this.work, "--screenshot=" + screenshot, "--window-size=1280,1400",
					"--virtual-time-budget=8000");
			BufferedImage page = ImageIO.read(screenshot.toFile());
			assertThat(page).as("a PNG screenshot").isNotNull();
			assertThat(page.getWidth()).isEqualTo(1280);
			Files.createDirectories(SCREENSHOT.getParent());
			Files.copy(screenshot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
