package io.bannerbatch.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The files behind the URLs the API hands out, served without a key like a CDN would: banner images (rendered when
 * first fetched, never before), export ZIPs, design previews, and the product placeholder images the sample catalog
 * points at.
 */
final class FileDownloads implements HttpHandler {

	private static final Pattern BANNER = Pattern.compile("/(?:files|cdn)/([0-9a-fA-F-]{36})\\.(png|jpeg|jpg)");

	private static final Pattern IMAGE = Pattern.compile("/images/([^/]+)\\.png");

	private static final Pattern PREVIEW = Pattern.compile("/previews/([^/]+)/([^/]+)\\.png");

	private static final Pattern EXPORT = Pattern.compile("/exports/([^/]+)\\.zip");

	private final GenerationRequests generationRequests;

	private final ExportArchives exports;

	private final DesignCatalog catalog;

	private final BannerRenderer renderer;

	private final Tally tally;

	private final JsonMapper json;

	FileDownloads(GenerationRequests generationRequests, ExportArchives exports, DesignCatalog catalog,
			BannerRenderer renderer, Tally tally, JsonMapper json) {
		this.generationRequests = generationRequests;
		this.exports = exports;
		this.catalog = catalog;
		this.renderer = renderer;
		this.tally = tally;
		this.json = json;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			try (InputStream in = exchange.getRequestBody()) {
				in.readAllBytes();
			}
			String path = exchange.getRequestURI().getPath();
			this.tally.call("GET /" + path.split("/")[1]);
			if (!"GET".equals(exchange.getRequestMethod())) {
				notFound().send(exchange);
				return;
			}
			Matcher export = EXPORT.matcher(path);
			if (export.matches()) {
				sendZip(exchange, export.group(1));
				return;
			}
			Reply reply;
			try {
				reply = reply(path);
			}
			catch (RuntimeException ex) {
				reply = Reply.json(500, this.json.createObjectNode().put("message", "Cannot render " + path + ": " + ex),
						this.json);
			}
			reply.send(exchange);
		}
		catch (IOException ex) {
			// the client went away mid-download; nothing to answer
		}
	}

	private Reply reply(String path) {
		Matcher banner = BANNER.matcher(path);
		if (banner.matches()) {
			return this.generationRequests.finalizedBanner(banner.group(1).toLowerCase())
				.map((found) -> Reply.bytes(found.contentType(),
						this.renderer.render(found.design(), found.format(), found.values())))
				.orElseGet(this::notFound);
		}
		Matcher image = IMAGE.matcher(path);
		if (image.matches()) {
			return Reply.bytes("image/png", this.renderer.placeholder(image.group(1)));
		}
		Matcher preview = PREVIEW.matcher(path);
		if (preview.matches()) {
			Optional<Design> design = this.catalog.find(preview.group(1));
			Optional<DesignFormat> format = design.flatMap((found) -> found.format(preview.group(2)));
			if (format.isPresent()) {
				return Reply.bytes("image/png",
						this.renderer.render(design.get(), withPngOutput(format.get()), Map.of()));
			}
		}
		return notFound();
	}

	private void sendZip(HttpExchange exchange, String exportId) throws IOException {
		Optional<ExportArchive> archive = this.exports.find(exportId).filter(this.exports::isReady);
		if (archive.isEmpty()) {
			notFound().send(exchange);
			return;
		}
		exchange.getResponseHeaders().set("Content-Type", "application/zip");
		exchange.getResponseHeaders()
			.set("Content-Disposition", "attachment; filename=\"export-" + exportId + ".zip\"");
		// chunked: the archive is written as its banners are rendered
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream out = exchange.getResponseBody()) {
			this.exports.writeZip(archive.get(), out);
		}
	}

	private static DesignFormat withPngOutput(DesignFormat format) {
		return new DesignFormat(format.id(), format.width(), format.height(), format.unit(), format.dpi(), "png");
	}

	private Reply notFound() {
		return Reply.json(404, this.json.createObjectNode().put("message", "Not Found"), this.json);
	}

}
