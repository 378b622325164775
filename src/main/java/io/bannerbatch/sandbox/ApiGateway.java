package io.bannerbatch.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.time.InstantSource;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every call to an API endpoint passes here, in the order a gateway would apply: count it, check the key, apply the
 * rate limit, inject faults, then route it.
 * <p>
 * The rate limit answers in the style's words. Documented: {@code {"message": "Too Many Requests"}} with
 * {@code Retry-After: 1}. Today: a generate or export POST above the ceiling gets the bare
 * {@code rate_limit_exceeded} without {@code Retry-After} (it clears in under a second, as the gateway's ceiling
 * does); a read or poll, which spends a budget announced by {@code X-RateLimit-*} headers, gets
 * {@code request_rate_limited} with {@code Retry-After} in whole seconds until a call is allowed again.
 */
final class ApiGateway implements HttpHandler {

	private static final Logger LOGGER = Logger.getLogger(ApiGateway.class.getName());

	private static final List<Route> ROUTES = List.of(
			new Route("GET", Pattern.compile("/designs/([^/]+)"), "GET /designs", true),
			new Route("GET", Pattern.compile("/templates/([^/]+)"), "GET /templates", true),
			new Route("POST", Pattern.compile("/async/banner-builder/([^/]+)/generate"), "POST generate", false),
			new Route("GET", Pattern.compile("/generation-request/([^/]+)"), "GET generation-request", true),
			new Route("POST", Pattern.compile("/async/banners/(export)"), "POST export", false));

	private final SandboxSettings settings;

	private final DesignCatalog catalog;

	private final GenerationRequests generationRequests;

	private final ExportArchives exports;

	private final RequestRateLimiter rateLimiter;

	private final SeededRandom random;

	private final Tally tally;

	private final InstantSource clock;

	private final JsonMapper json;

	private final String baseUrl;

