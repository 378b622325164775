package io.bannerbatch.abyssale;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.bannerbatch.abyssale.AbyssaleClient.Submission;
import io.bannerbatch.abyssale.AbyssaleException.FeatureNotInPlanException;
import io.bannerbatch.abyssale.AbyssaleException.OutOfCreditsException;
import io.bannerbatch.abyssale.AbyssaleException.RateLimitExceededException;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.bannerbatch.abyssale.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * The one {@link RateLimiter}, exercised through the client over HTTP as the job uses it: its pace, every kind of 429
 * today's API sends, and the read budget headers. Waits are the API's own (one second at most), so the timings
 * asserted are real.
 */
class RateLimiterTests {

	static final String DESIGN = "5d5f6f6a-1b2c-4d3e-8f90-0123456789ab";

	static final String REQUEST = "0b1d3c2e-6f0a-4b52-9c1e-111111111111";

	static final String POLL = "/generation-request/" + REQUEST;

	static final String GENERATE = "/async/banner-builder/" + DESIGN + "/generate";

	static final GenerateRequest ROW = new GenerateRequest(Map.of("root", Map.of("background_color", "#FF0000")),
			List.of(), null);

	@RegisterExtension
	static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	// no retries of transient failures: every wait and every repeated call below is the limiter's doing
	ClientUnderTest setup = ClientUnderTest.against(api.baseUrl()).maxRetries(0);

	AbyssaleClient client() {
		return this.setup.client();
	}

	ApiCallCounts.Snapshot counts() {
		return this.setup.counts();
	}

	/** The first call answers {@code first}, every later one {@code then}. */
	static void pollAnswers(ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
		api.stubFor(get(urlPathEqualTo(POLL)).inScenario("poll")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(first)
			.willSetStateTo("answered"));
		api.stubFor(get(urlPathEqualTo(POLL)).inScenario("poll").whenScenarioStateIs("answered").willReturn(then));
	}

	static long millisSince(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000;
	}

	@Nested
	class WhenTheApiThrottles {

		@Test
		void waitsForRetryAfterInsteadOfBackoffOn429() {
			pollAnswers(fixture(429, "error-429-request-rate-limited.json").withHeader("Retry-After", "1"),
					fixture(200, "generation-request-finalized.json"));
			long start = System.nanoTime();

			GenerationRequest request = client().generationRequest(REQUEST);

			assertThat(request.finalized()).isTrue();
			assertThat(millisSince(start)).isGreaterThanOrEqualTo(980);
			assertThat(counts().rateLimitedRetryAfter()).isEqualTo(1);
			assertThat(counts().rateLimitedCeiling()).isZero();
			api.verify(2, getRequestedFor(urlPathEqualTo(POLL)));
		}

		@Test
		void readsRetryAfterGivenAsAnHttpDate() {
			// HTTP dates have whole seconds: pick one between 0.5 and 1.5 s away, so that there is a wait to see
			Instant retryAt = Instant.now().plusMillis(500).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
			pollAnswers(fixture(429, "error-429-request-rate-limited.json").withHeader("Retry-After",
					DateTimeFormatter.RFC_1123_DATE_TIME.format(retryAt.atOffset(ZoneOffset.UTC))),
					fixture(200, "generation-request-finalized.json"));

			assertThat(client().generationRequest(REQUEST).finalized()).isTrue();

			assertThat(Instant.now()).isAfterOrEqualTo(retryAt);
			assertThat(counts().rateLimitedRetryAfter()).isEqualTo(1);
			api.verify(2, getRequestedFor(urlPathEqualTo(POLL)));
		}

		@Test
		void stopsResumablyWhenRetryAfterIsLongerThanTheLongestWait() {
			api.stubFor(post(urlPathEqualTo(GENERATE))
				.willReturn(fixture(429, "error-429-request-rate-limited.json").withHeader("Retry-After", "1700")));

			assertThatExceptionOfType(RateLimitExceededException.class).isThrownBy(() -> client().generate(DESIGN, ROW))
				.satisfies((exceeded) -> {
					assertThat(exceeded.retryAt()).isCloseTo(Instant.now().plusSeconds(1700), within(5, ChronoUnit.SECONDS));
					assertThat(exceeded.error().id()).isEqualTo("request_rate_limited");
				});
			api.verify(1, postRequestedFor(urlPathEqualTo(GENERATE)));
		}

