package io.bannerbatch.abyssale;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import io.bannerbatch.abyssale.AbyssaleException.ApiUnavailableException;
import io.bannerbatch.abyssale.AbyssaleException.FeatureNotInPlanException;
import io.bannerbatch.abyssale.AbyssaleException.GoneException;
import io.bannerbatch.abyssale.AbyssaleException.InvalidRequestException;
import io.bannerbatch.abyssale.AbyssaleException.NotFoundException;
import io.bannerbatch.abyssale.AbyssaleException.UnauthorizedException;
import io.bannerbatch.abyssale.AbyssaleException.UncertainSubmissionException;

/**
 * The Abyssale endpoints bannerbatch uses, one method each. Every call goes through the same three layers, each in
 * one place: {@link RetryTemplate} for transient failures, the {@link RateLimiter} for pace and 429s, and
 * {@link #exchange} for turning statuses and both error bodies into exceptions.
 */
public class AbyssaleClient {

	private static final Log logger = LogFactory.getLog(AbyssaleClient.class);

	private final RestClient http;

	private final URI baseUrl;

	private final ApiKey apiKey;

	private final JsonMapper json;

	private final RateLimiter rateLimiter;

	private final ApiCallCounts counts;

	private final RetryPolicy transientFailures;

	private final boolean retryUncertain;

	private volatile DesignRoute designRoute;

	public AbyssaleClient(RestClient http, ApiSettings settings, ApiKey apiKey, JsonMapper json,
			RateLimiter rateLimiter, ApiCallCounts counts) {
		this.http = http;
		this.baseUrl = URI.create(settings.url().toString().replaceAll("/+$", ""));
		this.apiKey = apiKey;
		this.json = json;
		this.rateLimiter = rateLimiter;
		this.counts = counts;
		this.retryUncertain = settings.retryUncertain();
		// a predicate, not includes(): includes() also matches causes, and an UncertainSubmissionException (caused by
		// an ApiUnavailableException) must never be retried
		this.transientFailures = RetryPolicy.builder()
			// the exception itself, not its causes (includes() would also match the 5xx an uncertain submission wraps)
			.predicate(ApiUnavailableException.class::isInstance)
			.maxRetries(settings.maxRetries())
			.delay(settings.retryDelay())
			.multiplier(2)
			.maxDelay(Duration.ofSeconds(30))
			.jitter(settings.retryDelay().dividedBy(4))
			.build();
	}

	/**
	 * {@code GET /designs/{id}}, today's route, falling back to {@code GET /templates/{id}} when the route itself does
	 * not exist (a 404 that does not say the design is missing, or an answer that is no design); the route that worked
	 * is kept for the rest of the run.
	 */
	public Design design(String designId) {
		DesignRoute route = this.designRoute;
		if (route != null) {
			return designFrom(route, designId);
		}
		try {
			Design design = DesignParser.parse(read("design details", DesignRoute.DESIGNS.path(designId)));
			if (design.id() != null) {
				this.designRoute = DesignRoute.DESIGNS;
				return design;
			}
		}
		catch (NotFoundException ex) {
			if (DesignRoute.isMissingDesign(ex.error())) {
				throw ex;
			}
		}
		Design design = designFrom(DesignRoute.TEMPLATES, designId);
		this.designRoute = DesignRoute.TEMPLATES;
		return design;
	}

	private Design designFrom(DesignRoute route, String designId) {
		Design design = DesignParser.parse(read("design details", route.path(designId)));
		if (design.id() == null) {
			throw new ApiUnavailableException("design details", "the answer is not a design (it has no id)", true, null);
		}
		return design;
	}

	/**
	 * Submits one generation. Every generate POST is billed, so a 5xx or a timeout may already have cost a
	 * generation: it is retried only when allowed, and each such retry is counted as uncertain.
	 */
	public Submission generate(String designId, GenerateRequest request) {
		AtomicInteger uncertain = new AtomicInteger();
		byte[] body = this.json.writeValueAsBytes(request);
		GenerationAccepted accepted = retrying(() -> {
			this.counts.generateCall();
			try {
				return this.rateLimiter.call("generate", false,
						() -> exchange("generate", HttpMethod.POST, "/async/banner-builder/" + designId + "/generate",
								body, GenerationAccepted.class));
			}
			catch (ApiUnavailableException ex) {
				if (ex.mayHaveReachedServer()) {
					if (!this.retryUncertain) {
						throw new UncertainSubmissionException(ex);
					}
					uncertain.incrementAndGet();
					this.counts.uncertainSubmission();
				}
				throw ex;
			}
		});
		if (accepted.generationRequestId() == null || accepted.generationRequestId().isBlank()) {
			throw new ApiUnavailableException("generate", "the response has no generation_request_id", true, null);
		}
		return new Submission(accepted.generationRequestId(), uncertain.get());
	}

	/** The id of an accepted generation, and how many of its attempts may each have been billed. */
	public record Submission(String generationRequestId, int uncertainAttempts) {
	}

	/** {@code GET /generation-request/{id}}: 200 and 202 both carry the request, finalized or not. */
	public GenerationRequest generationRequest(String generationRequestId) {
		return retrying(() -> {
			this.counts.pollCall();
			return this.rateLimiter.call("poll", true, () -> exchange("poll", HttpMethod.GET,
					"/generation-request/" + generationRequestId, null, GenerationRequest.class));
		});
	}

