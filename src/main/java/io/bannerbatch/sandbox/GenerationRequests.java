package io.bannerbatch.sandbox;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generate calls and their requests: validation, credits, the drawn outcome, polling, and the NEW_BANNER_BATCH
 * callback when a request finalizes.
 */
final class GenerationRequests {

	static final String INJECTED_FAILURE_REASON = "The format could not be rendered (failure injected by the sandbox)";

	private static final int LABEL_PAYLOAD_LENGTH = 40;

	private final Map<String, GenerationRequest> requests = new ConcurrentHashMap<>();

	private final Map<String, Banner> banners = new ConcurrentHashMap<>();

	private final DesignCatalog catalog;

	private final SandboxSettings settings;

	private final GenerateBodyValidator validator;

	private final SeededRandom random;

	private final Tally tally;

	private final WebhookSender webhooks;

	private final ScheduledExecutorService scheduler;

	private final InstantSource clock;

	private final JsonMapper json;

	private final JsonMapper canonicalJson;

	private final String baseUrl;

	private long billedGenerations;

	GenerationRequests(DesignCatalog catalog, SandboxSettings settings, SeededRandom random, Tally tally,
			WebhookSender webhooks, ScheduledExecutorService scheduler, InstantSource clock, JsonMapper json,
			String baseUrl) {
		this.catalog = catalog;
		this.settings = settings;
		this.validator = new GenerateBodyValidator(settings.apiStyle());
		this.random = random;
		this.tally = tally;
		this.webhooks = webhooks;
		this.scheduler = scheduler;
		this.clock = clock;
		this.json = json;
		this.canonicalJson = json.rebuild().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();
		this.baseUrl = baseUrl;
	}

	Reply generate(String designId, JsonNode body) {
		Design design = this.catalog.find(designId)
			.orElseThrow(() -> ApiError.of(404, "template_not_found", "Template " + designId + " not found"));
		if (this.settings.designTypesNotInPlan().contains(design.type())) {
			throw ApiError.of(429, "feature_not_in_plan",
					"Generating " + design.type() + " designs is not included in your plan");
		}
		GenerateBody generate = this.validator.validate(design, body);
		GenerationRequest request = submit(design, generate);
		this.tally.generationRequest(label(designId, body));
		if (request.callbackUrl() != null) {
			this.scheduler.schedule(() -> this.webhooks.deliver(request.callbackUrl(), callbackPayload(request)),
					request.duration().toMillis(), TimeUnit.MILLISECONDS);
		}
		ObjectNode answer = this.json.createObjectNode().put("generation_request_id", request.id());
		return Reply.json(200, versioned(answer), this.json);
	}

	/**
	 * Documented: always 200 with {@code is_finalized}. Today: 202 while running, 200 once finalized, 410 once gone.
	 */
	Reply poll(String requestId) {
		GenerationRequest request = this.requests.get(requestId);
		Instant now = this.clock.instant();
		boolean current = this.settings.apiStyle() == ApiStyle.CURRENT;
		if (request == null) {
			throw ApiError.of(404, "generation_request_not_found", "Generation request " + requestId + " not found");
		}
		if (request.isExpiredAt(now, this.settings.expireAfter())) {
			if (current) {
				throw ApiError.of(410, "generation_request_gone",
						"Generation request " + requestId + " has expired and its results are gone");
			}
			throw ApiError.of(404, "generation_request_not_found", "Generation request " + requestId + " not found");
		}
		boolean finalized = request.isFinalizedAt(now);
		ObjectNode payload = this.json.createObjectNode();
		payload.put("is_finalized", finalized);
		payload.put("id", request.id());
		results(request, finalized, payload);
		int status = (current && !finalized) ? 202 : 200;
		return Reply.json(status, versioned(payload), this.json);
	}

	/**
	 * A banner whose request has finalized; before that its id is not known to anyone.
	 */
	Optional<Banner> finalizedBanner(String bannerId) {
		Banner banner = this.banners.get(bannerId);
		if (banner == null) {
			return Optional.empty();
		}
		GenerationRequest request = this.requests.get(banner.requestId());
		return (request != null && request.isFinalizedAt(this.clock.instant())) ? Optional.of(banner) : Optional.empty();
	}

	ObjectNode callbackPayload(GenerationRequest request) {
		ObjectNode payload = this.json.createObjectNode();
		payload.put("generation_request_id", request.id());
		results(request, true, payload);
		return payload;
	}