		@Test
		void stopsResumablyWhenRetryAfterKeepsComingLongerThanTheLongestWait() {
			RateLimiterTests.this.setup.maxRetryWait(Duration.ofMillis(1500));
			api.stubFor(get(urlPathEqualTo(POLL))
				.willReturn(fixture(429, "error-429-request-rate-limited.json").withHeader("Retry-After", "1")));

			assertThatExceptionOfType(RateLimitExceededException.class).isThrownBy(() -> client().generationRequest(REQUEST));

			api.verify(2, getRequestedFor(urlPathEqualTo(POLL)));
		}

		@Test
		void waitsASecondWhenARateLimited429LostItsRetryAfterAndNeverTakesItForCredits() {
			api.stubFor(get(urlPathEqualTo(POLL)).inScenario("poll")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(fixture(429, "error-429-request-rate-limited.json"))
				.willSetStateTo("again"));
			api.stubFor(get(urlPathEqualTo(POLL)).inScenario("poll")
				.whenScenarioStateIs("again")
				.willReturn(fixture(429, "error-429-request-rate-limited.json"))
				.willSetStateTo("answered"));
			api.stubFor(get(urlPathEqualTo(POLL)).inScenario("poll")
				.whenScenarioStateIs("answered")
				.willReturn(fixture(200, "generation-request-finalized.json")));
			long start = System.nanoTime();

			assertThat(client().generationRequest(REQUEST).finalized()).isTrue();

			assertThat(millisSince(start)).isGreaterThanOrEqualTo(1980);
			assertThat(counts().rateLimitedRetryAfter()).isEqualTo(2);
			assertThat(counts().rateLimitedCredits()).isZero();
		}

		@Test
		void probesOnceAfterABare429AndGoesOn() {
			pollAnswers(fixture(429, "error-429-rate-limit-exceeded.json"), fixture(200, "generation-request-finalized.json"));
			long start = System.nanoTime();

			assertThat(client().generationRequest(REQUEST).finalized()).isTrue();

			assertThat(millisSince(start)).as("the ceiling clears within a second").isGreaterThanOrEqualTo(980);
			assertThat(counts().rateLimitedCeiling()).isEqualTo(1);
			assertThat(counts().rateLimitedCredits()).isZero();
		}

		@Test
		void reportsOutOfCreditsWhenTheBare429Persists() {
			api.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(fixture(429, "error-429-rate-limit-exceeded.json")));

			assertThatExceptionOfType(OutOfCreditsException.class).isThrownBy(() -> client().generate(DESIGN, ROW))
				.withMessageContaining("out of credits");

			api.verify(2, postRequestedFor(urlPathEqualTo(GENERATE)));
			assertThat(counts().rateLimitedCeiling()).isEqualTo(1);
			assertThat(counts().rateLimitedCredits()).isEqualTo(1);
			assertThat(counts().uncertainSubmissions()).isZero();
		}

		@Test
		void reportsOutOfCreditsAtOnceWhenTheMessageSpeaksOfCredits() {
			api.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(fixture(429, "error-429-out-of-credits.json")));

			assertThatExceptionOfType(OutOfCreditsException.class).isThrownBy(() -> client().generate(DESIGN, ROW))
				.satisfies((credits) -> assertThat(credits.apiMessage()).contains("no credits left"));

