package io.bannerbatch.sandbox;

import java.time.Duration;
import java.util.Random;

/**
 * The sandbox's one source of chance (faults, durations), seeded so that the same calls in the same order meet the
 * same faults. Identifiers are not drawn from it: two runs must never hand out the same request id.
 */
final class SeededRandom {

	private final Random random;

	SeededRandom(long seed) {
		this.random = new Random(seed);
	}

	/**
	 * Whether an event of this probability happens; a rate of 0 draws nothing, so turning a fault off does not
	 * shift the others.
	 */
	synchronized boolean happens(double rate) {
		return rate > 0 && this.random.nextDouble() < rate;
	}

	synchronized Duration between(Duration min, Duration max) {
		long spread = max.toNanos() - min.toNanos();
		if (spread <= 0) {
			return min;
		}
		return min.plusNanos((long) (this.random.nextDouble() * spread));
	}

}
