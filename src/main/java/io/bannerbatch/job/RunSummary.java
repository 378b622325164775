package io.bannerbatch.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The summary of a run: printed at the end and written as {@code <output>.summary.json}.
 */
@JsonPropertyOrder({ "status", "rows", "rejected", "generation_requests", "banners_generated", "formats_failed",
		"export_id", "api_calls", "elapsed_seconds", "output", "rate_limited", "uncertain_submissions",
		"banners_reused", "changes" })
public record RunSummary(String status, long rows, long rejected,
		@JsonProperty("generation_requests") long generationRequests,
		@JsonProperty("banners_generated") long bannersGenerated, @JsonProperty("formats_failed") long formatsFailed,
		@JsonProperty("export_id") String exportId, @JsonProperty("api_calls") long apiCalls,
		@JsonProperty("elapsed_seconds") double elapsedSeconds, String output,
		@JsonProperty("rate_limited") RateLimited rateLimited,
		@JsonProperty("uncertain_submissions") long uncertainSubmissions,
		@JsonProperty("banners_reused") long bannersReused, Changes changes) {

	/** Keys compared with the previous completed run that wrote the same output; {@code null} on a first run. */
	public record Changes(@JsonProperty("new") long added, long changed, long unchanged, long removed) {
	}

	/** 429s received, by kind. */
	public record RateLimited(@JsonProperty("retry_after") long retryAfter, long ceiling, long credits) {
	}

	/** The lines a person reads at the end of a run. */
	public String describe() {
		String changed = (this.changes != null) ? String.format("%n  since the last run: %d new, %d changed, %d unchanged, "
				+ "%d removed", this.changes.added(), this.changes.changed(), this.changes.unchanged(),
				this.changes.removed()) : "";
		return String.format("%s: %d rows, %d rejected, %d generation requests, %d banners generated (%d reused), "
				+ "%d formats failed, export %s, %d API calls, %.1f s%s%n  results: %s", this.status, this.rows,
				this.rejected, this.generationRequests, this.bannersGenerated, this.bannersReused, this.formatsFailed,
				(this.exportId != null) ? this.exportId : "none", this.apiCalls, this.elapsedSeconds, changed,
				this.output);
	}

}
