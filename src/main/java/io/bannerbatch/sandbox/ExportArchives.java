package io.bannerbatch.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Banner exports: {@code POST /async/banners/export}, the NEW_EXPORT callback, and the ZIP itself. The archive is
 * written while it is downloaded, rendering each banner on the way, so an export of thousands of banners costs no
 * memory until someone fetches it.
 */
final class ExportArchives {

	static final int ID_LENGTH = 36;

	private final Map<String, ExportArchive> exports = new ConcurrentHashMap<>();

	private final GenerationRequests generationRequests;

	private final BannerRenderer renderer;

	private final SandboxSettings settings;

	private final Tally tally;

	private final WebhookSender webhooks;

	private final ScheduledExecutorService scheduler;

	private final InstantSource clock;

	private final JsonMapper json;

	private final String baseUrl;

	ExportArchives(GenerationRequests generationRequests, BannerRenderer renderer, SandboxSettings settings, Tally tally,
			WebhookSender webhooks, ScheduledExecutorService scheduler, InstantSource clock, JsonMapper json,
			String baseUrl) {
		this.generationRequests = generationRequests;
		this.renderer = renderer;
		this.settings = settings;
		this.tally = tally;
		this.webhooks = webhooks;
		this.scheduler = scheduler;
		this.clock = clock;
		this.json = json;
		this.baseUrl = baseUrl;
	}

	/**
	 * Documented: any unknown banner is a 404. Today: 404 {@code visual_not_found} only when none exists; otherwise
	 * the archive holds the ones found.
	 */
	Reply export(JsonNode body) {
		List<String> ids = ids(body);
		String callbackUrl = callbackUrl(body);
		List<Banner> found = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (String id : ids) {
			Optional<Banner> banner = this.generationRequests.finalizedBanner(id);
			if (banner.isPresent()) {
				if (seen.add(id)) {
					found.add(banner.get());
				}
			}
			else if (this.settings.apiStyle() == ApiStyle.DOCUMENTED) {
				throw ApiError.of(404, "visual_not_found", "Banner " + id + " not found");
			}
		}
		if (found.isEmpty()) {
			throw ApiError.of(404, "visual_not_found", "None of the " + ids.size() + " visuals was found");
		}
		Instant requestedAt = this.clock.instant();
		// the archive takes as long as the fastest generation: tests and demos tune one knob for both
		ExportArchive archive = new ExportArchive(UUID.randomUUID().toString(), List.copyOf(found), requestedAt,
				requestedAt.plus(this.settings.minDuration()), callbackUrl);
		this.exports.put(archive.id(), archive);
		this.tally.export();
		if (callbackUrl != null) {
			this.scheduler.schedule(() -> this.webhooks.deliver(callbackUrl, newExportEvent(archive)),
					this.settings.minDuration().toMillis(), TimeUnit.MILLISECONDS);
		}
		ObjectNode answer = this.json.createObjectNode().put("export_id", archive.id());
		if (this.settings.apiStyle() == ApiStyle.CURRENT) {
			answer.put("version", ApiStyle.CURRENT_VERSION);
		}
		return Reply.json(200, answer, this.json);
	}

	Optional<ExportArchive> find(String exportId) {
		return Optional.ofNullable(this.exports.get(exportId));
	}

	boolean isReady(ExportArchive archive) {
		return archive.isReadyAt(this.clock.instant());
	}

	ObjectNode newExportEvent(ExportArchive archive) {
		ObjectNode event = this.json.createObjectNode();
		event.put("export_id", archive.id());
		event.put("archive_url", archiveUrl(archive));
		event.put("requested_at", archive.requestedAt().getEpochSecond());
		event.put("generated_at", archive.generatedAt().getEpochSecond());
		return event;
	}

	String archiveUrl(ExportArchive archive) {
		return this.baseUrl + "/exports/" + archive.id() + ".zip";
	}

	void writeZip(ExportArchive archive, OutputStream out) throws IOException {
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			for (Banner banner : archive.banners()) {
				zip.putNextEntry(new ZipEntry(banner.filename()));
				zip.write(this.renderer.render(banner.design(), banner.format(), banner.values()));
				zip.closeEntry();
			}
		}
	}

	private static List<String> ids(JsonNode body) {
		ValidationErrors errors = new ValidationErrors();
		JsonNode ids = (body != null) ? body.get("ids") : null;
		List<String> values = new ArrayList<>();
		if (ids == null || ids.isNull()) {
			errors.add(List.of("media", "ids"), "ids", "required", "Missing data for required field.", "array of ids",
					null);
		}
		else if (!ids.isArray() || ids.isEmpty()) {
			errors.add(List.of("media", "ids"), "ids", "invalid_type", "Must be a non-empty list.", "array of ids",
					ids.toString());
		}
		else {
			for (int i = 0; i < ids.size(); i++) {
				JsonNode id = ids.get(i);
				if (!id.isString() || id.stringValue().length() != ID_LENGTH) {
					errors.add(List.of("media", "ids", Integer.toString(i)), "ids." + i, "invalid_length",
							"Length must be " + ID_LENGTH + ".", ID_LENGTH + " characters", id.asString());
				}
				else {
					values.add(id.stringValue());
				}
			}
		}
		if (!errors.isEmpty()) {
			throw ApiError.invalid(errors);
		}
		return values;
	}

	private static String callbackUrl(JsonNode body) {
		JsonNode url = body.get("callback_url");
		if (url == null || url.isNull()) {
			return null;
		}
		if (!url.isString() || !GenerateBodyValidator.isHttpUrl(url.stringValue())) {
			throw ApiError.invalid(new ValidationErrors().add(List.of("media", "callback_url"), "callback_url",
					"invalid_format", "Not a valid URL.", "an absolute http(s) URL", url.asString()));
		}
		return url.stringValue();
	}

}
