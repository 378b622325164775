package io.bannerbatch.job;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to poll a generation request. Every poll spends rate limit, so the first one waits for the time a generation
 * has typically taken so far in this run, learnt from first polls: found finalized, the guess shrinks a little; found
 * running, it grows. The two steps settle where about four first polls in five find the request finalized. Later polls
 * back off exponentially, with jitter, up to the maximum.
 */
class PollSchedule {

	private static final Duration MINIMUM = Duration.ofMillis(200);

	private final Duration maximum;

	private volatile long typicalMillis;

	PollSchedule(JobSettings settings) {
		this.maximum = settings.maxPollDelay();
		this.typicalMillis = settings.firstPollDelay().toMillis();
	}

	Instant firstPoll(Instant submittedAt) {
		return submittedAt.plusMillis(this.typicalMillis);
	}

	Instant nextPoll(Instant now, int pollsSoFar) {
		long base = Math.max(MINIMUM.toMillis(), this.typicalMillis / 4);
		long delay = Math.min(this.maximum.toMillis(), base << Math.min(pollsSoFar, 16));
		return now.plusMillis((long) (delay * ThreadLocalRandom.current().nextDouble(0.8, 1.2)));
	}

	synchronized void learn(boolean firstPoll, boolean finalized) {
		if (!firstPoll) {
			return;
		}
		long next = finalized ? (long) (this.typicalMillis * 0.95) : (long) (this.typicalMillis * 1.25);
		this.typicalMillis = Math.max(MINIMUM.toMillis(), Math.min(this.maximum.toMillis(), next));
	}

}
