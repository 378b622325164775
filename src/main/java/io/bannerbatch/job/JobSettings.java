package io.bannerbatch.job;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the job paces itself.
 *
 * @param chunkSize rows per chunk: the unit of commit and of restart
 * @param generationTimeout a request not finalized this long after its submission is FAILED ({@code timed out})
 * @param firstPollDelay the first guess of how long a generation takes, until the run has measured some
 * @param maxPollDelay the longest wait between two polls of one request
 */
@ConfigurationProperties("bannerbatch.job")
public record JobSettings(@DefaultValue("50") int chunkSize, @DefaultValue("15m") Duration generationTimeout,
		@DefaultValue("3s") Duration firstPollDelay, @DefaultValue("30s") Duration maxPollDelay) {
}
