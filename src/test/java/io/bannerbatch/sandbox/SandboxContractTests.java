package io.bannerbatch.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.bannerbatch.sandbox.SandboxCalls.Answer;

import static io.bannerbatch.sandbox.SandboxCalls.LEAFLET;
import static io.bannerbatch.sandbox.SandboxCalls.PRODUCT_CARD;
import static io.bannerbatch.sandbox.SandboxCalls.SHELF_TALKER;
import static io.bannerbatch.sandbox.SandboxCalls.UNKNOWN_ID;
import static io.bannerbatch.sandbox.SandboxCalls.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox answers like the API it plays, in both styles: shapes, statuses and headers as
 * {@code /work/shared/abyssale-api.md} documents them.
 */
class SandboxContractTests {

	static final String ROW = """
			{"elements": {"root": {"background_color": "#0B6E4F"},
			              "tb-text_0": {"payload": "Trail Running Shoe"},
			              "tb-text_1": {"payload": "€119.00", "color": "#FFFFFF"},
			              "tb-text_2": {"payload": "NEW"},
			              "tb-image_0": {"image_url": "http://localhost:8089/images/SKU-1001.png"}}}
			""";

	static SandboxSettings fast(ApiStyle style) {
		return SandboxSettings.defaults()
			.withRateLimitPerSecond(0)
			.withDurations(Duration.ofMillis(50), Duration.ofMillis(150))
			.withApiStyle(style);
	}

	static String row(String element, String property, String value) {
		return """
				{"elements": {"tb-text_0": {"payload": "Trail Running Shoe"}, "%s": {"%s": %s}}}
				""".formatted(element, property, value);
	}

	@Nested
	class Lifecycle {

