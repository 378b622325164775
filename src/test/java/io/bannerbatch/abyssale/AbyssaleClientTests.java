package io.bannerbatch.abyssale;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.bannerbatch.abyssale.AbyssaleClient.Submission;
import io.bannerbatch.abyssale.AbyssaleException.ApiUnavailableException;
import io.bannerbatch.abyssale.AbyssaleException.GoneException;
import io.bannerbatch.abyssale.AbyssaleException.InvalidRequestException;
import io.bannerbatch.abyssale.AbyssaleException.NotFoundException;
import io.bannerbatch.abyssale.AbyssaleException.UnauthorizedException;
import io.bannerbatch.abyssale.AbyssaleException.UncertainSubmissionException;
import io.bannerbatch.abyssale.Design.Element;
import io.bannerbatch.abyssale.Design.Format;
import io.bannerbatch.abyssale.GenerationRequest.Banner;
import io.bannerbatch.abyssale.GenerationRequest.BannerFile;
import io.bannerbatch.abyssale.GenerationRequest.BannerFormat;
import io.bannerbatch.abyssale.GenerationRequest.FormatError;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.bannerbatch.abyssale.Fixtures.fixture;
import static io.bannerbatch.abyssale.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The client against WireMock serving the API's own examples over HTTP with their real statuses: the documented API,
 * today's API, and the ways either can fail. Rate limiting has its own {@link RateLimiterTests}.
 */
class AbyssaleClientTests {

	static final String DESIGN = "5d5f6f6a-1b2c-4d3e-8f90-0123456789ab";

	static final String REQUEST = "0b1d3c2e-6f0a-4b52-9c1e-111111111111";

	static final String GENERATE = "/async/banner-builder/" + DESIGN + "/generate";

	static final GenerateRequest ROW = new GenerateRequest(
			Map.of("tb-text_0", Map.of("payload", "New branding available."), "root", Map.of("background_color", "#FF0000")),
			List.of("facebook-feed", "instagram-post"), null);

	@RegisterExtension
	static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	ClientUnderTest setup = ClientUnderTest.against(api.baseUrl());

	AbyssaleClient client() {
		return this.setup.client();
	}

	ApiCallCounts.Snapshot counts() {
		return this.setup.counts();
	}

	static String poll(String requestId) {
		return "/generation-request/" + requestId;
	}

	static Element element(String name, String type, String... properties) {
		return new Element(name, type, new LinkedHashSet<>(List.of(properties)));
	}

	static Map<String, Element> elements(Element... elements) {
		Map<String, Element> byName = new LinkedHashMap<>();
		for (Element element : elements) {
			byName.put(element.name(), element);
		}
		return byName;
	}

	@Nested
	class WhenReadingTheDocumentedExamples {

		@Test
		void readsTemplateDetailsKeyedByTemplateId() {
			api.stubFor(get(urlPathEqualTo("/designs/" + DESIGN)).willReturn(fixture(404, "error-404-not-found.json")));
			api.stubFor(get(urlPathEqualTo("/templates/" + DESIGN)).willReturn(fixture(200, "template-details-static.json")));

			Design design = client().design(DESIGN);

			assertThat(design).isEqualTo(new Design(DESIGN, "Product card", "static", 1710000000L,
					List.of(new Format("facebook-feed", 1200, 628, "px"), new Format("instagram-post", 1080, 1080, "px"),
							new Format("medium-rectangle", 300, 250, "px")),
					elements(element("root", "container", "background_color"),
							element("tb-text_0", "text", "payload", "color"),
							element("tb-image_0", "image", "image_url"))));
			assertThat(design.elements().keySet()).containsExactly("root", "tb-text_0", "tb-image_0");
			assertThat(design.isPrint()).isFalse();
		}

		@Test
		void readsTheApiReferenceVariantKeyedById() {
			String id = "7dc0229b-cc0e-4fe5-971d-325164480887";
			api.stubFor(get(urlPathEqualTo("/designs/" + id)).willReturn(fixture(200, "template-details-api-reference.json")));

			Design design = client().design(id);

			assertThat(design).isEqualTo(new Design(id, "Abyssale demo - FB Feed", "static", 1681217794L,
					List.of(new Format("medium-rectangle", 300, 250, "px"), new Format("wide-skyscraper", 160, 600, "px")),
					elements(element("root", "container", "background_color"),
							element("tb-text_0", "text", "payload", "color"))));
		}