	ApiGateway(SandboxSettings settings, DesignCatalog catalog, GenerationRequests generationRequests,
			ExportArchives exports, RequestRateLimiter rateLimiter, SeededRandom random, Tally tally,
			InstantSource clock, JsonMapper json, String baseUrl) {
		this.settings = settings;
		this.catalog = catalog;
		this.generationRequests = generationRequests;
		this.exports = exports;
		this.rateLimiter = rateLimiter;
		this.random = random;
		this.tally = tally;
		this.clock = clock;
		this.json = json;
		this.baseUrl = baseUrl;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			answer(exchange, body).send(exchange);
		}
	}

	private Reply answer(HttpExchange exchange, byte[] body) {
		String path = trimTrailingSlash(exchange.getRequestURI().getPath());
		Route route = ROUTES.stream()
			.filter((candidate) -> candidate.matches(exchange.getRequestMethod(), path))
			.findFirst()
			.orElse(null);
		this.tally.call((route != null) ? route.label() : "other");
		RequestRateLimiter.Decision limit = null;
		try {
			checkKey(exchange.getRequestHeaders().getFirst("x-api-key"));
			limit = this.rateLimiter.tryAcquire(this.clock.millis());
			if (!limit.allowed()) {
				this.tally.rateLimited();
				throw rateLimited(route, limit);
			}
			if (this.random.happens(this.settings.slowCallRate())) {
				Thread.sleep(this.settings.slowCallDelay().toMillis());
			}
			if (this.random.happens(this.settings.serverErrorRate())) {
				throw ApiError.of(500, "internal_server_error", "Internal Server Error (injected by the sandbox)");
			}
			if (route == null) {
				throw notFoundEndpoint(path);
			}
			return withBudgetHeaders(dispatch(route, path, body), route, limit);
		}
		catch (ApiError error) {
			return withBudgetHeaders(error.reply(this.settings.apiStyle(), this.json), route, limit);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ApiError.of(503, "service_unavailable", "The sandbox is stopping").reply(this.settings.apiStyle(),
					this.json);
		}
		catch (RuntimeException ex) {
			LOGGER.log(Level.WARNING, "Sandbox failed on " + exchange.getRequestMethod() + " " + path, ex);
			return ApiError.of(500, "internal_server_error", "Internal Server Error: " + ex)
				.reply(this.settings.apiStyle(), this.json);
		}
	}

	private Reply dispatch(Route route, String path, byte[] body) {
		String parameter = route.parameter(path);
		return switch (route.label()) {
			case "GET /designs" -> design(ApiStyle.CURRENT, parameter, path);
			case "GET /templates" -> design(ApiStyle.DOCUMENTED, parameter, path);
			case "POST generate" -> this.generationRequests.generate(parameter, parse(body));
			case "GET generation-request" -> this.generationRequests.poll(parameter);
			case "POST export" -> this.exports.export(parse(body));
			default -> throw notFoundEndpoint(path);
		};
	}

	/**
	 * Each style knows only its own path: {@code /designs} is today's name, {@code /templates} the documented one.
	 */
	private Reply design(ApiStyle pathStyle, String designId, String path) {
		if (this.settings.apiStyle() != pathStyle) {
			throw notFoundEndpoint(path);
		}
		Design design = this.catalog.find(designId)
			.orElseThrow(() -> ApiError.of(404, "template_not_found", "Template " + designId + " not found"));
		return Reply.json(200, this.catalog.details(design, this.settings.apiStyle(), this.baseUrl, this.json),
				this.json);
	}

	private void checkKey(String key) {
		boolean accepted = (this.settings.apiKey() != null) ? this.settings.apiKey().equals(key)
				: key != null && !key.isBlank();
		if (!accepted) {
			throw ApiError.of(401, "unauthorized",
					(key == null || key.isBlank()) ? "Missing API key: send it in the x-api-key header"
							: "Invalid API key");
		}
	}

	private ApiError rateLimited(Route route, RequestRateLimiter.Decision limit) {
		if (this.settings.apiStyle() == ApiStyle.DOCUMENTED) {
			return ApiError.of(429, "rate_limit_exceeded", "Too Many Requests").withRetryAfter(1);
		}
		if (route != null && route.budgeted()) {
			return ApiError.of(429, "request_rate_limited", "Too many requests: the read and polling budget is spent")
				.withRetryAfter(limit.retryAfterSeconds());
		}
		return ApiError.of(429, "rate_limit_exceeded", "Rate limit exceeded");
	}

	private Reply withBudgetHeaders(Reply reply, Route route, RequestRateLimiter.Decision limit) {
		if (this.settings.apiStyle() != ApiStyle.CURRENT || route == null || !route.budgeted() || limit == null
				|| this.rateLimiter.isUnlimited()) {
			return reply;
		}
		return reply.withHeader("X-RateLimit-Limit", Long.toString(limit.limit()))
			.withHeader("X-RateLimit-Remaining", Long.toString(limit.remaining()))
			.withHeader("X-RateLimit-Reset", Long.toString(limit.resetEpochSecond()));
	}

	/**
	 * Today's API names a wrong path {@code endpoint_not_found}; the documented one answers a plain
	 * {@code {"message": "Not Found"}}.
	 */
	private ApiError notFoundEndpoint(String path) {
		return (this.settings.apiStyle() == ApiStyle.CURRENT)
				? ApiError.of(404, "endpoint_not_found", "No endpoint at " + path) : ApiError.of(404, "not_found", "Not Found");
	}

	private JsonNode parse(byte[] body) {
		if (body.length == 0) {
			return this.json.createObjectNode();
		}
		try {
			return this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw ApiError.invalid(new ValidationErrors().add("_schema", "invalid_json", "Invalid JSON body.",
					"a JSON object", ex.getOriginalMessage()));
		}
	}

	private static String trimTrailingSlash(String path) {
		return (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
	}

	private record Route(String method, Pattern pattern, String label, boolean budgeted) {

		boolean matches(String requestMethod, String path) {
			return this.method.equals(requestMethod) && this.pattern.matcher(path).matches();
		}

		String parameter(String path) {
			Matcher matcher = this.pattern.matcher(path);
			return matcher.matches() ? matcher.group(1) : null;
		}

	}

}