	private GenerationRequest submit(Design design, GenerateBody generate) {
		// one lock: the credit check and the draws happen in call order, so a seed replays the same outcome
		synchronized (this) {
			int credits = this.settings.creditsAfterGenerations();
			if (credits > 0 && this.billedGenerations >= credits) {
				throw ApiError.of(429, "rate_limit_exceeded", "Your workspace has no credits left: "
						+ this.billedGenerations + " visuals generated, upgrade your plan or buy credits to continue");
			}
			this.billedGenerations++;
			String requestId = UUID.randomUUID().toString();
			Duration duration = this.random.between(this.settings.minDuration(), this.settings.maxDuration());
			List<Banner> banners = new ArrayList<>();
			List<GenerationRequest.FormatError> errors = new ArrayList<>();
			for (DesignFormat format : generate.formats()) {
				if (this.random.happens(this.settings.formatFailureRate())) {
					errors.add(new GenerationRequest.FormatError(format.id(), INJECTED_FAILURE_REASON));
				}
				else {
					String bannerId = UUID.randomUUID().toString();
					banners.add(new Banner(bannerId, requestId, design, format, generate.values(),
							bannerId.substring(0, 8) + bannerId.substring(24)));
				}
			}
			GenerationRequest request = new GenerationRequest(requestId, design, this.clock.instant(), duration,
					List.copyOf(banners), List.copyOf(errors), generate.callbackUrl());
			banners.forEach((banner) -> this.banners.put(banner.id(), banner));
			this.requests.put(requestId, request);
			return request;
		}
	}

	private void results(GenerationRequest request, boolean finalized, ObjectNode payload) {
		ArrayNode banners = payload.putArray("banners");
		ArrayNode errors = payload.putArray("errors");
		if (!finalized) {
			return;
		}
		boolean current = this.settings.apiStyle() == ApiStyle.CURRENT;
		Design design = request.design();
		for (Banner banner : request.banners()) {
			ObjectNode item = banners.addObject();
			item.put("id", banner.id());
			ObjectNode format = item.putObject("format");
			format.put("id", banner.format().id());
			format.set("width", banner.format().width());
			format.set("height", banner.format().height());
			ObjectNode template = item.putObject("template");
			template.put("id", design.id());
			template.put("name", design.name());
			template.put("type", design.type());
			template.put("created_at", design.createdAt());
			template.put("updated_at", design.updatedAt());
			template.put("category_name", design.categoryName());
			ObjectNode file = item.putObject("file");
			file.put("type", banner.extension());
			file.put("url", this.baseUrl + "/files/" + banner.id() + "." + banner.extension());
			file.put("cdn_url", this.baseUrl + "/cdn/" + banner.id() + "." + banner.extension());
			file.put("filename", banner.filename());
			if (current) {
				item.put("version", 1);
				item.put("sharing_id", banner.sharingId());
			}
		}
		for (GenerationRequest.FormatError error : request.errors()) {
			errors.addObject().put("template_format_name", error.templateFormatName()).put("reason", error.reason());
		}
	}

	private ObjectNode versioned(ObjectNode body) {
		if (this.settings.apiStyle() == ApiStyle.CURRENT) {
			body.put("version", ApiStyle.CURRENT_VERSION);
		}
		return body;
	}

	/**
	 * The first text payload and a short hash of the body without its callback URL (where the answer goes, not what
	 * is generated): two rows with the same label are the same banner bought twice.
	 */
	private String label(String designId, JsonNode body) {
		ObjectNode identity = this.json.createObjectNode();
		identity.put("design", designId);
		identity.set("elements", body.get("elements"));
		identity.set("template_format_names", body.get("template_format_names"));
		String firstPayload = "(no text)";
		for (JsonNode element : body.path("elements").values()) {
			if (element.path("payload").isString()) {
				firstPayload = element.get("payload").stringValue().replaceAll("\\s+", " ").strip();
				break;
			}
		}
		if (firstPayload.length() > LABEL_PAYLOAD_LENGTH) {
			firstPayload = firstPayload.substring(0, LABEL_PAYLOAD_LENGTH - 1) + "…";
		}
		return firstPayload + " #" + sha256(this.canonicalJson.writeValueAsBytes(identity)).substring(0, 8);
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