		@Test
		void listensOnLoopbackOnAFreePortAndFreesItWhenClosed() {
			Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT));
			int port = sandbox.port();
			assertThat(port).isPositive();
			assertThat(sandbox.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + port);
			sandbox.close();
			sandbox.close();
			try (Sandbox again = Sandbox.start(fast(ApiStyle.CURRENT).withPort(port))) {
				assertThat(new SandboxCalls(again).getWithKey("/ready", null).status()).isEqualTo(200);
			}
		}

	}

	@Nested
	class Authentication {

		@Test
		void answersAMissingKeyWith401AndTodaysEnvelope() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT))) {
				Answer answer = new SandboxCalls(sandbox).getWithKey("/designs/" + PRODUCT_CARD, null);
				assertThat(answer.status()).isEqualTo(401);
				assertThat(answer.body().get("id").asString()).isEqualTo("unauthorized");
				assertThat(answer.body().get("message").asString()).contains("x-api-key");
				assertThat(answer.body().get("version").asString()).isEqualTo("v2026-08-21");
			}
		}

		@Test
		void answersAWrongKeyWith401AndAMessageOnlyInTheDocumentedStyle() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.DOCUMENTED).withApiKey("right"))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				Answer answer = calls.getWithKey("/templates/" + PRODUCT_CARD, "wrong");
				assertThat(answer.status()).isEqualTo(401);
				assertThat(answer.body().propertyNames()).containsExactly("message");
				assertThat(calls.getWithKey("/templates/" + PRODUCT_CARD, "right").status()).isEqualTo(200);
			}
		}

		@Test
		void servesReadinessCountsAndPlaceholderImagesWithoutAKey() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				assertThat(calls.getWithKey("/ready", null).status()).isEqualTo(200);
				assertThat(calls.getWithKey("/_sandbox/counts", null).status()).isEqualTo(200);
				assertThat(calls.getUrl(sandbox.baseUrl() + "/images/SKU-1001.png").status()).isEqualTo(200);
			}
		}

	}

	@Nested
	class DesignDetails {

		@Test
		void servesTodaysDesignsWithIdUidUnitDpiAndVersion() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT))) {
				Answer answer = new SandboxCalls(sandbox).get("/designs/" + PRODUCT_CARD);
				assertThat(answer.status()).isEqualTo(200);
				JsonNode design = answer.body();
				assertThat(design.get("id").asString()).isEqualTo(PRODUCT_CARD);
				assertThat(design.get("template_id").asString()).isEqualTo(PRODUCT_CARD);
				assertThat(design.get("version").asString()).isEqualTo("v2026-08-21");
				assertThat(texts(design.get("formats"), "id")).containsExactly("facebook-feed", "instagram-post",
						"medium-rectangle");
				JsonNode format = design.get("formats").get(0);
				assertThat(format.get("uid").asString()).hasSize(36);
				assertThat(format.get("unit").asString()).isEqualTo("px");
				assertThat(format.get("dpi").asInt()).isEqualTo(72);
				assertThat(format.get("preview_url").asString()).startsWith(sandbox.baseUrl() + "/previews/");
				assertThat(texts(design.get("elements"), "name")).containsExactly("root", "tb-text_0", "tb-text_1",
						"tb-text_2", "tb-image_0");
			}
		}

		@Test
		void servesDocumentedTemplatesWithTemplateIdOnly() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.DOCUMENTED))) {
				Answer answer = new SandboxCalls(sandbox).get("/templates/" + SHELF_TALKER);
				assertThat(answer.status()).isEqualTo(200);
				assertThat(answer.body().get("template_id").asString()).isEqualTo(SHELF_TALKER);
				assertThat(answer.body().has("id")).isFalse();
				assertThat(answer.body().has("version")).isFalse();
				assertThat(answer.body().get("type").asString()).isEqualTo("printer");
				assertThat(answer.body().get("formats").get(0).has("uid")).isFalse();
			}
		}

		@Test
		void servesTheMultiPageDesignWithPagesAndAttributesKeyedById() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.DOCUMENTED))) {
				JsonNode design = new SandboxCalls(sandbox).get("/templates/" + LEAFLET).body();
				assertThat(design.get("type").asString()).isEqualTo("printer_multipage");
				assertThat(texts(design.get("pages"), "unit")).containsExactly("in", "in");
				JsonNode root = design.get("elements_per_page").get("page_1").get(0);
				assertThat(root.get("attributes").get("background_color").get("values").asString())
					.startsWith("cmyka(");
			}
		}

		@Test
		void answersTheOtherStylesPathWithEachStylesNotFound() {
			try (Sandbox current = Sandbox.start(fast(ApiStyle.CURRENT));
					Sandbox documented = Sandbox.start(fast(ApiStyle.DOCUMENTED))) {
				Answer templatesToday = new SandboxCalls(current).get("/templates/" + PRODUCT_CARD);
				assertThat(templatesToday.status()).isEqualTo(404);
				assertThat(templatesToday.body().get("id").asString()).isEqualTo("endpoint_not_found");
				Answer designsDocumented = new SandboxCalls(documented).get("/designs/" + PRODUCT_CARD);
				assertThat(designsDocumented.status()).isEqualTo(404);
				assertThat(designsDocumented.body().has("id")).isFalse();
				assertThat(designsDocumented.body().get("message").asString()).isEqualTo("Not Found");
			}
		}

		@Test
		void answersAnUnknownDesignWith404InBothStyles() {
			try (Sandbox current = Sandbox.start(fast(ApiStyle.CURRENT));
					Sandbox documented = Sandbox.start(fast(ApiStyle.DOCUMENTED))) {
				Answer today = new SandboxCalls(current).get("/designs/" + UNKNOWN_ID);
				assertThat(today.status()).isEqualTo(404);
				assertThat(today.body().get("id").asString()).isEqualTo("template_not_found");
				Answer documentedAnswer = new SandboxCalls(documented).get("/templates/" + UNKNOWN_ID);
				assertThat(documentedAnswer.status()).isEqualTo(404);
				assertThat(documentedAnswer.body().propertyNames()).containsExactly("message");
			}
		}

	}

	@Nested
	class GenerateInTheDocumentedStyle {

		@Test
		void acceptsAValidRowWithAGenerationRequestIdOnly() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.DOCUMENTED))) {
				Answer answer = new SandboxCalls(sandbox).generate(PRODUCT_CARD, ROW);
				assertThat(answer.status()).isEqualTo(200);
				assertThat(answer.body().propertyNames()).containsExactly("generation_request_id");
				assertThat(answer.body().get("generation_request_id").asString()).hasSize(36);
			}
		}

		@Test
		void rejectsAnEmptyPayloadWithTheNestedBodyAndItsPythonMessage() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.DOCUMENTED))) {
				Answer answer = new SandboxCalls(sandbox).generate(PRODUCT_CARD,
						"{\"elements\": {\"tb-text_0\": {\"payload\": \"\"}}}");
				assertThat(answer.status()).isEqualTo(400);
				assertThat(answer.body().get("message").asString()).isEqualTo(
						"body_validation_errors: {'elements': {'tb-text_0': {'payload': ['Length must be between 1 and 2048.']}}}");
				assertThat(answer.body().get("errors").get("elements").get("tb-text_0").get("payload").get(0).asString())
					.isEqualTo("Length must be between 1 and 2048.");
			}
		}

		@Test
		void rejectsUnknownElementsAndPropertiesAndBadValuesTogether() {
			String body = """
					{"elements": {"tb-text_9": {"payload": "x"},
					              "tb-text_0": {"payload": "%s", "colour": "#FFFFFF"},
					              "root": {"background_color": "red"},
					              "tb-image_0": {"image_url": "ftp://example.com/a.png"}}}
					""".formatted("x".repeat(2049));
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.DOCUMENTED))) {
				Answer answer = new SandboxCalls(sandbox).generate(PRODUCT_CARD, body);
				assertThat(answer.status()).isEqualTo(400);
				JsonNode elements = answer.body().get("errors").get("elements");
				assertThat(elements.get("tb-text_9").get(0).asString()).isEqualTo("Unknown field.");
				assertThat(elements.get("tb-text_0").get("colour").get(0).asString()).isEqualTo("Unknown field.");
				assertThat(elements.get("tb-text_0").has("payload")).isTrue();
				assertThat(elements.get("root").get("background_color").get(0).asString()).startsWith("Not a valid color");
				assertThat(elements.get("tb-image_0").get("image_url").get(0).asString()).isEqualTo("Not a valid URL.");
				assertThat(answer.body().get("message").asString()).startsWith("body_validation_errors: {'elements': {");
			}
		}

		@Test
		void rejectsAnUnknownFormatNameWith400() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.DOCUMENTED))) {
				Answer answer = new SandboxCalls(sandbox).generate(PRODUCT_CARD,
						"{\"template_format_names\": [\"facebook-feed\", \"tiktok\"]}");
				assertThat(answer.status()).isEqualTo(400);
				assertThat(answer.body().get("errors").get("template_format_names").get("1").get(0).asString())
					.contains("tiktok");
				assertThat(answer.body().get("message").asString()).contains("{'template_format_names': {1: [");
			}
		}

		@Test
		void acceptsCmykOnPrintDesignsOnly() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.DOCUMENTED))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				String cmyk = "{\"elements\": {\"root\": {\"background_color\": \"cmyk(0,80,95,0)\"}}}";
				assertThat(calls.generate(SHELF_TALKER, cmyk).status()).isEqualTo(200);
				assertThat(calls.generate(LEAFLET, cmyk.replace("cmyk(0,80,95,0)", "cmyka(0,80,95,0,100)")).status())
					.isEqualTo(200);
				assertThat(calls.generate(PRODUCT_CARD, cmyk).status()).isEqualTo(400);
				assertThat(calls.generate(PRODUCT_CARD, row("root", "background_color", "\"#1A47FF80\"")).status())
					.isEqualTo(200);
			}
		}

		@Test
		void answersAnUnknownDesignWith404() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.DOCUMENTED))) {
				Answer answer = new SandboxCalls(sandbox).generate(UNKNOWN_ID, ROW);
				assertThat(answer.status()).isEqualTo(404);
				assertThat(answer.body().propertyNames()).containsExactly("message");
			}
		}

	}

	@Nested
	class GenerateInTodaysStyle {

		@Test
		void acceptsUnknownElementsAndPropertiesSilently() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT))) {
				Answer answer = new SandboxCalls(sandbox).generate(PRODUCT_CARD,
						"{\"elements\": {\"tb-text_9\": {\"payload\": \"x\"}, \"tb-text_0\": {\"colour\": \"nope\"}}}");
				assertThat(answer.status()).isEqualTo(200);
				assertThat(answer.body().get("generation_request_id").asString()).hasSize(36);
				assertThat(answer.body().get("version").asString()).isEqualTo("v2026-08-21");
			}
		}

		@Test
		void rejectsABadColourWithTheEnvelopeAndAFieldPath() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT))) {
				Answer answer = new SandboxCalls(sandbox).generate(PRODUCT_CARD,
						row("root", "background_color", "\"#12345\""));
				assertThat(answer.status()).isEqualTo(400);
				assertThat(answer.body().get("id").asString()).isEqualTo("validation_error");
				assertThat(answer.body().get("version").asString()).isEqualTo("v2026-08-21");
				JsonNode error = answer.body().get("errors").get(0);
				assertThat(error.get("path").asString()).isEqualTo("elements.root.background_color");
				assertThat(error.get("code").asString()).isEqualTo("invalid_format");
				assertThat(error.get("expected").asString()).contains("#RRGGBB");
				assertThat(error.get("received").asString()).isEqualTo("#12345");
			}
		}

		@Test
		void answersAnUnknownFormatNameWith404FormatNotFound() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT))) {
				Answer answer = new SandboxCalls(sandbox).generate(PRODUCT_CARD,
						"{\"template_format_names\": [\"tiktok\"]}");
				assertThat(answer.status()).isEqualTo(404);
				assertThat(answer.body().get("id").asString()).isEqualTo("format_not_found");
			}
		}

		@Test
		void answersAnUnknownDesignWith404TemplateNotFound() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT))) {
				Answer answer = new SandboxCalls(sandbox).generate(UNKNOWN_ID, ROW);
				assertThat(answer.status()).isEqualTo(404);
				assertThat(answer.body().get("id").asString()).isEqualTo("template_not_found");
			}
		}

		@Test
		void refusesADesignTypeOutsideThePlanWith429AndNoRetryAfter() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT).withDesignTypesNotInPlan(Set.of("printer")))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				Answer answer = calls.generate(SHELF_TALKER, "{}");
				assertThat(answer.status()).isEqualTo(429);
				assertThat(answer.body().get("id").asString()).isEqualTo("feature_not_in_plan");
				assertThat(answer.header("Retry-After")).isNull();
				assertThat(calls.generate(PRODUCT_CARD, ROW).status()).isEqualTo(200);
				assertThat(sandbox.counts().generationRequests()).isEqualTo(1);
			}
		}

		@Test
		void runsOutOfCreditsAfterTheConfiguredGenerationsWith429AndNoRetryAfter() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT).withCreditsAfterGenerations(2))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				assertThat(calls.generate(PRODUCT_CARD, ROW).status()).isEqualTo(200);
				assertThat(calls.generate(PRODUCT_CARD, ROW).status()).isEqualTo(200);
				for (int i = 0; i < 2; i++) {
					Answer answer = calls.generate(PRODUCT_CARD, ROW);
					assertThat(answer.status()).isEqualTo(429);
					assertThat(answer.body().get("id").asString()).isEqualTo("rate_limit_exceeded");
					assertThat(answer.body().get("message").asString()).contains("no credits left");
					assertThat(answer.header("Retry-After")).isNull();
				}
				assertThat(sandbox.counts().generationRequests()).isEqualTo(2);
				assertThat(sandbox.counts().calls("POST generate")).isEqualTo(4);
				assertThat(sandbox.counts().rateLimited()).isZero();
			}
		}

		@Test
		void runsOutOfCreditsWithAPlainMessageInTheDocumentedStyle() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.DOCUMENTED).withCreditsAfterGenerations(1))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				calls.generated(PRODUCT_CARD, ROW);
				Answer answer = calls.generate(PRODUCT_CARD, ROW);
				assertThat(answer.status()).isEqualTo(429);
				assertThat(answer.body().propertyNames()).containsExactly("message");
				assertThat(answer.header("Retry-After")).isNull();
			}
		}

	}

	@Nested
	class Polling {

		@Test
		void answers202WhileRunningThen200OnceFinalizedInTodaysStyle() {
			SandboxSettings settings = fast(ApiStyle.CURRENT).withDurations(Duration.ofMillis(300),
					Duration.ofMillis(300));
			try (Sandbox sandbox = Sandbox.start(settings)) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				long submitted = System.nanoTime();
				String id = calls.generated(PRODUCT_CARD, ROW);
				Answer running = calls.get("/generation-request/" + id);
				assertThat(running.status()).isEqualTo(202);
				assertThat(running.body().get("is_finalized").asBoolean()).isFalse();
				assertThat(running.body().get("banners")).isEmpty();
				Answer finalized = calls.awaitFinalized(id, Duration.ofSeconds(5));
				assertThat(Duration.ofNanos(System.nanoTime() - submitted)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
				assertThat(finalized.status()).isEqualTo(200);
				assertThat(finalized.body().get("id").asString()).isEqualTo(id);
				assertThat(finalized.body().get("version").asString()).isEqualTo("v2026-08-21");
			}
		}

		@Test
		void answers200WithIsFinalizedFalseThenTrueInTheDocumentedStyle() {
			SandboxSettings settings = fast(ApiStyle.DOCUMENTED).withDurations(Duration.ofMillis(300),
					Duration.ofMillis(300));
			try (Sandbox sandbox = Sandbox.start(settings)) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				String id = calls.generated(PRODUCT_CARD, ROW);
				Answer running = calls.get("/generation-request/" + id);
				assertThat(running.status()).isEqualTo(200);
				assertThat(running.body().get("is_finalized").asBoolean()).isFalse();
				Answer finalized = calls.awaitFinalized(id, Duration.ofSeconds(5));
				assertThat(finalized.status()).isEqualTo(200);
				assertThat(finalized.body().get("is_finalized").asBoolean()).isTrue();
				assertThat(finalized.body().has("version")).isFalse();
			}
		}

		@Test
		void returnsOneBannerPerFormatInTheDocumentedShape() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.DOCUMENTED))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				String id = calls.generated(PRODUCT_CARD, ROW);
				JsonNode result = calls.awaitFinalized(id, Duration.ofSeconds(5)).body();
				assertThat(result.propertyNames()).containsExactly("is_finalized", "id", "banners", "errors");
				assertThat(result.get("errors")).isEmpty();
				List<String> formats = new ArrayList<>();
				for (JsonNode banner : result.get("banners")) {
					formats.add(banner.get("format").get("id").asString());
					assertThat(banner.get("id").asString()).hasSize(36);
					assertThat(banner.get("format").propertyNames()).containsExactly("id", "width", "height");
					assertThat(banner.get("template").propertyNames()).containsExactly("id", "name", "type",
							"created_at", "updated_at", "category_name");
					assertThat(banner.get("template").get("id").asString()).isEqualTo(PRODUCT_CARD);
					assertThat(banner.get("file").propertyNames()).containsExactly("type", "url", "cdn_url",
							"filename");
					assertThat(banner.has("sharing_id")).isFalse();
				}
				assertThat(formats).containsExactly("facebook-feed", "instagram-post", "medium-rectangle");
				assertThat(result.get("banners").get(2).get("file").get("type").asString()).isEqualTo("jpeg");
				assertThat(result.get("banners").get(2).get("file").get("filename").asString()).endsWith(".jpeg");
			}
		}

		@Test
		void returnsOnlyTheRequestedFormatsAndTodaysVersionAndSharingId() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				String id = calls.generated(PRODUCT_CARD, "{\"template_format_names\": [\"instagram-post\"]}");
				JsonNode banners = calls.awaitFinalized(id, Duration.ofSeconds(5)).body().get("banners");
				assertThat(banners).hasSize(1);
				assertThat(banners.get(0).get("format").get("width").asInt()).isEqualTo(1080);
				assertThat(banners.get(0).get("version").asInt()).isEqualTo(1);
				assertThat(banners.get(0).get("sharing_id").asString()).isNotBlank();
			}
		}

		@Test
		void returnsOneBannerPerPageOfAMultiPageDesign() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				String id = calls.generated(LEAFLET, "{\"elements\": {\"tb-text_1\": {\"payload\": \"€9.99\"}}}");
				JsonNode banners = calls.awaitFinalized(id, Duration.ofSeconds(5)).body().get("banners");
				assertThat(banners).hasSize(2);
				assertThat(banners.get(0).get("format").get("id").asString()).isEqualTo("page_1");
				assertThat(banners.get(0).get("format").get("width").asDouble()).isEqualTo(5.83);
				assertThat(banners.get(0).get("template").get("type").asString()).isEqualTo("printer_multipage");
			}
		}

		@Test
		void answersAnUnknownRequestWith404InBothStyles() {
			try (Sandbox current = Sandbox.start(fast(ApiStyle.CURRENT));
					Sandbox documented = Sandbox.start(fast(ApiStyle.DOCUMENTED))) {
				Answer today = new SandboxCalls(current).get("/generation-request/" + UNKNOWN_ID);
				assertThat(today.status()).isEqualTo(404);
				assertThat(today.body().get("id").asString()).isEqualTo("generation_request_not_found");
				Answer documentedAnswer = new SandboxCalls(documented).get("/generation-request/" + UNKNOWN_ID);
				assertThat(documentedAnswer.status()).isEqualTo(404);
				assertThat(documentedAnswer.body().propertyNames()).containsExactly("message");
			}
		}

		@Test
		void answersAnExpiredRequestWith410GoneToday() {
			SandboxSettings settings = fast(ApiStyle.CURRENT).withExpireAfter(Duration.ofMillis(200));
			try (Sandbox sandbox = Sandbox.start(settings)) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				String id = calls.generated(PRODUCT_CARD, ROW);
				assertThat(calls.get("/generation-request/" + id).status()).isIn(200, 202);
				SandboxCalls.pause(250);
				Answer gone = calls.get("/generation-request/" + id);
				assertThat(gone.status()).isEqualTo(410);
				assertThat(gone.body().get("id").asString()).isEqualTo("generation_request_gone");
			}
		}

		@Test
		void answersAnExpiredRequestWith404InTheDocumentedStyle() {
			SandboxSettings settings = fast(ApiStyle.DOCUMENTED).withExpireAfter(Duration.ofMillis(100));
			try (Sandbox sandbox = Sandbox.start(settings)) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				String id = calls.generated(PRODUCT_CARD, ROW);
				SandboxCalls.pause(150);
				assertThat(calls.get("/generation-request/" + id).status()).isEqualTo(404);
			}
		}

	}

	@Nested
	class FormatFailures {

		@Test
		void failsTheSameFormatsForTheSameSeed() {
			SandboxSettings settings = fast(ApiStyle.CURRENT).withFormatFailureRate(0.5).withSeed(7);
			List<String> first = failedFormats(settings, 6);
			List<String> second = failedFormats(settings, 6);
			assertThat(first).isEqualTo(second);
			assertThat(first).hasSize(6).anyMatch((formats) -> !formats.isEmpty());
			assertThat(failedFormats(settings.withSeed(8), 6)).isNotEqualTo(first);
		}

		@Test
		void listsEveryFailedFormatInErrorsAndTheOthersInBanners() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.DOCUMENTED).withFormatFailureRate(0.5).withSeed(7))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				for (int i = 0; i < 4; i++) {
					JsonNode result = calls.awaitFinalized(calls.generated(PRODUCT_CARD, ROW), Duration.ofSeconds(5))
						.body();
					List<String> produced = new ArrayList<>();
					result.get("banners").forEach((banner) -> produced.add(banner.get("format").get("id").asString()));
					List<String> failed = texts(result.get("errors"), "template_format_name");
					assertThat(produced).noneMatch(failed::contains);
					assertThat(produced.size() + failed.size()).isEqualTo(3);
					result.get("errors")
						.forEach((error) -> assertThat(error.get("reason").asString()).contains("injected"));
				}
			}
		}

		/**
		 * The failed formats of each request, one entry per request ("" when none failed).
		 */
		private List<String> failedFormats(SandboxSettings settings, int requests) {
			List<String> failed = new ArrayList<>();
			try (Sandbox sandbox = Sandbox.start(settings)) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				List<String> ids = new ArrayList<>();
				for (int i = 0; i < requests; i++) {
					ids.add(calls.generated(PRODUCT_CARD, ROW));
				}
				for (String id : ids) {
					JsonNode errors = calls.awaitFinalized(id, Duration.ofSeconds(5)).body().get("errors");
					failed.add(String.join(",", texts(errors, "template_format_name")));
				}
			}
			return failed;
		}

	}

	@Nested
	class RateLimiting {

		@Test
		void answersCallsAboveTheLimitWith429AndRetryAfterInTheDocumentedStyle() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.DOCUMENTED).withRateLimitPerSecond(5))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				List<Answer> limited = new ArrayList<>();
				for (int i = 0; i < 12; i++) {
					Answer answer = calls.get("/templates/" + PRODUCT_CARD);
					if (answer.status() == 429) {
						limited.add(answer);
					}
				}
				assertThat(limited).hasSizeGreaterThanOrEqualTo(3);
				assertThat(limited.get(0).body().get("message").asString()).isEqualTo("Too Many Requests");
				assertThat(limited.get(0).header("Retry-After")).isEqualTo("1");
				assertThat(sandbox.counts().rateLimited()).isEqualTo(limited.size());
				assertThat(sandbox.counts().calls("GET /templates")).isEqualTo(12);
			}
		}

		@Test
		void answersAGeneratePostAboveTheCeilingWithTheBareRateLimitExceededToday() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT).withRateLimitPerSecond(2))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				Answer limited = null;
				for (int i = 0; i < 6 && limited == null; i++) {
					Answer answer = calls.generate(PRODUCT_CARD, ROW);
					limited = (answer.status() == 429) ? answer : null;
				}
				assertThat(limited).isNotNull();
				assertThat(limited.body().get("id").asString()).isEqualTo("rate_limit_exceeded");
				assertThat(limited.body().get("message").asString()).isEqualTo("Rate limit exceeded");
				assertThat(limited.header("Retry-After")).isNull();
			}
		}

		@Test
		void answersAReadOrPollAboveTheBudgetWithRequestRateLimitedAndRetryAfterToday() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT).withRateLimitPerSecond(3))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				Answer first = calls.get("/designs/" + PRODUCT_CARD);
				assertThat(first.header("X-RateLimit-Limit")).isEqualTo("3");
				assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("2");
				long reset = Long.parseLong(first.header("X-RateLimit-Reset"));
				assertThat(reset).isBetween(System.currentTimeMillis() / 1000, System.currentTimeMillis() / 1000 + 2);
				Answer limited = null;
				for (int i = 0; i < 6 && limited == null; i++) {
					Answer answer = calls.get("/designs/" + PRODUCT_CARD);
					limited = (answer.status() == 429) ? answer : null;
				}
				assertThat(limited).isNotNull();
				assertThat(limited.body().get("id").asString()).isEqualTo("request_rate_limited");
				assertThat(Integer.parseInt(limited.header("Retry-After"))).isGreaterThanOrEqualTo(1);
				assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
			}
		}

		@Test
		void letsCallsThroughAgainOnceTheWindowHasPassed() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT).withRateLimitPerSecond(10))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				boolean limited = false;
				for (int i = 0; i < 100 && !limited; i++) {
					limited = calls.get("/designs/" + PRODUCT_CARD).status() == 429;
				}
				assertThat(limited).isTrue();
				SandboxCalls.pause(250);
				assertThat(calls.get("/designs/" + PRODUCT_CARD).status()).isEqualTo(200);
			}
		}

		@Test
		void neverLimitsFilesImagesReadinessOrCounts() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT).withRateLimitPerSecond(1))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				for (int i = 0; i < 5; i++) {
					assertThat(calls.getWithKey("/ready", null).status()).isEqualTo(200);
					assertThat(calls.getWithKey("/_sandbox/counts", null).status()).isEqualTo(200);
				}
				assertThat(sandbox.counts().rateLimited()).isZero();
			}
		}

	}

	@Nested
	class InjectedFaults {

		@Test
		void answers500InEachStylesShapeWhenEveryCallFails() {
			try (Sandbox current = Sandbox.start(fast(ApiStyle.CURRENT).withServerErrorRate(1));
					Sandbox documented = Sandbox.start(fast(ApiStyle.DOCUMENTED).withServerErrorRate(1))) {
				Answer today = new SandboxCalls(current).generate(PRODUCT_CARD, ROW);
				assertThat(today.status()).isEqualTo(500);
				assertThat(today.body().get("id").asString()).isEqualTo("internal_server_error");
				Answer documentedAnswer = new SandboxCalls(documented).get("/templates/" + PRODUCT_CARD);
				assertThat(documentedAnswer.status()).isEqualTo(500);
				assertThat(documentedAnswer.body().propertyNames()).containsExactly("message");
				assertThat(current.counts().generationRequests()).isZero();
			}
		}

		@Test
		void failsAboutTheConfiguredFractionOfCalls() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT).withServerErrorRate(0.3))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				int failed = 0;
				for (int i = 0; i < 100; i++) {
					failed += (calls.get("/designs/" + PRODUCT_CARD).status() == 500) ? 1 : 0;
				}
				assertThat(failed).isBetween(15, 45);
			}
		}

		@Test
		void delaysSlowCallsByTheConfiguredDelay() {
			SandboxSettings settings = fast(ApiStyle.CURRENT).withSlowCalls(1, Duration.ofMillis(200));
			try (Sandbox sandbox = Sandbox.start(settings)) {
				long started = System.nanoTime();
				assertThat(new SandboxCalls(sandbox).get("/designs/" + PRODUCT_CARD).status()).isEqualTo(200);
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
			}
		}

	}

	@Nested
	class Exports {

		@Test
		void rejectsAnIdThatIsNot36CharactersWithTheDocumentedNestedBody() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.DOCUMENTED))) {
				Answer answer = new SandboxCalls(sandbox).post("/async/banners/export", "{\"ids\": [\"abc\"]}");
				assertThat(answer.status()).isEqualTo(400);
				assertThat(answer.body().get("message").asString())
					.isEqualTo("body_validation_errors: {'media': {'ids': {0: ['Length must be 36.']}}}");
				assertThat(answer.body().get("errors").toString())
					.isEqualTo("{\"media\":{\"ids\":{\"0\":[\"Length must be 36.\"]}}}");
			}
		}

		@Test
		void rejectsAnIdThatIsNot36CharactersWithTodaysEnvelope() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT))) {
				Answer answer = new SandboxCalls(sandbox).post("/async/banners/export", "{\"ids\": [\"abc\"]}");
				assertThat(answer.status()).isEqualTo(400);
				assertThat(answer.body().get("id").asString()).isEqualTo("validation_error");
				assertThat(answer.body().get("errors").get(0).get("path").asString()).isEqualTo("ids.0");
			}
		}

		@Test
		void answersAnyUnknownBannerWith404InTheDocumentedStyle() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.DOCUMENTED))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				String banner = firstBannerId(calls);
				Answer answer = calls.post("/async/banners/export",
						"{\"ids\": [\"%s\", \"%s\"]}".formatted(banner, UNKNOWN_ID));
				assertThat(answer.status()).isEqualTo(404);
				assertThat(answer.body().propertyNames()).containsExactly("message");
			}
		}

		@Test
		void exportsTheFoundBannersTodayAndAnswers404OnlyWhenNoneExists() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				Answer none = calls.post("/async/banners/export", "{\"ids\": [\"%s\"]}".formatted(UNKNOWN_ID));
				assertThat(none.status()).isEqualTo(404);
				assertThat(none.body().get("id").asString()).isEqualTo("visual_not_found");
				String banner = firstBannerId(calls);
				Answer some = calls.post("/async/banners/export",
						"{\"ids\": [\"%s\", \"%s\"]}".formatted(banner, UNKNOWN_ID));
				assertThat(some.status()).isEqualTo(200);
				assertThat(some.body().get("export_id").asString()).hasSize(36);
				assertThat(sandbox.counts().exports()).isEqualTo(1);
				assertThat(sandbox.counts().calls("POST export")).isEqualTo(2);
			}
		}

		@Test
		void knowsNoBannerBeforeItsRequestHasFinalized() {
			SandboxSettings settings = fast(ApiStyle.CURRENT).withDurations(Duration.ofSeconds(5),
					Duration.ofSeconds(5));
			try (Sandbox sandbox = Sandbox.start(settings)) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				calls.generated(PRODUCT_CARD, ROW);
				Answer answer = calls.post("/async/banners/export", "{\"ids\": [\"%s\"]}".formatted(UNKNOWN_ID));
				assertThat(answer.status()).isEqualTo(404);
			}
		}

		private String firstBannerId(SandboxCalls calls) {
			String id = calls.generated(PRODUCT_CARD, ROW);
			return calls.awaitFinalized(id, Duration.ofSeconds(5)).body().get("banners").get(0).get("id").asString();
		}

	}

	@Nested
	class Callbacks {

		@Test
		void postsNewBannerBatchToTheCallbackUrlWhenTheRequestFinalizes() throws Exception {
			try (CallbackReceiver receiver = new CallbackReceiver();
					Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT).withFormatFailureRate(0.4).withSeed(3))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				String body = ROW.strip().replaceFirst("}$", ", \"callback_url\": \"" + receiver.url() + "\"}");
				String id = calls.generated(PRODUCT_CARD, body);
				CallbackReceiver.Delivery delivery = receiver.next(Duration.ofSeconds(5));
				assertThat(delivery.method()).isEqualTo("POST");
				assertThat(delivery.contentType()).isEqualTo("application/json");
				assertThat(delivery.deliveryId()).matches("[0-9a-f]{64}");
				JsonNode payload = delivery.body();
				assertThat(payload.propertyNames()).containsExactly("generation_request_id", "banners", "errors");
				assertThat(payload.get("generation_request_id").asString()).isEqualTo(id);
				JsonNode polled = calls.get("/generation-request/" + id).body();
				assertThat(payload.get("banners")).isEqualTo(polled.get("banners"));
				assertThat(payload.get("errors")).isEqualTo(polled.get("errors"));
				assertThat(payload.get("banners").size() + payload.get("errors").size()).isEqualTo(3);
			}
		}

		@Test
		void postsNewExportWithAnArchiveUrlThatServesTheZip() throws Exception {
			try (CallbackReceiver receiver = new CallbackReceiver();
					Sandbox sandbox = Sandbox.start(fast(ApiStyle.DOCUMENTED))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				String id = calls.generated(PRODUCT_CARD, ROW);
				JsonNode banners = calls.awaitFinalized(id, Duration.ofSeconds(5)).body().get("banners");
				long before = System.currentTimeMillis() / 1000;
				Answer export = calls.post("/async/banners/export", "{\"ids\": [\"%s\", \"%s\"], \"callback_url\": \"%s\"}"
					.formatted(banners.get(0).get("id").asString(), banners.get(1).get("id").asString(), receiver.url()));
				assertThat(export.status()).isEqualTo(200);
				String exportId = export.body().get("export_id").asString();
				CallbackReceiver.Delivery delivery = receiver.next(Duration.ofSeconds(5));
				assertThat(delivery.deliveryId()).matches("[0-9a-f]{64}");
				JsonNode event = delivery.body();
				assertThat(event.propertyNames()).containsExactly("export_id", "archive_url", "requested_at",
						"generated_at");
				assertThat(event.get("export_id").asString()).isEqualTo(exportId);
				assertThat(event.get("archive_url").asString()).endsWith(".zip");
				assertThat(event.get("requested_at").asLong()).isGreaterThanOrEqualTo(before);
				assertThat(event.get("generated_at").asLong()).isGreaterThanOrEqualTo(event.get("requested_at").asLong());
				assertThat(BannerImageTests.zipEntries(calls.download(event.get("archive_url").asString())))
					.hasSize(2);
				JsonNode convenience = calls.getWithKey("/_sandbox/exports/" + exportId, null).body();
				assertThat(convenience.get("archive_url").asString()).isEqualTo(event.get("archive_url").asString());
			}
		}

	}

	@Nested
	class Counts {

		@Test
		void countsCallsByEndpointGenerationsAndRowsSubmittedTwice() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				calls.get("/designs/" + PRODUCT_CARD);
				String first = calls.generated(PRODUCT_CARD, ROW);
				calls.generated(PRODUCT_CARD, ROW);
				calls.generated(PRODUCT_CARD, ROW.replace("Trail Running Shoe", "Merino Wool Beanie"));
				calls.awaitFinalized(first, Duration.ofSeconds(5));
				calls.generate(PRODUCT_CARD, row("root", "background_color", "\"red\""));
				calls.getWithKey("/designs/" + PRODUCT_CARD, null);

				SandboxCounts counts = sandbox.counts();
				assertThat(counts.calls("GET /designs")).isEqualTo(2);
				assertThat(counts.calls("POST generate")).isEqualTo(4);
				assertThat(counts.calls("GET generation-request")).isPositive();
				assertThat(counts.generationRequests()).isEqualTo(3);
				assertThat(counts.submissionsByRequest()).hasSize(2);
				assertThat(counts.duplicateSubmissions()).hasSize(1);
				String duplicate = counts.duplicateSubmissions().keySet().iterator().next();
				assertThat(duplicate).matches("Trail Running Shoe #[0-9a-f]{8}");
				assertThat(counts.duplicateSubmissions().get(duplicate)).isEqualTo(2);
				assertThat(sandbox.describeCounts()).contains("POST generate", "generation requests: 3",
						"1 submitted more than once", "2 x Trail Running Shoe #");
			}
		}

		@Test
		void labelsTheSameRowWithKeysInAnotherOrderAsTheSameRequest() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				calls.generated(PRODUCT_CARD, "{\"elements\": {\"tb-text_0\": {\"payload\": \"A\", \"color\": \"#FFFFFF\"}}}");
				calls.generated(PRODUCT_CARD, "{\"elements\": {\"tb-text_0\": {\"color\": \"#FFFFFF\", \"payload\": \"A\"}}}");
				assertThat(sandbox.counts().submissionsByRequest()).hasSize(1);
			}
		}

		@Test
		void servesTheCountsAsJsonForAClientInAnotherProcess() {
			try (Sandbox sandbox = Sandbox.start(fast(ApiStyle.CURRENT))) {
				SandboxCalls calls = new SandboxCalls(sandbox);
				calls.generated(PRODUCT_CARD, ROW);
				JsonNode json = calls.getWithKey("/_sandbox/counts", null).body();
				assertThat(json.propertyNames()).containsExactly("callsByEndpoint", "rateLimited",
						"generationRequests", "submissionsByRequest", "exports");
				SandboxCounts read = SandboxCalls.JSON.treeToValue(json, SandboxCounts.class);
				assertThat(read).isEqualTo(sandbox.counts());
				assertThat(read.calls("POST generate")).isEqualTo(1);
			}
		}

	}

}
