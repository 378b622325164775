package io.bannerbatch.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Opens a report in headless Chromium, with its banners served over real HTTP by a local server, and checks what a
 * person would see: every thumbnail loaded, user data shown as text, a page that is not blank.
 */
class HtmlReportBrowserTests {

	/** Where a person can look at the last screenshot taken by this test. */
	static final Path SCREENSHOT = Path.of("target", "report-screenshots", "report.png");

	static final Map<String, Banner> BANNERS = new LinkedHashMap<>();
	static {
		BANNERS.put("square", new Banner(1080, 1080, new Color(0x1F, 0x8A, 0xB5)));
		BANNERS.put("story", new Banner(1080, 1920, new Color(0xF2, 0x6B, 0x1D)));
		BANNERS.put("landscape", new Banner(1200, 628, new Color(0x2C, 0xA5, 0x5E)));
	}

	static HttpServer server;

	static final Queue<String> requests = new ConcurrentLinkedQueue<>();

	@TempDir
	Path work;

	record Banner(int width, int height, Color color) {
	}

	@BeforeAll
	static void serveBanners() throws IOException {
		Map<String, byte[]> pngs = new LinkedHashMap<>();
		BANNERS.forEach((format, banner) -> pngs.put(format, png(banner)));
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		// /banners/<row>-<format>.png: one path per thumbnail, so the log proves each one was fetched
		server.createContext("/banners/", (exchange) -> {
			requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
			String name = exchange.getRequestURI().getPath().substring("/banners/".length());
			byte[] body = pngs.get(name.replaceFirst("^\\d+-", "").replaceFirst("\\.png$", ""));
			if (body == null) {
				exchange.sendResponseHeaders(404, -1);
				exchange.close();
				return;
			}
			exchange.getResponseHeaders().set("Content-Type", "image/png");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
	}

	@AfterAll
	static void stopServer() {
		server.stop(0);
	}

	@Test
	void showsEveryThumbnailLoadedFromItsUrlAndUserDataAsText() throws Exception {
		Path report = this.work.resolve("catalog.report.html");
		List<String> thumbnails = writeCatalogReport(report);

		String dom = chromium(report, "--dump-dom", "--virtual-time-budget=5000");

		Map<String, String> loaded = new LinkedHashMap<>();
		Matcher img = Pattern.compile("<img [^>]*>").matcher(dom);
		while (img.find()) {
			assertThat(img.group()).as("a thumbnail that failed to load").doesNotContain("data-failed");
			loaded.put(attribute(img.group(), "src"), attribute(img.group(), "data-loaded"));
		}
		Map<String, String> expected = new LinkedHashMap<>();
		for (String url : thumbnails) {
			String format = url.replaceFirst(".*/\\d+-", "").replaceFirst("\\.png$", "");
			expected.put(url, Integer.toString(BANNERS.get(format).width()));
		}
		assertThat(loaded).as("each thumbnail's naturalWidth, recorded by its onload").isEqualTo(expected);
		assertThat(dom).doesNotContain("<b id=\"injected\">").contains("&lt;b id=\"injected\"&gt;Bad&lt;/b&gt;");
		assertThat(dom).as("the one reused banner's badge").containsOnlyOnce("class=\"badge\"");
		assertThat(requests).as("the banner server's request log")
			.containsAll(thumbnails.stream().map((url) -> "GET " + url.substring(url.indexOf("/banners/"))).toList());

		Path screenshot = this.work.resolve("screenshot.png");
		chromium(report, "--screenshot=" + screenshot, "--window-size=1280,1600", "--virtual-time-budget=5000");
		BufferedImage page = ImageIO.read(screenshot.toFile());
		assertThat(page).as("a PNG screenshot").isNotNull();
		Files.createDirectories(SCREENSHOT.getParent());
		Files.copy(screenshot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
		assertThat(page.getWidth()).isEqualTo(1280);
		assertThat(countPixels(page, Color.WHITE, 0)).as("white pixels").isLessThan(page.getWidth() * page.getHeight());
		BANNERS.forEach((format, banner) -> assertThat(countPixels(page, banner.color(), 12))
			.as("pixels of the " + format + " banners' colour on the screenshot")
			.isGreaterThan(1000));
	}

	/** Four rows: all generated (one reused), one format failed and one unsafe CDN URL, rejected, all generated. */
	private List<String> writeCatalogReport(Path report) {
		String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/banners/";
		List<String> thumbnails = new ArrayList<>();
		List<ReportLine> lines = new ArrayList<>();
		for (String format : BANNERS.keySet()) {
			lines.add(generated(1, "SUMMER-01", format, base, format.equals("story"), thumbnails));
		}
		lines.add(new ReportLine(2, "SUMMER-02", "square", "GENERATED", "b-2-square", base + "2-square.png",
				"javascript:alert(1)", "1080", "1080", null, false));
		thumbnails.add(base + "2-square.png");
		lines.add(new ReportLine(2, "SUMMER-02", "story", "FAILED", null, null, null, null, null,
				"Text too long for element tb-text_0 (max 40 characters)", false));
		lines.add(generated(2, "SUMMER-02", "landscape", base, false, thumbnails));
		for (String format : BANNERS.keySet()) {
			lines.add(new ReportLine(3, "<b id=\"injected\">Bad</b>", format, "REJECTED", null, null, null, null, null,
					"root.background_color: 'red' is not a hex colour like #FF0000", false));
		}
		for (String format : BANNERS.keySet()) {
			lines.add(generated(4, "WINTER-04", format, base, false, thumbnails));
		}
		LinkedHashMap<String, String> summary = new LinkedHashMap<>();
		summary.put("Rows", "4");
		summary.put("Rejected", "1");
		summary.put("Generation requests", "3");
		summary.put("Banners", "8");
		summary.put("Failed formats", "1");
		summary.put("Reused", "1");
		summary.put("Elapsed", "12.4 s");
		HtmlReport.write(report, new ReportData("Summer catalog", summary, "c0ffee00-export-4d3e-8f90-0123456789ab",
				"catalog.results.csv", List.copyOf(BANNERS.keySet())), (sink) -> lines.forEach(sink));
		return thumbnails;
	}

	private static ReportLine generated(long row, String key, String format, String base, boolean reused,
			List<String> thumbnails) {
		Banner banner = BANNERS.get(format);
		String url = base + row + "-" + format + ".png";
		thumbnails.add(url);
		return new ReportLine(row, key, format, "GENERATED", "b-" + row + "-" + format,
				"https://storage.invalid/" + row + "-" + format + ".png", url, Integer.toString(banner.width()),
				Integer.toString(banner.height()), null, reused);
	}

	private String chromium(Path report, String... options) throws Exception {
		return HeadlessChromium.open(report, this.work, options);
	}

	private static String attribute(String tag, String name) {
		Matcher value = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(tag);
		return value.find() ? value.group(1).replace("&amp;", "&") : null;
	}

	private static long countPixels(BufferedImage image, Color color, int tolerance) {
		long count = 0;
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				Color pixel = new Color(image.getRGB(x, y));
				if (Math.abs(pixel.getRed() - color.getRed()) <= tolerance
						&& Math.abs(pixel.getGreen() - color.getGreen()) <= tolerance
						&& Math.abs(pixel.getBlue() - color.getBlue()) <= tolerance) {
					count++;
				}
			}
		}
		return count;
	}

	/** A banner-like PNG without text, since a headless JDK may have no fonts. */
	private static byte[] png(Banner banner) {
		BufferedImage image = new BufferedImage(banner.width(), banner.height(), BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		graphics.setColor(banner.color());
		graphics.fillRect(0, 0, banner.width(), banner.height());
		int unit = Math.min(banner.width(), banner.height()) / 10;
		graphics.setColor(Color.WHITE);
		graphics.fillOval(unit, unit, unit * 3, unit * 3);
		graphics.fillRoundRect(unit, banner.height() - unit * 3, banner.width() - unit * 2, unit * 2, unit, unit);
		graphics.setColor(banner.color().darker());
		graphics.setStroke(new BasicStroke(unit / 3f));
		graphics.drawLine(unit * 5, unit * 2, banner.width() - unit, unit * 2);
		graphics.drawLine(unit * 5, unit * 3, banner.width() - unit * 3, unit * 3);
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