		@Test
		void readsMultiPagePrintDesignsWithPagesAndElementsPerPage() {
			String id = "d4b710f3-7560-45ee-98c7-d38ee0747f0b";
			api.stubFor(get(urlPathEqualTo("/designs/" + id)).willReturn(fixture(200, "design-details-multipage-print.json")));

			Design design = client().design(id);

			assertThat(design).isEqualTo(new Design(id, "Spring catalogue", "printer_multipage", 1712000000L,
					List.of(new Format("page_1", 5.83, 8.27, "in"), new Format("page_2", 5.83, 8.27, "in")),
					elements(element("root", "container", "background_color"),
							element("tb-title", "text", "payload", "color"), element("tb-image_0", "image", "image_url"),
							element("tb-price", "text", "payload"))));
			assertThat(design.isPrint()).isTrue();
		}

		@Test
		void sendsTheGenerateBodyAndReadsTheGenerationRequestId() {
			api.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(fixture(200, "generate-accepted.json")));

			Submission submission = client().generate(DESIGN, ROW);

			assertThat(submission).isEqualTo(new Submission(REQUEST, 0));
			api.verify(1, postRequestedFor(urlPathEqualTo(GENERATE))
				.withHeader("Content-Type", equalTo("application/json"))
				.withRequestBody(equalToJson("{\"elements\": {\"tb-text_0\": {\"payload\": \"New branding available.\"},"
						+ " \"root\": {\"background_color\": \"#FF0000\"}},"
						+ " \"template_format_names\": [\"facebook-feed\", \"instagram-post\"]}")));
			assertThat(counts().generateCalls()).isEqualTo(1);
		}

		@Test
		void readsAFinalizedRequestWithItsBannersAndItsFailedFormats() {
			String id = "0b1d3c2e-6f0a-4b52-9c1e-222222222222";
			api.stubFor(get(urlPathEqualTo(poll(id)))
				.willReturn(fixture(200, "generation-request-finalized-one-format-failed.json")));

			GenerationRequest request = client().generationRequest(id);

			assertThat(request).isEqualTo(new GenerationRequest(true, id,
					List.of(new Banner("b0000000-0000-4000-8000-000000000001", new BannerFormat("facebook-feed", 1200.0, 628.0),
							new BannerFile("jpeg", "https://production-banners.s3.amazonaws.com/b2/facebook-feed.jpeg",
									"https://cdn.abyssale.com/b2/facebook-feed.jpeg", "facebook-feed.jpeg"))),
					List.of(new FormatError("instagram-post", "Image could not be downloaded"))));
		}

		@Test
		void readsAFinalizedRequestWhereEveryFormatSucceeded() {
			api.stubFor(get(urlPathEqualTo(poll(REQUEST))).willReturn(fixture(200, "generation-request-finalized.json")));

			GenerationRequest request = client().generationRequest(REQUEST);

			assertThat(request.finalized()).isTrue();
			assertThat(request.banners()).extracting(Banner::id)
				.containsExactly("a0000000-0000-4000-8000-000000000001", "a0000000-0000-4000-8000-000000000002");
			assertThat(request.banners().get(1).file()).isEqualTo(new BannerFile("png",
					"https://production-banners.s3.amazonaws.com/a1/instagram-post.png",
					"https://cdn.abyssale.com/a1/instagram-post.png", "instagram-post.png"));
			assertThat(request.errors()).isEmpty();
		}

		@Test
		void readsARequestThatIsNotFinalizedYet() {
			api.stubFor(get(urlPathEqualTo(poll(REQUEST))).willReturn(fixture(200, "generation-request-running.json")));

			assertThat(client().generationRequest(REQUEST)).isEqualTo(new GenerationRequest(false, REQUEST, List.of(), List.of()));
		}

