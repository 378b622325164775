package io.bannerbatch.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.bannerbatch.CommandRun;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole job against WireMock serving the documented examples: rows in, one generate call each with exactly the
 * mapped elements, polls until finalized, the results file line by line, one export of exactly the generated ids.
 */
class BannerJobFunctionalTests {

	static final String DESIGN = "5d5f6f6a-1b2c-4d3e-8f90-0123456789ab";

	static final String REQUEST_A1 = "0b1d3c2e-6f0a-4b52-9c1e-111111111111";

	static final String REQUEST_B2 = "0b1d3c2e-6f0a-4b52-9c1e-222222222222";

	@RegisterExtension
	static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@TempDir
	Path work;

	Path input;

	@BeforeEach
	void catalog() throws IOException {
		this.input = this.work.resolve("catalog.csv");
		Files.writeString(this.input, "sku,tb-text_0.payload,root.background_color,tb-image_0.image_url\n"
				+ "A1,\"Hello, \"\"world\"\"\",#FF0000,https://img.example/a.png\n"
				+ "B2,\"Zürich ☕\nsecond line\",#00FF00,https://img.example/b.png\n"
				+ "C3,Bad colour,red,https://img.example/c.png\n", StandardCharsets.UTF_8);
		api.stubFor(get(urlPathEqualTo("/designs/" + DESIGN))
			.willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("{\"message\":\"Not Found\"}")));
		api.stubFor(get(urlPathEqualTo("/templates/" + DESIGN))
			.willReturn(aResponse().withBodyFile("abyssale/template-details-static.json").withHeader("Content-Type", "application/json")));
		api.stubFor(post(urlPathEqualTo("/async/banner-builder/" + DESIGN + "/generate"))
			.withRequestBody(matchingJsonPath("$.elements.tb-text_0.payload", equalTo("Hello, \"world\"")))
			.willReturn(okJson("{\"generation_request_id\": \"" + REQUEST_A1 + "\"}")));
		api.stubFor(post(urlPathEqualTo("/async/banner-builder/" + DESIGN + "/generate"))
			.withRequestBody(matchingJsonPath("$.elements.tb-text_0.payload", equalTo("Zürich ☕\nsecond line")))
			.willReturn(okJson("{\"generation_request_id\": \"" + REQUEST_B2 + "\"}")));
		api.stubFor(get(urlPathEqualTo("/generation-request/" + REQUEST_A1)).inScenario("A1")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withBodyFile("abyssale/generation-request-running.json").withHeader("Content-Type", "application/json"))
			.willSetStateTo("finalized"));
		api.stubFor(get(urlPathEqualTo("/generation-request/" + REQUEST_A1)).inScenario("A1")
			.whenScenarioStateIs("finalized")
			.willReturn(aResponse().withBodyFile("abyssale/generation-request-finalized.json").withHeader("Content-Type", "application/json")));
		api.stubFor(get(urlPathEqualTo("/generation-request/" + REQUEST_B2))
			.willReturn(aResponse().withBodyFile("abyssale/generation-request-finalized-one-format-failed.json")
				.withHeader("Content-Type", "application/json")));
		api.stubFor(post(urlPathEqualTo("/async/banners/export"))
			.willReturn(aResponse().withBodyFile("abyssale/export-accepted.json").withHeader("Content-Type", "application/json")));
	}

	CommandRun run(String... extra) {
		List<String> args = new java.util.ArrayList<>(List.of("run", "--input=" + this.input, "--design=" + DESIGN,
				"--formats=facebook-feed,instagram-post", "--api-url=" + api.baseUrl(), "--rate-limit=50",
				"--state-dir=" + this.work.resolve("state"), "--output=" + this.work.resolve("out/catalog.results.csv")));
		args.addAll(List.of(extra));
		return CommandRun.of(args.toArray(String[]::new));
	}

	@Test
	void turnsRowsIntoBannersAndWritesOneLinePerRowAndFormat() throws IOException {
		CommandRun run = run();

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
		assertThat(Files.readAllLines(this.work.resolve("out/catalog.results.csv"))).containsExactly(
				"row,key,design_id,format,status,banner_id,file_type,file_url,cdn_url,width,height,generation_request_id,error,reused",
				"1,A1," + DESIGN + ",facebook-feed,GENERATED,a0000000-0000-4000-8000-000000000001,jpeg,"
						+ "https://production-banners.s3.amazonaws.com/a1/facebook-feed.jpeg,https://cdn.abyssale.com/a1/facebook-feed.jpeg,1200,628,"
						+ REQUEST_A1 + ",,false",
				"1,A1," + DESIGN + ",instagram-post,GENERATED,a0000000-0000-4000-8000-000000000002,png,"
						+ "https://production-banners.s3.amazonaws.com/a1/instagram-post.png,https://cdn.abyssale.com/a1/instagram-post.png,1080,1080,"
						+ REQUEST_A1 + ",,false",
				"2,B2," + DESIGN + ",facebook-feed,GENERATED,b0000000-0000-4000-8000-000000000001,jpeg,"
						+ "https://production-banners.s3.amazonaws.com/b2/facebook-feed.jpeg,https://cdn.abyssale.com/b2/facebook-feed.jpeg,1200,628,"
						+ REQUEST_B2 + ",,false",
				"2,B2," + DESIGN + ",instagram-post,FAILED,,,,,,," + REQUEST_B2 + ",Image could not be downloaded,false",
				"3,C3," + DESIGN + ",facebook-feed,REJECTED,,,,,,,,\"root.background_color: \"\"red\"\" is not a colour; use 6- or 8-digit hex like #1A47FF\",",
				"3,C3," + DESIGN + ",instagram-post,REJECTED,,,,,,,,\"root.background_color: \"\"red\"\" is not a colour; use 6- or 8-digit hex like #1A47FF\",");
		api.verify(1, postRequestedFor(urlPathEqualTo("/async/banner-builder/" + DESIGN + "/generate"))
			.withHeader("x-api-key", equalTo(CommandRun.TEST_API_KEY))
			.withRequestBody(equalToJson("{\"elements\": {\"tb-text_0\": {\"payload\": \"Hello, \\\"world\\\"\"},"
					+ " \"root\": {\"background_color\": \"#FF0000\"}, \"tb-image_0\": {\"image_url\": \"https://img.example/a.png\"}},"
					+ " \"template_format_names\": [\"facebook-feed\", \"instagram-post\"]}")));
		api.verify(1, postRequestedFor(urlPathEqualTo("/async/banner-builder/" + DESIGN + "/generate"))
			.withRequestBody(equalToJson("{\"elements\": {\"tb-text_0\": {\"payload\": \"Zürich ☕\\nsecond line\"},"
					+ " \"root\": {\"background_color\": \"#00FF00\"}, \"tb-image_0\": {\"image_url\": \"https://img.example/b.png\"}},"
					+ " \"template_format_names\": [\"facebook-feed\", \"instagram-post\"]}")));
		api.verify(2, postRequestedFor(urlPathEqualTo("/async/banner-builder/" + DESIGN + "/generate")));
		api.verify(2, getRequestedFor(urlPathEqualTo("/generation-request/" + REQUEST_A1)));
		api.verify(1, postRequestedFor(urlPathEqualTo("/async/banners/export"))
			.withRequestBody(equalToJson("{\"ids\": [\"a0000000-0000-4000-8000-000000000001\","
					+ " \"a0000000-0000-4000-8000-000000000002\", \"b0000000-0000-4000-8000-000000000001\"]}")));
		assertThat(Files.readString(this.work.resolve("out/catalog.results.summary.json")))
			.contains("\"status\" : \"COMPLETED_WITH_FAILURES\"", "\"rows\" : 3", "\"rejected\" : 1",
					"\"generation_requests\" : 2", "\"banners_generated\" : 3", "\"formats_failed\" : 1",
					"\"export_id\" : \"e1a2b3c4-0000-4000-8000-00000000e001\"");
	}

	@Test
	void aRunThatFailsMidCollectionResumesWithoutSubmittingAnyRowTwice() throws IOException {
		api.stubFor(get(urlPathEqualTo("/generation-request/" + REQUEST_B2)).atPriority(1)
			.willReturn(aResponse().withStatus(503).withBody("{\"message\": \"Service Unavailable\"}")));

		CommandRun failed = run();

		assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
		assertThat(failed.err()).contains("Run the same command again to resume");
		assertThat(this.work.resolve("out/catalog.results.csv")).doesNotExist();
		api.verify(2, postRequestedFor(urlPathEqualTo("/async/banner-builder/" + DESIGN + "/generate")));

		api.removeStub(api.getStubMappings().stream().filter((stub) -> stub.getPriority() != null && stub.getPriority() == 1)
			.findFirst().orElseThrow());
		CommandRun resumed = run();

		assertThat(resumed.exitCode()).as(resumed.toString()).isEqualTo(3);
		api.verify(2, postRequestedFor(urlPathEqualTo("/async/banner-builder/" + DESIGN + "/generate")));
		api.verify(1, postRequestedFor(urlPathEqualTo("/async/banners/export")));
		assertThat(Files.readAllLines(this.work.resolve("out/catalog.results.csv"))).hasSize(7)
			.filteredOn((line) -> line.contains(",GENERATED,")).hasSize(3);
	}

	@Test
	void aGenerateAnswered504IsRetriedAndCountedAsAnUncertainSubmission() throws IOException {
		api.stubFor(post(urlPathEqualTo("/async/banner-builder/" + DESIGN + "/generate")).atPriority(1)
			.withRequestBody(matchingJsonPath("$.elements.tb-text_0.payload", equalTo("Hello, \"world\"")))
			.inScenario("gateway").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(504).withBody("{\"message\": \"Gateway Timeout\"}"))
			.willSetStateTo("recovered"));

		CommandRun run = run();

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
		api.verify(3, postRequestedFor(urlPathEqualTo("/async/banner-builder/" + DESIGN + "/generate")));
		assertThat(Files.readString(this.work.resolve("out/catalog.results.summary.json")))
			.contains("\"uncertain_submissions\" : 1");
		assertThat(Files.readString(this.work.resolve("state/bannerbatch.log")))
			.contains("Row 1 (A1): 1 generate call(s) failed in a way that may still have been billed");
	}

	@Test
	void withNoRetryUncertainA504FailsTheRowInsteadOfRiskingADoubleCharge() throws IOException {
		api.stubFor(post(urlPathEqualTo("/async/banner-builder/" + DESIGN + "/generate")).atPriority(1)
			.withRequestBody(matchingJsonPath("$.elements.tb-text_0.payload", equalTo("Hello, \"world\"")))
			.willReturn(aResponse().withStatus(504).withBody("{\"message\": \"Gateway Timeout\"}")));

		CommandRun run = run("--no-retry-uncertain");

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
		api.verify(2, postRequestedFor(urlPathEqualTo("/async/banner-builder/" + DESIGN + "/generate")));
		assertThat(Files.readAllLines(this.work.resolve("out/catalog.results.csv")))
			.filteredOn((line) -> line.startsWith("1,A1,"))
			.hasSize(2)
			.allMatch((line) -> line.contains(",FAILED,")
					&& line.endsWith(",submission outcome unknown (HTTP 504); not retried to avoid a double charge,false"));
	}

	@Test
	void aSecondRunReusesTheBannersAndExportsThemAllByDefault() {
		assertThat(run().exitCode()).isEqualTo(3);
		api.resetRequests();

		assertThat(run("--new-run").exitCode()).isEqualTo(3);

		// B2's failed format is the only one asked for again, alone in its request
		api.verify(1, postRequestedFor(urlPathEqualTo("/async/banner-builder/" + DESIGN + "/generate")));
		api.verify(postRequestedFor(urlPathEqualTo("/async/banner-builder/" + DESIGN + "/generate"))
			.withRequestBody(matchingJsonPath("$.template_format_names", equalToJson("[\"instagram-post\"]"))));
		api.verify(1, postRequestedFor(urlPathEqualTo("/async/banners/export"))
			.withRequestBody(equalToJson("{\"ids\": [\"a0000000-0000-4000-8000-000000000001\","
					+ " \"a0000000-0000-4000-8000-000000000002\", \"b0000000-0000-4000-8000-000000000001\"]}")));
	}

	@Test
	void exportNewHoldsOnlyTheBannersOfThisRunAndExportNoneMakesNoExport() {
		assertThat(run().exitCode()).isEqualTo(3);
		api.resetRequests();

		assertThat(run("--new-run", "--export=none").exitCode()).isEqualTo(3);
		api.verify(0, postRequestedFor(urlPathEqualTo("/async/banners/export")));

		api.stubFor(get(urlPathEqualTo("/generation-request/" + REQUEST_B2)).atPriority(1)
			.willReturn(aResponse().withBodyFile("abyssale/generation-request-finalized-instagram-post.json")
				.withHeader("Content-Type", "application/json")));
		assertThat(run("--new-run", "--export=new").exitCode()).isEqualTo(3);
		api.verify(1, postRequestedFor(urlPathEqualTo("/async/banners/export"))
			.withRequestBody(equalToJson("{\"ids\": [\"b0000000-0000-4000-8000-000000000002\"]}")));
	}

	@Test
	void aDesignEditedInAbyssaleIsGeneratedAnew() {
		assertThat(run().exitCode()).isEqualTo(3);
		api.resetRequests();
		api.stubFor(get(urlPathEqualTo("/templates/" + DESIGN)).atPriority(1)
			.willReturn(aResponse().withBodyFile("abyssale/template-details-static-edited.json")
				.withHeader("Content-Type", "application/json")));

		assertThat(run("--new-run").exitCode()).isEqualTo(3);

		api.verify(2, postRequestedFor(urlPathEqualTo("/async/banner-builder/" + DESIGN + "/generate"))
			.withRequestBody(matchingJsonPath("$.template_format_names", equalToJson("[\"facebook-feed\", \"instagram-post\"]"))));
	}

	@Test
	void rerunOfACompletedRunSaysSoAndMakesNoApiCall() {
		assertThat(run().exitCode()).isEqualTo(3);
		api.resetRequests();

		CommandRun again = run();

		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(again.out()).contains("already completed", "catalog.results.csv");
		assertThat(api.getAllServeEvents()).isEmpty();
	}

}
