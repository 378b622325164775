package io.bannerbatch.abyssale;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code POST /async/banners/export}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportRequest(List<String> ids, @JsonProperty("callback_url") String callbackUrl) {
}
