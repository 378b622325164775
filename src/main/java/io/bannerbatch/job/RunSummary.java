package io.bannerbatch.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The summary of a run: printed at the end and written as {@code <output>.summary.json}.
 */
@JsonPropertyOrder({ "status", "rows", "rejected", "generation_requests", "banners_generated", "formats_failed",
		"export_id", "api_calls", "elapsed_seconds", "output", "rate_limited", "uncertain_submissions" })
public record RunSummary(String status, long rows, long rejected,
		@JsonProperty("generation_requests") long generationRequests,
		@JsonProperty("banners_generated") long bannersGenerated, @JsonProperty("formats_failed") long formatsFailed,
		@JsonProperty("export_id") String exportId, @JsonProperty("api_calls") long apiCalls,
		@JsonProperty("elapsed_seconds") double elapsedSeconds, String output,
		@JsonProperty("rate_limited") RateLimited rateLimited,
		@JsonProperty("uncertain_submissions") long uncertainSubmissions) {

	/** 429s received, by kind. */
	public record RateLimited(@JsonProperty("retry_after") long retryAfter, long ceiling, long credits) {
	}

	/** The lines a person reads at the end of a run. */
	public String describe() {
		return String.format("%s: %d rows, %d rejected, %d generation requests, %d banners generated, %d formats failed, "
				+ "export %s, %d API calls, %.1f s%n  results: %s", this.status, this.rows, this.rejected,
				this.generationRequests, this.bannersGenerated, this.formatsFailed,
				(this.exportId != null) ? this.exportId : "none", this.apiCalls, this.elapsedSeconds, this.output);
	}

}
