package io.bannerbatch.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.bannerbatch.CommandRun;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole job, in process, against WireMock playing an API that misbehaves: throttles, runs out of credits, fails,
 * resets connections, answers too late or with garbage, never finishes a generation, revokes the key. Every run ends
 * completed with the right statuses, or failed and resumable with a message that says why; none hangs; no row is
 * lost; a row is paid for once, or its extra paid attempts are counted and announced.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ApiFaultFunctionalTests {

	static final String DESIGN = "5d5f6f6a-1b2c-4d3e-8f90-0123456789ab";

	static final List<String> FORMATS = List.of("facebook-feed", "instagram-post");

	static final int ROWS = 6;

	static final String GENERATE = "/async/banner-builder/" + DESIGN + "/generate";

	static final JsonMapper JSON = JsonMapper.builder().build();

	@RegisterExtension
	static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@TempDir
	Path work;

	Path input;

	@BeforeEach
	void aWellBehavedApi() throws IOException {
		StringBuilder csv = new StringBuilder("sku,tb-text_0.payload,tb-image_0.image_url\n");
		for (int row = 1; row <= ROWS; row++) {
			csv.append("K").append(row).append(",Row ").append(row).append(",https://img.example/").append(row).append(".png\n");
		}
		this.input = this.work.resolve("catalog.csv");
		Files.writeString(this.input, csv, StandardCharsets.UTF_8);
		api.stubFor(get(urlPathEqualTo("/designs/" + DESIGN)).willReturn(
				aResponse().withBodyFile("abyssale/template-details-static.json").withHeader("Content-Type", "application/json")));
		for (int row = 1; row <= ROWS; row++) {
			api.stubFor(generateOf(row).willReturn(okJson("{\"generation_request_id\": \"" + requestId(row) + "\"}")));
			api.stubFor(pollOf(row).willReturn(okJson(finalized(row))));
		}
		api.stubFor(post(urlPathEqualTo("/async/banners/export"))
			.willReturn(aResponse().withBodyFile("abyssale/export-accepted.json").withHeader("Content-Type", "application/json")));
	}

	@AfterEach
	void defaultReadTimeout() {
		System.clearProperty("bannerbatch.api.read-timeout");
	}

	@Nested
	class WhenTheApiThrottles {

		@Test
		void waitsOutAStormOf429sWithRetryAfterAndPaysForEachRowOnce() throws IOException {
			storm(() -> post(urlPathEqualTo(GENERATE)), "generate-storm", 4);
			storm(() -> get(urlPathMatching("/generation-request/.*")), "poll-storm", 2);

			CommandRun run = run("--concurrency=1");

			assertCompletedWithEveryLineGenerated(run);
			assertEachRowPaidOnce();
			List<ServeEvent> calls = journal();
			List<ServeEvent> throttled = calls.stream().filter((call) -> status(call) == 429).toList();
			assertThat(throttled).hasSize(6);
			for (ServeEvent answered429 : throttled) {
				// one call at a time: whatever comes next waited the second the API asked for
				calls.stream()
					.filter((call) -> call.getRequest().getLoggedDate().after(answered429.getRequest().getLoggedDate()))
					.findFirst()
					.ifPresent((next) -> assertThat(next.getRequest().getLoggedDate().getTime()
							- answered429.getRequest().getLoggedDate().getTime())
						.as("wait after a 429 with Retry-After: 1")
						.isGreaterThanOrEqualTo(1000));
			}
			assertThat(summary().path("rate_limited").path("retry_after").asLong()).isEqualTo(6);
		}

		@Test
		void outOfCreditsStopsResumablyAndTheRerunAfterATopUpPaysForNoRowTwice() throws IOException {
			for (int row = 4; row <= ROWS; row++) {
				api.stubFor(generateOf(row).atPriority(1)
					.willReturn(error(429, "rate_limit_exceeded", "Your workspace has no credits left")));
			}

			CommandRun starved = run("--concurrency=1");

			assertThat(starved.exitCode()).as(starved.toString()).isEqualTo(1);
			assertThat(starved.err()).contains("The workspace is out of credits (", "no credits left",
					"run the same command again: it resumes without paying twice for any row");
			assertThat(output()).doesNotExist();
			assertThat(generateCalls()).as("rows 1-3 paid, row 4 refused, rows 5-6 never sent")
				.isEqualTo(Map.of("Row 1", 1L, "Row 2", 1L, "Row 3", 1L, "Row 4", 1L));

			topUp();
			CommandRun resumed = run("--concurrency=1");

			assertCompletedWithEveryLineGenerated(resumed);
			assertEachRowPaidOnce();
		}

	}

	@Nested
	class WhenTheApiFails {

		@Test
		void retriesServerErrorsCountsTheAttemptsThatMayHaveBeenBilledAndCompletes() throws IOException {
			failFirst(() -> generateOf(2), "generate-2", aResponse().withStatus(500).withBody("{\"message\": \"Internal Server Error\"}"),
					aResponse().withStatus(503).withBody("Service Unavailable"));
			failFirst(() -> pollOf(3), "poll-3", aResponse().withStatus(502).withBody("<html>Bad Gateway</html>"),
					aResponse().withStatus(500).withBody("{\"message\": \"Internal Server Error\"}"));

			CommandRun run = run();

			assertCompletedWithEveryLineGenerated(run);
			assertEachRowPaidOnce();
			assertThat(generateCalls()).containsEntry("Row 2", 3L);
			assertThat(log()).contains("Row 2 (K2): 2 generate call(s) failed in a way that may still have been billed");
			assertThat(summary().path("uncertain_submissions").asLong()).isEqualTo(2);
		}

		@Test
		void retriesConnectionResetsAndCountsAndAnnouncesEveryCallThatMayHaveBeenBilled() throws IOException {
			failFirst(() -> get(urlPathEqualTo("/designs/" + DESIGN)), "design",
					aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
			failFirst(() -> generateOf(1), "generate-1", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
			failFirst(() -> pollOf(2), "poll-2", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

			CommandRun run = run();

			assertCompletedWithEveryLineGenerated(run);
			Map<String, Long> calls = generateCalls();
			assertThat(calls).containsEntry("Row 1", 2L);
			// a reset loses the answers of every call on its connection (over HTTP/2 all the calls in flight share
			// one): each such call may have been billed, so each retry is counted and announced, none is silent
			long retries = calls.values().stream().mapToLong((count) -> count - 1).sum();
			// (a call may also die before it reaches the server: counted, though WireMock never saw it)
			assertThat(summary().path("uncertain_submissions").asLong()).isGreaterThanOrEqualTo(retries);
			calls.forEach((row, count) -> {
				if (count > 1) {
					String number = row.substring("Row ".length());
					assertThat(log()).containsPattern("Row " + number + " \\(K" + number
							+ "\\): \\d+ generate call\\(s\\) failed in a way that may still have been billed");
				}
			});
			System.out.println("ApiFaultFunctionalTests: one connection reset on a generate call; generate retries: "
					+ retries + " " + calls);
		}

		@Test
		void retriesReadTimeoutsAndCompletes() throws IOException {
			System.setProperty("bannerbatch.api.read-timeout", "500ms");
			failFirst(() -> generateOf(1), "generate-1", okJson("{\"generation_request_id\": \"" + requestId(1) + "\"}")
				.withFixedDelay(1500));
			failFirst(() -> pollOf(2), "poll-2", okJson(finalized(2)).withFixedDelay(1500));

			CommandRun run = run();

			assertCompletedWithEveryLineGenerated(run);
			assertThat(generateCalls()).as("the late answer was not waited for: retried once").containsEntry("Row 1", 2L);
			assertThat(pollCalls(2)).isEqualTo(2);
			assertThat(summary().path("uncertain_submissions").asLong()).isEqualTo(1);
		}

	}

	@Nested
	class WhenTheApiAnswersGarbage {

		@Test
		void retriesMalformedAnswersAndCompletes() throws IOException {
			failFirst(() -> generateOf(1), "generate-1", okJson("{\"generation_request_id\": \"0b1d3c2e-6f0a"));
			failFirst(() -> pollOf(2), "poll-2",
					aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>Welcome</html>"));
			failFirst(() -> pollOf(3), "poll-3", okJson("{\"is_finalized\": true, \"id\": 42, \"banners\": \"none\"}"));

			CommandRun run = run();

			assertCompletedWithEveryLineGenerated(run);
			assertThat(generateCalls()).containsEntry("Row 1", 2L);
			assertThat(pollCalls(2)).isEqualTo(2);
			assertThat(pollCalls(3)).isEqualTo(2);
			assertThat(summary().path("uncertain_submissions").asLong()).isEqualTo(1);
		}

		@Test
		void anAcceptedGenerationWithoutARequestIdFailsResumablyAndTheRerunAnnouncesThePossibleDoublePayment()
				throws IOException {
			failFirst(() -> generateOf(1), "generate-1", okJson("{\"version\": \"v2026-08-21\"}"));

			CommandRun failed = run("--concurrency=1");

			assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
			assertThat(failed.err()).contains("no generation_request_id", "Run the same command again to resume");
			assertThat(output()).doesNotExist();

			CommandRun resumed = run("--concurrency=1");

			assertCompletedWithEveryLineGenerated(resumed);
			assertThat(log()).contains("Row 1 (K1) was being submitted when an earlier run stopped; "
					+ "submitting it again, so it may be billed twice");
			assertThat(generateCalls()).containsEntry("Row 1", 2L);
			assertThat(generateCalls().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(ROWS + 1);
			assertThat(summary().path("uncertain_submissions").asLong()).isEqualTo(1);
		}

		@Test
		void aGenerationThatNeverFinalizesFailsItsLinesAsTimedOut() throws IOException {
			api.stubFor(pollOf(1).atPriority(1)
				.willReturn(aResponse().withStatus(202)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"is_finalized\": false, \"id\": \"" + requestId(1) + "\", \"banners\": [], \"errors\": []}")));

			CommandRun run = run("--generation-timeout=2s");

			assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
			List<CSVRecord> lines = results();
			assertThat(lines).hasSize(ROWS * FORMATS.size());
			assertThat(lines).filteredOn((line) -> line.get("key").equals("K1"))
				.extracting((line) -> line.get("status") + " " + line.get("error"))
				.containsExactly("FAILED timed out", "FAILED timed out");
			assertThat(lines).filteredOn((line) -> !line.get("key").equals("K1"))
				.extracting((line) -> line.get("status"))
				.containsOnly("GENERATED");
			assertEachRowPaidOnce();
			assertThat(pollCalls(1)).as("polled with backoff, not flooded").isBetween(2L, 12L);
			assertThat(exportedIds()).hasSize((ROWS - 1) * FORMATS.size()).noneMatch((id) -> id.startsWith("b0000001"));
		}

	}

	@Nested
	class WhenTheKeyIsRevokedMidRun {

		@Test
		void theRunStopsAtOnceAndTheRerunWithAWorkingKeyPaysForNoRowTwice() throws IOException {
			for (int row = 4; row <= ROWS; row++) {
				api.stubFor(generateOf(row).atPriority(1).willReturn(error(401, "unauthorized", "API key revoked")));
			}

			CommandRun refused = run("--concurrency=1");

			assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
			assertThat(refused.err()).contains("The API refused the key (", "API key revoked",
					"set ABYSSALE_API_KEY to a valid key", "Run the same command again to resume");
			assertThat(generateCalls()).as("stopped at the first 401: rows 5 and 6 were never sent")
				.isEqualTo(Map.of("Row 1", 1L, "Row 2", 1L, "Row 3", 1L, "Row 4", 1L));
			assertThat(journal()).noneMatch((call) -> call.getRequest().getUrl().startsWith("/generation-request/"));
			assertThat(output()).doesNotExist();
			// the failure is stored in the job repository and logged: the key is in neither
			KeySearch.assertNowhere(CommandRun.TEST_API_KEY, ApiFaultFunctionalTests.this.work, refused.out(),
					refused.err());

			topUp();
			CommandRun resumed = run("--concurrency=1");

			assertCompletedWithEveryLineGenerated(resumed);
			assertEachRowPaidOnce();
			assertThat(generateCalls()).isEqualTo(
					Map.of("Row 1", 1L, "Row 2", 1L, "Row 3", 1L, "Row 4", 2L, "Row 5", 1L, "Row 6", 1L));
		}

	}

	// the API

	static MappingBuilder generateOf(int row) {
		return post(urlPathEqualTo(GENERATE)).withRequestBody(matchingJsonPath("$.elements.tb-text_0.payload", equalTo("Row " + row)));
	}

	static MappingBuilder pollOf(int row) {
		return get(urlPathEqualTo("/generation-request/" + requestId(row)));
	}

	static String requestId(int row) {
		return String.format("0b1d3c2e-6f0a-4b52-9c1e-%012d", row);
	}

	static String bannerId(int row, int format) {
		return String.format("b%07d-0000-4000-8000-%012d", row, format);
	}

	static String finalized(int row) {
		String banners = IntStream.range(0, FORMATS.size())
			.mapToObj((i) -> "{\"id\": \"" + bannerId(row, i) + "\", \"format\": {\"id\": \"" + FORMATS.get(i)
					+ "\", \"width\": 1200, \"height\": 628}, \"file\": {\"type\": \"png\", \"url\": \"https://files.example/"
					+ row + "/" + i + ".png\", \"cdn_url\": \"https://cdn.example/" + row + "/" + i + ".png\"}}")
			.collect(Collectors.joining(", "));
		return "{\"is_finalized\": true, \"id\": \"" + requestId(row) + "\", \"banners\": [" + banners + "], \"errors\": []}";
	}

	static ResponseDefinitionBuilder error(int status, String id, String message) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\": \"" + id + "\", \"message\": \"" + message + "\", \"version\": \"v2026-08-21\"}");
	}

	/** The first {@code calls} calls matching {@code request} answer 429 with {@code Retry-After: 1}. */
	static void storm(Supplier<MappingBuilder> request, String scenario, int calls) {
		for (int call = 0; call < calls; call++) {
			api.stubFor(request.get().atPriority(1)
				.inScenario(scenario)
				.whenScenarioStateIs((call == 0) ? Scenario.STARTED : "after-" + call)
				.willSetStateTo("after-" + (call + 1))
				.willReturn(error(429, "request_rate_limited", "Too many requests").withHeader("Retry-After", "1")));
		}
	}

	/** The first calls of {@code request} get these answers, one each, then its usual stub answers. */
	static void failFirst(Supplier<MappingBuilder> request, String scenario, ResponseDefinitionBuilder... answers) {
		for (int call = 0; call < answers.length; call++) {
			api.stubFor(request.get().atPriority(1)
				.inScenario(scenario)
				.whenScenarioStateIs((call == 0) ? Scenario.STARTED : "after-" + call)
				.willSetStateTo("after-" + (call + 1))
				.willReturn(answers[call]));
		}
	}

	/** Credits added, key replaced: the refusals are gone. */
	static void topUp() {
		api.getStubMappings()
			.stream()
			.filter((stub) -> stub.getPriority() != null && stub.getPriority() == 1)
			.toList()
			.forEach(api::removeStub);
	}

	// running and reading what happened

	CommandRun run(String... extra) {
		List<String> args = new ArrayList<>(List.of("run", "--input=" + this.input, "--design=" + DESIGN,
				"--formats=" + String.join(",", FORMATS), "--api-url=" + api.baseUrl(), "--rate-limit=0",
				"--state-dir=" + this.work.resolve("state"), "--output=" + output()));
		args.addAll(List.of(extra));
		return CommandRun.of(args.toArray(String[]::new));
	}

	Path output() {
		return this.work.resolve("out/catalog.results.csv");
	}

	List<CSVRecord> results() {
		return Catalogs.results(output());
	}

	/** The log file in the state directory: in process, the console's log lines go to the JVM's own output. */
	String log() {
		try {
			return Files.readString(this.work.resolve("state/bannerbatch.log"));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	JsonNode summary() throws IOException {
		return JSON.readTree(Files.readString(this.work.resolve("out/catalog.results.summary.json")));
	}

	void assertCompletedWithEveryLineGenerated(CommandRun run) {
		assertThat(run.exitCode()).as(run.toString()).isZero();
		List<CSVRecord> lines = results();
		assertThat(lines).extracting((line) -> line.get("key") + " " + line.get("format") + " " + line.get("status"))
			.containsExactlyElementsOf(IntStream.rangeClosed(1, ROWS)
				.boxed()
				.flatMap((row) -> FORMATS.stream().map((format) -> "K" + row + " " + format + " GENERATED"))
				.toList());
		assertThat(lines).extracting((line) -> line.get("banner_id"))
			.containsExactlyElementsOf(IntStream.rangeClosed(1, ROWS)
				.boxed()
				.flatMap((row) -> IntStream.range(0, FORMATS.size()).mapToObj((format) -> bannerId(row, format)))
				.toList());
		assertThat(exportedIds()).hasSize(ROWS * FORMATS.size());
	}

	/** Every row's generation was accepted (2xx) exactly once, whatever was retried around it. */
	void assertEachRowPaidOnce() {
		Map<String, Long> accepted = journal().stream()
			.filter((call) -> isGenerate(call) && status(call) >= 200 && status(call) < 300)
			.collect(Collectors.groupingBy(ApiFaultFunctionalTests::payload, TreeMap::new, Collectors.counting()));
		Map<String, Long> once = new TreeMap<>();
		IntStream.rangeClosed(1, ROWS).forEach((row) -> once.put("Row " + row, 1L));
		assertThat(accepted).isEqualTo(once);
	}

	/** Generate calls received per row, whatever their answer. */
	static Map<String, Long> generateCalls() {
		return journal().stream()
			.filter(ApiFaultFunctionalTests::isGenerate)
			.collect(Collectors.groupingBy(ApiFaultFunctionalTests::payload, TreeMap::new, Collectors.counting()));
	}

	static long pollCalls(int row) {
		return journal().stream()
			.filter((call) -> call.getRequest().getUrl().equals("/generation-request/" + requestId(row)))
			.count();
	}

	/** The ids of the one export: exactly one export call was accepted. */
	static List<String> exportedIds() {
		List<ServeEvent> exports = journal().stream()
			.filter((call) -> call.getRequest().getUrl().equals("/async/banners/export"))
			.toList();
		assertThat(exports).as("one export").hasSize(1);
		List<String> ids = new ArrayList<>();
		JSON.readTree(exports.get(0).getRequest().getBodyAsString()).path("ids").forEach((id) -> ids.add(id.asString()));
		return ids;
	}

	/** Every call WireMock received, oldest first. */
	static List<ServeEvent> journal() {
		return api.getAllServeEvents()
			.stream()
			.sorted(Comparator.comparing((ServeEvent call) -> call.getRequest().getLoggedDate()))
			.toList();
	}

	static boolean isGenerate(ServeEvent call) {
		return call.getRequest().getUrl().equals(GENERATE);
	}

	static String payload(ServeEvent call) {
		return JSON.readTree(call.getRequest().getBodyAsString()).path("elements").path("tb-text_0").path("payload").asString();
	}

	static int status(ServeEvent call) {
		return call.getResponse().getStatus();
	}

}