		@Test
		void sendsTheExportBodyAndReadsTheExportId() {
			api.stubFor(post(urlPathEqualTo("/async/banners/export")).willReturn(fixture(200, "export-accepted.json")));

			String exportId = client().export(List.of("a0000000-0000-4000-8000-000000000001"), "https://hooks.example/export");

			assertThat(exportId).isEqualTo("e1a2b3c4-0000-4000-8000-00000000e001");
			api.verify(1, postRequestedFor(urlPathEqualTo("/async/banners/export")).withRequestBody(equalToJson(
					"{\"ids\": [\"a0000000-0000-4000-8000-000000000001\"], \"callback_url\": \"https://hooks.example/export\"}")));
		}

	}

	@Nested
	class WhenTalkingToTodaysApi {

		static final String PRINT_DESIGN = "95417016-02b8-4c03-9bf7-993cf659b995";

		@Test
		void readsDesignsFromTodaysRouteWithTheAdvancedPropertiesAndStaysOnIt() {
			api.stubFor(get(urlPathEqualTo("/designs/" + PRINT_DESIGN)).willReturn(fixture(200, "design-details-print-today.json")));

			client().design(PRINT_DESIGN);
			client().design(PRINT_DESIGN);

			api.verify(2, getRequestedFor(urlPathEqualTo("/designs/" + PRINT_DESIGN)).withQueryParam("i", equalTo("advanced")));
			api.verify(0, getRequestedFor(urlPathEqualTo("/templates/" + PRINT_DESIGN)));
		}

		@Test
		void fallsBackToTemplatesWhenTheDesignsRouteDoesNotExistAndRemembersTheRouteThatWorked() {
			String other = "7dc0229b-cc0e-4fe5-971d-325164480887";
			api.stubFor(get(urlPathEqualTo("/designs/" + DESIGN)).willReturn(fixture(404, "error-404-endpoint-not-found.json")));
			api.stubFor(get(urlPathEqualTo("/templates/" + DESIGN)).willReturn(fixture(200, "template-details-static.json")));
			api.stubFor(get(urlPathEqualTo("/templates/" + other)).willReturn(fixture(200, "template-details-api-reference.json")));

			assertThat(client().design(DESIGN).id()).isEqualTo(DESIGN);
			assertThat(client().design(other).id()).isEqualTo(other);

			api.verify(1, getRequestedFor(urlPathEqualTo("/designs/" + DESIGN)));
			api.verify(0, getRequestedFor(urlPathEqualTo("/designs/" + other)));
			api.verify(1, getRequestedFor(urlPathEqualTo("/templates/" + other)).withQueryParam("i", equalTo("advanced")));
		}

		@Test
		void fallsBackWhenTheDesignsRouteAnswersA404WithoutAnErrorId() {
			api.stubFor(get(urlPathEqualTo("/designs/" + DESIGN)).willReturn(fixture(404, "error-404-not-found.json")));
			api.stubFor(get(urlPathEqualTo("/templates/" + DESIGN)).willReturn(fixture(200, "template-details-static.json")));

			assertThat(client().design(DESIGN).formatNames()).containsExactly("facebook-feed", "instagram-post", "medium-rectangle");
		}

		@Test
		void fallsBackWhenTheDesignsRouteAnswersWithSomethingThatIsNotADesign() {
			api.stubFor(get(urlPathEqualTo("/designs/" + DESIGN)).willReturn(json(200, "{\"status\": \"ok\"}")));
			api.stubFor(get(urlPathEqualTo("/templates/" + DESIGN)).willReturn(fixture(200, "template-details-static.json")));

			assertThat(client().design(DESIGN).id()).isEqualTo(DESIGN);
			client().design(DESIGN);

			api.verify(1, getRequestedFor(urlPathEqualTo("/designs/" + DESIGN)));
			api.verify(2, getRequestedFor(urlPathEqualTo("/templates/" + DESIGN)));
		}

		@Test
		void reportsAnAnswerThatIsNoDesignOnEitherRouteAsUnavailable() {
			api.stubFor(get(urlPathEqualTo("/designs/" + DESIGN)).willReturn(fixture(404, "error-404-endpoint-not-found.json")));
			api.stubFor(get(urlPathEqualTo("/templates/" + DESIGN)).willReturn(json(200, "{}")));

			assertThat(catchUnavailable(() -> client().design(DESIGN)).getMessage()).contains("not a design");
		}

		@Test
		void reportsAMissingDesignWithoutTryingTheOtherRoute() {
			api.stubFor(get(urlPathEqualTo("/designs/" + DESIGN)).willReturn(fixture(404, "error-404-template-not-found.json")));

			NotFoundException missing = catchNotFound(() -> client().design(DESIGN));

			assertThat(missing.error().id()).isEqualTo("template_not_found");
			assertThat(missing.apiMessage()).isEqualTo("Design not found [template_not_found]");
			api.verify(0, getRequestedFor(urlPathEqualTo("/templates/" + DESIGN)));
		}

		@Test
		void reportsADesignMissingFromTheOlderRouteAfterFallingBack() {
			api.stubFor(get(urlPathEqualTo("/designs/" + DESIGN)).willReturn(fixture(404, "error-404-not-found.json")));
			api.stubFor(get(urlPathEqualTo("/templates/" + DESIGN)).willReturn(fixture(404, "error-404-not-found.json")));

			assertThat(catchNotFound(() -> client().design(DESIGN)).apiMessage()).isEqualTo("Not Found");
		}

		@Test
		void readsPrintFormatsInMillimetresAndInchesWithFractionalSizesAndIgnoresUnknownFields() {
			api.stubFor(get(urlPathEqualTo("/designs/" + PRINT_DESIGN)).willReturn(fixture(200, "design-details-print-today.json")));

			Design design = client().design(PRINT_DESIGN);

			assertThat(design.id()).isEqualTo(PRINT_DESIGN);
			assertThat(design.formats()).containsExactly(new Format("a4-poster", 210, 297, "mm"),
					new Format("us-letter-flyer", 8.5, 10.75, "in"));
			assertThat(design.isPrint()).isTrue();
			assertThat(design.elements().keySet()).containsExactly("root", "tb-headline", "grp-price", "qr-tracking");
			assertThat(design.element("tb-headline").orElseThrow().properties()).containsExactly("payload", "font_size");
			assertThat(design.element("tb-headline").orElseThrow().isReadOnly()).isFalse();
			assertThat(design.element("grp-price").orElseThrow().isReadOnly()).isTrue();
			assertThat(design.element("qr-tracking").orElseThrow().isReadOnly()).isTrue();
		}

		@Test
		void readsARunningRequestAnswered202AndTheFinalizedOneAnswered200() {
			String id = "0b1d3c2e-6f0a-4b52-9c1e-333333333333";
			api.stubFor(get(urlPathEqualTo(poll(id))).inScenario("polling")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(fixture(202, "generation-request-running-today.json"))
				.willSetStateTo("finalized"));
			api.stubFor(get(urlPathEqualTo(poll(id))).inScenario("polling")
				.whenScenarioStateIs("finalized")
				.willReturn(fixture(200, "generation-request-finalized-today.json")));

			GenerationRequest running = client().generationRequest(id);
			GenerationRequest finalized = client().generationRequest(id);

			assertThat(running).isEqualTo(new GenerationRequest(false, id, List.of(), List.of()));
			assertThat(finalized).isEqualTo(new GenerationRequest(true, id,
					List.of(new Banner("c0000000-0000-4000-8000-000000000001", new BannerFormat("a4-poster", 210.0, 297.0),
							new BannerFile("pdf", "https://production-banners.s3.amazonaws.com/c1/a4-poster.pdf",
									"https://cdn.abyssale.com/c1/a4-poster.pdf", "a4-poster.pdf"))),
					List.of(new FormatError("us-letter-flyer", "Font could not be loaded"))));
			assertThat(counts().calls()).as("a 202 is an answer, not a failure to retry")
				.isEqualTo(2);
		}

		@Test
		void ignoresUnknownFieldsInTheGenerateAndExportAnswers() {
			api.stubFor(post(urlPathEqualTo(GENERATE))
				.willReturn(json(200, "{\"generation_request_id\": \"" + REQUEST + "\", \"version\": \"v2026-08-21\", \"credits\": {\"left\": 12}}")));
			api.stubFor(post(urlPathEqualTo("/async/banners/export"))
				.willReturn(json(200, "{\"export_id\": \"e1\", \"version\": \"v2026-08-21\", \"ids_found\": 1}")));

			assertThat(client().generate(DESIGN, ROW).generationRequestId()).isEqualTo(REQUEST);
			assertThat(client().export(List.of("a0000000-0000-4000-8000-000000000001"), null)).isEqualTo("e1");
		}

	}

	@Nested
	class WhenTheApiRejectsARequest {

		@Test
		void reportsTheDocumentedValidationBodyWithItsFieldPaths() {
			api.stubFor(post(urlPathEqualTo("/async/banners/export")).willReturn(fixture(400, "error-400-body-validation.json")));

			InvalidRequestException invalid = catchInvalid(() -> client().export(List.of("too-short"), null));

			assertThat(invalid.status()).isEqualTo(400);
			assertThat(invalid.error().id()).isNull();
			assertThat(invalid.apiMessage()).startsWith("body_validation_errors").contains("media.ids.0: Length must be 36.");
			api.verify(1, postRequestedFor(urlPathEqualTo("/async/banners/export")));
		}

		@Test
		void reportsTodaysValidationEnvelopeWithItsIdAndFieldPaths() {
			api.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(fixture(400, "error-400-validation-envelope.json")));

			InvalidRequestException invalid = catchInvalid(() -> client().generate(DESIGN, ROW));

			assertThat(invalid.error().id()).isEqualTo("invalid_payload");
			assertThat(invalid.apiMessage()).contains("The request body is invalid", "[invalid_payload]",
					"elements.root.background_color: Not a valid colour", "template_format_names.1: Must be at most 64 characters");
			assertThat(invalid.getMessage()).startsWith("generate").contains("400", "The request body is invalid");
			api.verify(1, postRequestedFor(urlPathEqualTo(GENERATE)));
		}

		@ParameterizedTest(name = "{0}")
		@CsvSource({ "error-401-unauthorized.json, unauthorized", "error-401-api-access-denied.json, api_access_denied" })
		void stopsOnAKeyTheApiRefuses(String body, String id) {
			api.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(fixture(401, body)));

			Throwable refused = catchThrowable(() -> client().generate(DESIGN, ROW));

			assertThat(refused).isInstanceOf(UnauthorizedException.class);
			assertThat(((UnauthorizedException) refused).error().id()).isEqualTo(id);
			assertThat(((UnauthorizedException) refused).status()).isEqualTo(401);
			api.verify(1, postRequestedFor(urlPathEqualTo(GENERATE)));
		}

		@Test
		void reportsAnUnknownGenerationRequestAsNotFound() {
			api.stubFor(get(urlPathEqualTo(poll(REQUEST))).willReturn(fixture(404, "error-404-generation-request-not-found.json")));

			assertThat(catchNotFound(() -> client().generationRequest(REQUEST)).apiMessage())
				.isEqualTo("Generation request not found [generation_request_not_found]");
		}

		@Test
		void rejectsTheRowWhenAFormatDoesNotExist() {
			api.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(fixture(404, "error-404-format-not-found.json")));

			InvalidRequestException invalid = catchInvalid(() -> client().generate(DESIGN, ROW));

			assertThat(invalid.status()).isEqualTo(404);
			assertThat(invalid.apiMessage()).contains("instagram-storey", "[format_not_found]");
		}

		@Test
		void reportsARequestOlderThanSevenDaysAsGoneWithoutRetrying() {
			api.stubFor(get(urlPathEqualTo(poll(REQUEST))).willReturn(fixture(410, "error-410-generation-request-gone.json")));

			assertThatExceptionOfType(GoneException.class).isThrownBy(() -> client().generationRequest(REQUEST))
				.satisfies((gone) -> assertThat(gone.error().id()).isEqualTo("generation_request_gone"));
			api.verify(1, getRequestedFor(urlPathEqualTo(poll(REQUEST))));
		}

		@ParameterizedTest(name = "HTTP {0} → {1}")
		@CsvSource({ "400, InvalidRequestException", "404, NotFoundException", "409, InvalidRequestException",
				"410, GoneException", "401, UnauthorizedException", "503, ApiUnavailableException" })
		void treatsAnUnknownErrorIdAsAGenericErrorOfItsStatus(int status, String expected) {
			api.stubFor(get(urlPathEqualTo(poll(REQUEST)))
				.willReturn(json(status, "{\"id\": \"brand_new_code\", \"message\": \"Something new\", \"version\": \"v2099-01-01\"}")));

			Throwable failure = catchThrowable(() -> client().generationRequest(REQUEST));

			assertThat(failure.getClass().getSimpleName()).isEqualTo(expected);
			assertThat(((AbyssaleException) failure).status()).isEqualTo(status);
			assertThat(((AbyssaleException) failure).apiMessage()).isEqualTo("Something new [brand_new_code]");
		}

		@Test
		void showsTheStatusWhenTheErrorBodyIsAnHtmlPage() {
			api.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "text/html")
				.withBody("<html><head><title>400 Bad Request</title></head><body><center><h1>400 Bad Request</h1></center></body></html>")));

			InvalidRequestException invalid = catchInvalid(() -> client().generate(DESIGN, ROW));

			assertThat(invalid.apiMessage()).isEqualTo("HTTP 400");
		}

		@Test
		void showsAPlainTextErrorBodyAsTheMessage() {
			api.stubFor(get(urlPathEqualTo(poll(REQUEST))).willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "text/plain")
				.withBody("Unauthorized\n")));

			Throwable refused = catchThrowable(() -> client().generationRequest(REQUEST));

			assertThat(refused).isInstanceOf(UnauthorizedException.class);
			assertThat(((UnauthorizedException) refused).apiMessage()).isEqualTo("Unauthorized");
		}

	}

	@Nested
	class WhenTheApiFails {

		@Test
		void succeedsAfterOneRetryOfA500() {
			api.stubFor(get(urlPathEqualTo(poll(REQUEST))).inScenario("flaky")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(fixture(500, "error-500-internal.json"))
				.willSetStateTo("recovered"));
			api.stubFor(get(urlPathEqualTo(poll(REQUEST))).inScenario("flaky")
				.whenScenarioStateIs("recovered")
				.willReturn(fixture(200, "generation-request-finalized.json")));

			assertThat(client().generationRequest(REQUEST).finalized()).isTrue();

			assertThat(counts().calls()).isEqualTo(2);
			assertThat(counts().pollCalls()).isEqualTo(2);
		}

		@Test
		void givesUpAfterMaxRetriesWhenTheApiKeepsFailing() {
			AbyssaleClientTests.this.setup.maxRetries(3);
			api.stubFor(get(urlPathEqualTo(poll(REQUEST))).willReturn(fixture(500, "error-500-internal.json")));

			ApiUnavailableException unavailable = catchUnavailable(() -> client().generationRequest(REQUEST));

			assertThat(unavailable.status()).isEqualTo(500);
			assertThat(unavailable.apiMessage()).isEqualTo("Internal server error [internal_error]");
			api.verify(4, getRequestedFor(urlPathEqualTo(poll(REQUEST))));
		}

		@Test
		void retriesMalformedJsonOnA200ThenGivesUp() {
			api.stubFor(get(urlPathEqualTo(poll(REQUEST))).willReturn(json(200, "{\"is_finalized\": true, \"id\": \"0b1d")));

			ApiUnavailableException unavailable = catchUnavailable(() -> client().generationRequest(REQUEST));

			assertThat(unavailable.getMessage()).contains("malformed JSON");
			api.verify(3, getRequestedFor(urlPathEqualTo(poll(REQUEST))));
		}

		@Test
		void retriesAnHtmlPageFromAGatewayThenGivesUpShowingTheStatus() {
			api.stubFor(get(urlPathEqualTo(poll(REQUEST))).willReturn(aResponse().withStatus(502)
				.withHeader("Content-Type", "text/html")
				.withBody("<html><body><h1>502 Bad Gateway</h1></body></html>")));

			ApiUnavailableException unavailable = catchUnavailable(() -> client().generationRequest(REQUEST));

			assertThat(unavailable.apiMessage()).isEqualTo("HTTP 502");
			api.verify(3, getRequestedFor(urlPathEqualTo(poll(REQUEST))));
		}

		@Test
		void retriesAConnectionResetByThePeer() {
			api.stubFor(get(urlPathEqualTo(poll(REQUEST))).inScenario("reset")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
				.willSetStateTo("recovered"));
			api.stubFor(get(urlPathEqualTo(poll(REQUEST))).inScenario("reset")
				.whenScenarioStateIs("recovered")
				.willReturn(fixture(200, "generation-request-finalized.json")));

			assertThat(client().generationRequest(REQUEST).finalized()).isTrue();
		}

		@Test
		void reportsAnAcceptedGenerationWithoutAnIdAsUnavailable() {
			api.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(json(200, "{\"version\": \"v2026-08-21\"}")));

			assertThat(catchUnavailable(() -> client().generate(DESIGN, ROW)).getMessage())
				.contains("no generation_request_id");
		}

		@Test
		void reportsAnAcceptedExportWithoutAnIdAsUnavailable() {
			api.stubFor(post(urlPathEqualTo("/async/banners/export")).willReturn(json(200, "{\"version\": \"v2026-08-21\"}")));

			assertThat(catchUnavailable(() -> client().export(List.of("a0000000-0000-4000-8000-000000000001"), null))
				.getMessage()).contains("no export_id");
		}

	}

	@Nested
	class WhenASubmissionMayHaveBeenBilled {

		@Test
		void retriesA504OnGenerateAndCountsTheAttemptAsUncertain() {
			api.stubFor(post(urlPathEqualTo(GENERATE)).inScenario("gateway")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(fixture(504, "error-504-gateway-timeout.json"))
				.willSetStateTo("recovered"));
			api.stubFor(post(urlPathEqualTo(GENERATE)).inScenario("gateway")
				.whenScenarioStateIs("recovered")
				.willReturn(fixture(200, "generate-accepted.json")));

			Submission submission = client().generate(DESIGN, ROW);

			assertThat(submission).isEqualTo(new Submission(REQUEST, 1));
			assertThat(counts().uncertainSubmissions()).isEqualTo(1);
			assertThat(counts().generateCalls()).isEqualTo(2);
		}

		@Test
		void doesNotRetryA504WhenUncertainSubmissionsMustNotBeRetried() {
			AbyssaleClientTests.this.setup.retryUncertain(false);
			api.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(fixture(504, "error-504-gateway-timeout.json")));

			UncertainSubmissionException uncertain = catchUncertain(() -> client().generate(DESIGN, ROW));

			assertThat(uncertain.getMessage())
				.isEqualTo("submission outcome unknown (HTTP 504); not retried to avoid a double charge");
			assertThat(uncertain.apiMessage()).isEqualTo(uncertain.getMessage());
			assertThat(uncertain.status()).isEqualTo(504);
			api.verify(1, postRequestedFor(urlPathEqualTo(GENERATE)));
			assertThat(counts().uncertainSubmissions()).isZero();
		}

		@Test
		void doesNotCountARefusedConnectionAsUncertainAndRetriesIt() throws IOException {
			ClientUnderTest nobodyListens = ClientUnderTest.against("http://127.0.0.1:" + freePort()).retryUncertain(false);

			Throwable failure = catchThrowable(() -> nobodyListens.client().generate(DESIGN, ROW));

			assertThat(failure).isExactlyInstanceOf(ApiUnavailableException.class);
			assertThat(((ApiUnavailableException) failure).mayHaveReachedServer()).isFalse();
			assertThat(failure.getMessage()).contains("cannot connect to the API");
			assertThat(nobodyListens.counts().uncertainSubmissions()).isZero();
			assertThat(nobodyListens.counts().generateCalls()).as("nothing reached the server: safe to retry").isEqualTo(3);
		}

		@Test
		void countsAReadTimeoutAsUncertain() {
			AbyssaleClientTests.this.setup.readTimeout(Duration.ofMillis(200)).retryUncertain(false);
			api.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(fixture(200, "generate-accepted.json").withFixedDelay(600)));

			UncertainSubmissionException uncertain = catchUncertain(() -> client().generate(DESIGN, ROW));

			assertThat(uncertain.getMessage()).isEqualTo(
					"submission outcome unknown (timed out waiting for the API); not retried to avoid a double charge");
			// WireMock journals a request only once its delayed answer is sent: count on the client's side
			assertThat(counts().calls()).isEqualTo(1);
		}

		@Test
		void countsAConnectionResetAfterTheRequestWasSentAsUncertain() {
			api.stubFor(post(urlPathEqualTo(GENERATE)).inScenario("reset")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
				.willSetStateTo("recovered"));
			api.stubFor(post(urlPathEqualTo(GENERATE)).inScenario("reset")
				.whenScenarioStateIs("recovered")
				.willReturn(fixture(200, "generate-accepted.json")));

			assertThat(client().generate(DESIGN, ROW)).isEqualTo(new Submission(REQUEST, 1));
			assertThat(counts().uncertainSubmissions()).isEqualTo(1);
		}

		@Test
		void doesNotCountARejectedSubmissionAsUncertain() {
			api.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(fixture(400, "error-400-validation-envelope.json")));

			catchInvalid(() -> client().generate(DESIGN, ROW));

			assertThat(counts().uncertainSubmissions()).isZero();
		}

	}

	@Nested
	class WhenHandlingTheKey {

		@Test
		void sendsTheKeyOnEveryCallRetriesIncluded() {
			api.stubFor(get(urlPathEqualTo("/designs/" + DESIGN)).willReturn(fixture(404, "error-404-endpoint-not-found.json")));
			api.stubFor(get(urlPathEqualTo("/templates/" + DESIGN)).willReturn(fixture(200, "template-details-static.json")));
			api.stubFor(post(urlPathEqualTo(GENERATE)).inScenario("gateway")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(fixture(502, "error-500-internal.json"))
				.willSetStateTo("recovered"));
			api.stubFor(post(urlPathEqualTo(GENERATE)).inScenario("gateway")
				.whenScenarioStateIs("recovered")
				.willReturn(fixture(200, "generate-accepted.json")));
			api.stubFor(get(urlPathEqualTo(poll(REQUEST))).willReturn(fixture(200, "generation-request-finalized.json")));
			api.stubFor(post(urlPathEqualTo("/async/banners/export")).willReturn(fixture(200, "export-accepted.json")));

			client().design(DESIGN);
			client().generate(DESIGN, ROW);
			client().generationRequest(REQUEST);
			client().export(List.of("a0000000-0000-4000-8000-000000000001"), null);

			List<ServeEvent> calls = api.getAllServeEvents();
			assertThat(calls).hasSize(6);
			assertThat(calls).allSatisfy((call) -> assertThat(call.getRequest().getHeader("x-api-key"))
				.as(call.getRequest().getMethod() + " " + call.getRequest().getUrl())
				.isEqualTo(ClientUnderTest.API_KEY));
		}

		@Test
		void neverShowsTheKeyInAMessageOrAToString() throws IOException {
			List<Throwable> failures = new ArrayList<>();
			api.stubFor(get(urlPathEqualTo("/designs/" + DESIGN))
				.willReturn(json(401, "{\"id\": \"unauthorized\", \"message\": \"Invalid API key " + ClientUnderTest.API_KEY + "\"}")));
			api.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(fixture(504, "error-504-gateway-timeout.json")));
			api.stubFor(get(urlPathEqualTo(poll(REQUEST)))
				.willReturn(json(400, "{\"message\": \"body_validation_errors\", \"errors\": {\"x-api-key\": [\"" + ClientUnderTest.API_KEY + " is not valid\"]}}")));
			api.stubFor(post(urlPathEqualTo("/async/banners/export")).willReturn(fixture(500, "error-500-internal.json")));
			failures.add(catchThrowable(() -> client().design(DESIGN)));
			failures.add(catchThrowable(() -> client().generationRequest(REQUEST)));
			failures.add(catchThrowable(() -> client().export(List.of("a"), null)));
			failures.add(catchThrowable(
					() -> ClientUnderTest.against(api.baseUrl()).retryUncertain(false).client().generate(DESIGN, ROW)));
			failures.add(catchThrowable(() -> ClientUnderTest.against("http://127.0.0.1:" + freePort()).client()
				.generationRequest(REQUEST)));

			assertThat(failures).allSatisfy((failure) -> {
				assertThat(failure).isInstanceOf(AbyssaleException.class);
				for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
					assertThat(String.valueOf(cause.getMessage())).doesNotContain(ClientUnderTest.API_KEY);
					assertThat(cause.toString()).doesNotContain(ClientUnderTest.API_KEY);
				}
				assertThat(((AbyssaleException) failure).apiMessage()).doesNotContain(ClientUnderTest.API_KEY);
				assertThat(((AbyssaleException) failure).error().toString()).doesNotContain(ClientUnderTest.API_KEY);
			});
			assertThat(ApiKey.of(ClientUnderTest.API_KEY).toString()).doesNotContain(ClientUnderTest.API_KEY);
		}

	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static InvalidRequestException catchInvalid(Supplier<?> call) {
		return catchThrowableOfExactType(InvalidRequestException.class, call);
	}

	static NotFoundException catchNotFound(Supplier<?> call) {
		return catchThrowableOfExactType(NotFoundException.class, call);
	}

	static ApiUnavailableException catchUnavailable(Supplier<?> call) {
		return catchThrowableOfExactType(ApiUnavailableException.class, call);
	}

	static UncertainSubmissionException catchUncertain(Supplier<?> call) {
		return catchThrowableOfExactType(UncertainSubmissionException.class, call);
	}

	static <E extends Throwable> E catchThrowableOfExactType(Class<E> type, Supplier<?> call) {
		Throwable thrown = catchThrowable(call::get);
		assertThat(thrown).isExactlyInstanceOf(type);
		return type.cast(thrown);
	}

}
