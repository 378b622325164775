package io.bannerbatch.job;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the job paces itself and what it reuses.
 *
 * @param chunkSize rows per chunk: the unit of commit and of restart
 * @param generationTimeout a request not finalized this long after its submission is FAILED ({@code timed out})
 * @param firstPollDelay the first guess of how long a generation takes, until the run has measured some
 * @param maxPollDelay the longest wait between two polls of one request
 * @param reuse whether a banner already made for an identical request is reused instead of generated again
 * @param reuseMaxAge stored banners older than this are not reused; {@code null} for any age
 * @param export which banners the export holds
 */
@ConfigurationProperties("bannerbatch.job")
public record JobSettings(@DefaultValue("200") int chunkSize, @DefaultValue("15m") Duration generationTimeout,
		@DefaultValue("3s") Duration firstPollDelay, @DefaultValue("30s") Duration maxPollDelay,
		@DefaultValue("true") boolean reuse, Duration reuseMaxAge, @DefaultValue("all") ExportMode export) {

	/** Which banners the export holds. */
	public enum ExportMode {

		/** Every GENERATED line's banner, reused or not: the ZIP is the whole catalog. */
		ALL,
		/** Only the banners generated in this run. */
		NEW,
		/** No export. */
		NONE

	}

}
