package io.bannerbatch.abyssale;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Response of the generate call. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenerationAccepted(@JsonProperty("generation_request_id") String generationRequestId) {
}