	/** {@code POST /async/banners/export}: returns the export id; the archive arrives by callback. */
	public String export(List<String> bannerIds, String callbackUrl) {
		byte[] body = this.json.writeValueAsBytes(new ExportRequest(bannerIds, callbackUrl));
		ExportAccepted accepted = retrying(() -> this.rateLimiter.call("export", false,
				() -> exchange("export", HttpMethod.POST, "/async/banners/export", body, ExportAccepted.class)));
		if (accepted.exportId() == null || accepted.exportId().isBlank()) {
			throw new ApiUnavailableException("export", "the response has no export_id", true, null);
		}
		return accepted.exportId();
	}

	private JsonNode read(String operation, String path) {
		return retrying(
				() -> this.rateLimiter.call(operation, true, () -> exchange(operation, HttpMethod.GET, path, null,
						JsonNode.class)));
	}

	private <T> T retrying(Supplier<T> call) {
		try {
			return new RetryTemplate(this.transientFailures).execute(call::get);
		}
		catch (RetryException ex) {
			if (ex.getLastException() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new ApiUnavailableException("call", String.valueOf(ex.getLastException()), true, ex);
		}
	}

	private <T> T exchange(String operation, HttpMethod method, String path, byte[] body, Class<T> type) {
		this.counts.call();
		try {
			RestClient.RequestBodySpec request = this.http.method(method)
				.uri(this.baseUrl + path)
				.header("x-api-key", this.apiKey.value())
				.accept(MediaType.APPLICATION_JSON);
			if (body != null) {
				request.contentType(MediaType.APPLICATION_JSON).body(body);
			}
			return request.exchange((req, response) -> {
				int status = response.getStatusCode().value();
				byte[] content = response.getBody().readAllBytes();
				HttpHeaders headers = response.getHeaders();
				if (logger.isDebugEnabled()) {
					logger.debug(method + " " + path + " -> " + status);
				}
				if (method == HttpMethod.GET) {
					this.rateLimiter.observeReadBudget(headers.getFirst("X-RateLimit-Remaining"),
							headers.getFirst("X-RateLimit-Reset"));
				}
				if (status >= 200 && status < 300) {
					return parse(operation, content, type);
				}
				throw translate(operation, status, headers, ApiError.parse(content, this.json).redact(this.apiKey));
			}, true);
		}
		catch (ResourceAccessException ex) {
			throw new ApiUnavailableException(operation, describe(ex), mayHaveReachedServer(ex), ex);
		}
	}

	private <T> T parse(String operation, byte[] content, Class<T> type) {
		try {
			T value = this.json.readValue(content, type);
			if (value == null) {
				throw new ApiUnavailableException(operation, "empty response body", true, null);
			}
			return value;
		}
		catch (JacksonException ex) {
			throw new ApiUnavailableException(operation, "malformed JSON in the response", true, ex);
		}
	}

	private static RuntimeException translate(String operation, int status, HttpHeaders headers, ApiError error) {
		String id = (error.id() != null) ? error.id() : "";
		if (status == 429) {
			if (id.equals("feature_not_in_plan")) {
				return new FeatureNotInPlanException(operation, status, error);
			}
			return new TooManyRequests(error, retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER)));
		}
		if (status == 401 || status == 403) {
			return new UnauthorizedException(operation, status, error);
		}
		if (status == 404 && id.equals("format_not_found")) {
			return new InvalidRequestException(operation, status, error);
		}
		if (status == 404) {
			return new NotFoundException(operation, status, error);
		}
		if (status == 410) {
			return new GoneException(operation, status, error);
		}
		if (status == 408 || status >= 500) {
			return new ApiUnavailableException(operation, status, error);
		}
		return new InvalidRequestException(operation, status, error);
	}

	/** {@code Retry-After} in whole seconds or as an HTTP date; anything unreadable counts as a bare 429. */
	static Duration retryAfter(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
		}
		catch (NumberFormatException notSeconds) {
			try {
				Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				Duration wait = Duration.between(Instant.now(), at);
				return wait.isNegative() ? Duration.ZERO : wait;
			}
			catch (DateTimeParseException notDate) {
				return null;
			}
		}
	}

	private static boolean mayHaveReachedServer(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
					|| cause instanceof java.nio.channels.UnresolvedAddressException
					|| cause instanceof java.net.UnknownHostException) {
				return false;
			}
		}
		return true;
	}

	private static String describe(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpTimeoutException) {
				return "timed out waiting for the API";
			}
			if (cause instanceof ConnectException) {
				return "cannot connect to the API";
			}
		}
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return "connection failed (" + root.getClass().getSimpleName()
				+ ((root.getMessage() != null) ? ": " + root.getMessage() : "") + ")";
	}

	private enum DesignRoute {

		DESIGNS("/designs/"), TEMPLATES("/templates/");

		private final String prefix;

		DesignRoute(String prefix) {
			this.prefix = prefix;
		}

		/** With {@code i=advanced}: the advanced properties are settable too, and the preflight must know them. */
		String path(String designId) {
			return this.prefix + designId + "?i=advanced";
		}

		/** A 404 that says the design is missing, as opposed to a route that does not exist. */
		static boolean isMissingDesign(ApiError error) {
			return "template_not_found".equals(error.id()) || "design_not_found".equals(error.id());
		}

	}

}