			api.verify(1, postRequestedFor(urlPathEqualTo(GENERATE)));
			assertThat(counts().rateLimitedCredits()).isEqualTo(1);
			assertThat(counts().rateLimitedCeiling()).as("no probe").isZero();
		}

		@Test
		void neverRetriesAFeatureThatIsNotInThePlan() {
			RateLimiterTests.this.setup.maxRetries(3);
			api.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(fixture(429, "error-429-feature-not-in-plan.json")));

			assertThatExceptionOfType(FeatureNotInPlanException.class).isThrownBy(() -> client().generate(DESIGN, ROW))
				.satisfies((notInPlan) -> assertThat(notInPlan.apiMessage())
					.isEqualTo("Video generation is not included in your plan [feature_not_in_plan]"));

			api.verify(1, postRequestedFor(urlPathEqualTo(GENERATE)));
			assertThat(counts().rateLimitedCeiling() + counts().rateLimitedCredits() + counts().rateLimitedRetryAfter())
				.isZero();
		}

		@Test
		void doesNotCountAThrottledSubmissionAsUncertain() {
			api.stubFor(post(urlPathEqualTo(GENERATE)).inScenario("generate")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(fixture(429, "error-429-request-rate-limited.json").withHeader("Retry-After", "1"))
				.willSetStateTo("answered"));
			api.stubFor(post(urlPathEqualTo(GENERATE)).inScenario("generate")
				.whenScenarioStateIs("answered")
				.willReturn(fixture(200, "generate-accepted.json")));

			assertThat(client().generate(DESIGN, ROW)).isEqualTo(new Submission(REQUEST, 0));
			assertThat(counts().uncertainSubmissions()).isZero();
		}

	}

	@Nested
	class WhenTheReadBudgetIsSpent {

		@Test
		void holdsTheNextPollUntilTheBudgetResets() {
			// X-RateLimit-Reset has whole seconds: between 2.5 and 3.5 s away, far enough for even a loaded machine
			long resetEpochSecond = (System.currentTimeMillis() + 500) / 1000 + 3;
			RateLimiterTests.this.setup.maxRetryWait(Duration.ofSeconds(10));
			pollAnswers(fixture(202, "generation-request-running.json").withHeader("X-RateLimit-Limit", "60")
				.withHeader("X-RateLimit-Remaining", "0")
				.withHeader("X-RateLimit-Reset", String.valueOf(resetEpochSecond)),
					fixture(200, "generation-request-finalized.json"));

			assertThat(client().generationRequest(REQUEST).finalized()).isFalse();
			Instant reset = Instant.ofEpochSecond(resetEpochSecond);
			assertThat(client().generationRequest(REQUEST).finalized()).isTrue();

			assertThat(Instant.now()).isAfterOrEqualTo(reset);
		}

		@Test
		void holdsOnlyReadsAndStopsResumablyWhenTheResetIsTooFarAway() {
			Instant reset = Instant.now().plusSeconds(60);
			api.stubFor(get(urlPathEqualTo(POLL)).willReturn(fixture(202, "generation-request-running.json")
				.withHeader("X-RateLimit-Remaining", "0")
				.withHeader("X-RateLimit-Reset", String.valueOf(reset.getEpochSecond()))));
			api.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(fixture(200, "generate-accepted.json")));
			client().generationRequest(REQUEST);
			long start = System.nanoTime();

			client().generate(DESIGN, ROW);

			assertThat(millisSince(start)).as("a submission does not wait for the read budget").isLessThan(10_000);
			assertThatExceptionOfType(RateLimitExceededException.class).isThrownBy(() -> client().generationRequest(REQUEST))
				.satisfies((exceeded) -> assertThat(exceeded.retryAt()).isEqualTo(Instant.ofEpochSecond(reset.getEpochSecond())));
			api.verify(1, getRequestedFor(urlPathEqualTo(POLL)));
		}

	}

	@Nested
	class WhenPacingCalls {

		@Test
		void spacesCallsAtTheConfiguredRate() {
			RateLimiterTests.this.setup.rateLimit(20);
			api.stubFor(get(urlPathEqualTo(POLL)).willReturn(fixture(200, "generation-request-running.json")));
			client().generationRequest(REQUEST); // warms up the connection, not to time its setup
			long start = System.nanoTime();

			for (int call = 0; call < 10; call++) {
				client().generationRequest(REQUEST);
			}

			// one call every 50 ms: the bucket holds one token, so at most the first call goes at once, never a burst
			assertThat(millisSince(start)).isGreaterThanOrEqualTo(440L);
			api.verify(11, getRequestedFor(urlPathEqualTo(POLL)));
		}

	}

}
