package io.bannerbatch.abyssale;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Response of the export call; the archive itself arrives only by callback. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportAccepted(@JsonProperty("export_id") String exportId) {
}
