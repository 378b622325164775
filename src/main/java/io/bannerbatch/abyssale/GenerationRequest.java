package io.bannerbatch.abyssale;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code GET /generation-request/{id}}: the webhook payload plus {@code is_finalized}. {@code banners} are the
 * formats that succeeded, {@code errors} the formats that failed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenerationRequest(@JsonProperty("is_finalized") boolean finalized,
		@JsonAlias("generation_request_id") String id, List<Banner> banners, List<FormatError> errors) {

	public GenerationRequest {
		banners = (banners != null) ? List.copyOf(banners) : List.of();
		errors = (errors != null) ? List.copyOf(errors) : List.of();
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Banner(String id, BannerFormat format, BannerFile file) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record BannerFormat(String id, Double width, Double height) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record BannerFile(String type, String url, @JsonProperty("cdn_url") String cdnUrl, String filename) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record FormatError(@JsonProperty("template_format_name") String templateFormatName, String reason) {
	}

}
