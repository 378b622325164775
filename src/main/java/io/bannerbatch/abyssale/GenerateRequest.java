package io.bannerbatch.abyssale;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /async/banner-builder/{design}/generate}: element name → property → value, and the formats.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record GenerateRequest(Map<String, Map<String, String>> elements,
		@JsonProperty("template_format_names") List<String> templateFormatNames,
		@JsonProperty("callback_url") String callbackUrl) {
}
