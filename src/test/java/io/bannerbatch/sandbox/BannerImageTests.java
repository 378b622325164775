package io.bannerbatch.sandbox;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;

import static io.bannerbatch.sandbox.SandboxCalls.LEAFLET;
import static io.bannerbatch.sandbox.SandboxCalls.PRODUCT_CARD;
import static io.bannerbatch.sandbox.SandboxCalls.SHELF_TALKER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Banners are real images at the format's size, in the row's background colour, and exports are real ZIPs of them.
 */
class BannerImageTests {

	static BufferedImage decode(byte[] bytes) {
		try {
			BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
			assertThat(image).as("decodable image").isNotNull();
			return image;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Entry names to decoded images.
	 */
	static List<Entry> zipEntries(byte[] zip) {
		List<Entry> entries = new ArrayList<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				entries.add(new Entry(entry.getName(), decode(in.readAllBytes())));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return entries;
	}

	private static JsonNode finalizedBanners(SandboxCalls calls, String designId, String body) {
		String id = calls.generated(designId, body);
		JsonNode result = calls.awaitFinalized(id, Duration.ofSeconds(5)).body();
		assertThat(result.get("is_finalized").asBoolean()).isTrue();
		return result.get("banners");
	}

	private static void assertColour(BufferedImage image, int x, int y, Color expected, int tolerance) {
		Color actual = new Color(image.getRGB(x, y));
		assertThat(Math.abs(actual.getRed() - expected.getRed())).as("red at %d,%d of %s", x, y, actual)
			.isLessThanOrEqualTo(tolerance);
		assertThat(Math.abs(actual.getGreen() - expected.getGreen())).as("green at %d,%d of %s", x, y, actual)
			.isLessThanOrEqualTo(tolerance);
		assertThat(Math.abs(actual.getBlue() - expected.getBlue())).as("blue at %d,%d of %s", x, y, actual)
			.isLessThanOrEqualTo(tolerance);
	}

	@Nested
	class BannerFiles {

		@Test
		void drawsEachFormatAtItsSizeWithTheRowsBackgroundColour() {
			try (Sandbox sandbox = Sandbox.start(SandboxContractTests.fast(ApiStyle.CURRENT))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				JsonNode banners = finalizedBanners(calls, PRODUCT_CARD, SandboxContractTests.ROW);
				BufferedImage feed = decode(calls.download(banners.get(0).get("file").get("url").asString()));
				assertThat(feed.getWidth()).isEqualTo(1200);
				assertThat(feed.getHeight()).isEqualTo(628);
				assertColour(feed, 5, 5, new Color(0x0B6E4F), 0);
				assertColour(feed, 1195, 620, new Color(0x0B6E4F), 0);
				assertColour(feed, 300, 180, new Color(0xBDBDBD), 0);
				BufferedImage square = decode(calls.download(banners.get(1).get("file").get("cdn_url").asString()));
				assertThat(square.getWidth()).isEqualTo(1080);
				assertThat(square.getHeight()).isEqualTo(1080);
			}
		}

		@Test
		void writesAJpegWhenTheFormatAsksForOne() {
			try (Sandbox sandbox = Sandbox.start(SandboxContractTests.fast(ApiStyle.CURRENT))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				JsonNode banner = finalizedBanners(calls, PRODUCT_CARD,
						"{\"template_format_names\": [\"medium-rectangle\"], \"elements\": {\"root\": {\"background_color\": \"#D7263D\"}}}")
					.get(0);
				String url = banner.get("file").get("url").asString();
				assertThat(url).endsWith(".jpeg");
				byte[] bytes = calls.download(url);
				assertThat(bytes[0] & 0xFF).isEqualTo(0xFF);
				assertThat(bytes[1] & 0xFF).isEqualTo(0xD8);
				BufferedImage image = decode(bytes);
				assertThat(image.getWidth()).isEqualTo(300);
				assertThat(image.getHeight()).isEqualTo(250);
				assertColour(image, 295, 5, new Color(0xD7263D), 12);
			}
		}

		@Test
		void drawsPrintFormatsAt72DpiWithCmykConverted() {
			try (Sandbox sandbox = Sandbox.start(SandboxContractTests.fast(ApiStyle.CURRENT))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				JsonNode banner = finalizedBanners(calls, SHELF_TALKER,
						"{\"template_format_names\": [\"a4-poster\"], \"elements\": {\"root\": {\"background_color\": \"cmyk(0,80,95,0)\"}}}")
					.get(0);
				BufferedImage poster = decode(calls.download(banner.get("file").get("url").asString()));
				assertThat(poster.getWidth()).isEqualTo(595);
				assertThat(poster.getHeight()).isEqualTo(842);
				assertColour(poster, 3, 3, new Color(255, 51, 13), 1);
			}
		}

		@Test
		void drawsEachPageOfAMultiPageDesign() {
			try (Sandbox sandbox = Sandbox.start(SandboxContractTests.fast(ApiStyle.DOCUMENTED))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				JsonNode banners = finalizedBanners(calls, LEAFLET, "{}");
				for (JsonNode banner : banners) {
					BufferedImage page = decode(calls.download(banner.get("file").get("url").asString()));
					assertThat(page.getWidth()).isEqualTo(420);
					assertThat(page.getHeight()).isEqualTo(595);
					// cmyka(0,0,10,0,100): the design's own background
					assertColour(page, 2, 2, new Color(255, 255, 230), 1);
				}
			}
		}

		@Test
		void servesNoFileBeforeItsRequestHasFinalized() {
			try (Sandbox sandbox = Sandbox.start(SandboxContractTests.fast(ApiStyle.CURRENT))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				assertThat(calls.getUrl(sandbox.baseUrl() + "/files/" + SandboxCalls.UNKNOWN_ID + ".png").status())
					.isEqualTo(404);
			}
		}

		@Test
		void rendersOnlyWhenAFileIsFetched() {
			try (Sandbox sandbox = Sandbox.start(SandboxContractTests.fast(ApiStyle.CURRENT))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				JsonNode banners = finalizedBanners(calls, PRODUCT_CARD, SandboxContractTests.ROW);
				assertThat(sandbox.counts().calls("GET /files")).isZero();
				calls.download(banners.get(0).get("file").get("url").asString());
				assertThat(sandbox.counts().calls("GET /files")).isEqualTo(1);
			}
		}

		@Test
		void capsHugePrintFormatsAt2000PixelsOnTheLongestSide() {
			DesignFormat billboard = new DesignFormat("billboard", IntNode.valueOf(4000), IntNode.valueOf(3000), "mm",
					300, "png");
			assertThat(billboard.pixelSize(BannerRenderer.MAX_SIDE)).containsExactly(2000, 1500);
		}

	}

	@Nested
	class Placeholders {

		@Test
		void servesAProductImageForEveryCatalogImageUrl() {
			try (Sandbox sandbox = Sandbox.start(SandboxContractTests.fast(ApiStyle.CURRENT))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				BufferedImage image = decode(calls.download(sandbox.baseUrl() + "/images/SKU-1001.png"));
				assertThat(image.getWidth()).isEqualTo(400);
				assertThat(image.getRGB(2, 2)).isNotEqualTo(
						decode(calls.download(sandbox.baseUrl() + "/images/SKU-1002.png")).getRGB(2, 2));
			}
		}

		@Test
		void servesAPreviewForEveryFormatOfADesign() {
			try (Sandbox sandbox = Sandbox.start(SandboxContractTests.fast(ApiStyle.CURRENT))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				JsonNode formats = calls.get("/designs/" + PRODUCT_CARD).body().get("formats");
				BufferedImage preview = decode(calls.download(formats.get(2).get("preview_url").asString()));
				assertThat(preview.getWidth()).isEqualTo(300);
				assertColour(preview, 295, 5, new Color(0x1A47FF), 0);
			}
		}

	}

	@Nested
	class ExportZips {

		@Test
		void holdsOneImageEntryPerExportedBanner() {
			try (Sandbox sandbox = Sandbox.start(SandboxContractTests.fast(ApiStyle.CURRENT))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				JsonNode banners = finalizedBanners(calls, PRODUCT_CARD, SandboxContractTests.ROW);
				List<String> ids = SandboxCalls.texts(banners, "id");
				String exportId = calls
					.post("/async/banners/export",
							SandboxCalls.JSON.createObjectNode()
								.set("ids", SandboxCalls.JSON.valueToTree(ids))
								.toString())
					.body()
					.get("export_id")
					.asString();
				JsonNode ready = awaitExport(calls, exportId);
				List<Entry> entries = zipEntries(calls.download(ready.get("archive_url").asString()));
				assertThat(entries).extracting(Entry::name).containsExactly(filenames(banners));
				assertThat(entries).extracting((entry) -> entry.image().getWidth()).containsExactly(1200, 1080, 300);
				assertThat(sandbox.counts().calls("GET /exports")).isEqualTo(1);
			}
		}

		@Test
		void answersTheConvenienceEndpoint202UntilTheArchiveIsReady() {
			SandboxSettings settings = SandboxContractTests.fast(ApiStyle.CURRENT)
				.withDurations(Duration.ofMillis(300), Duration.ofMillis(300));
			try (Sandbox sandbox = Sandbox.start(settings)) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				String banner = finalizedBanners(calls, PRODUCT_CARD, SandboxContractTests.ROW).get(0).get("id")
					.asString();
				String exportId = calls.post("/async/banners/export", "{\"ids\": [\"%s\"]}".formatted(banner))
					.body()
					.get("export_id")
					.asString();
				SandboxCalls.Answer pending = calls.getWithKey("/_sandbox/exports/" + exportId, null);
				assertThat(pending.status()).isEqualTo(202);
				assertThat(pending.body().get("archive_url").isNull()).isTrue();
				assertThat(calls.getUrl(sandbox.baseUrl() + "/exports/" + exportId + ".zip").status()).isEqualTo(404);
				assertThat(awaitExport(calls, exportId).get("archive_url").asString())
					.isEqualTo(sandbox.baseUrl() + "/exports/" + exportId + ".zip");
			}
		}

		private String[] filenames(JsonNode banners) {
			List<String> names = new ArrayList<>();
			banners.forEach((banner) -> names.add(banner.get("file").get("filename").asString()));
			return names.toArray(String[]::new);
		}

		private JsonNode awaitExport(SandboxCalls calls, String exportId) {
			long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			SandboxCalls.Answer answer = calls.getWithKey("/_sandbox/exports/" + exportId, null);
			while (answer.status() == 202 && System.nanoTime() < deadline) {
				SandboxCalls.pause(20);
				answer = calls.getWithKey("/_sandbox/exports/" + exportId, null);
			}
			assertThat(answer.status()).isEqualTo(200);
			return answer.body();
		}

	}

	record Entry(String name, BufferedImage image) {
	}

}
