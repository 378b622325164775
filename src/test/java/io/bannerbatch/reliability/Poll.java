package io.bannerbatch.reliability;

import java.time.Duration;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.fail;

/** Waiting for a condition to hold, polled, never for a fixed time. */
final class Poll {

	private static final long INTERVAL_MILLIS = 20;

	private Poll() {
	}

	/** The first non-null value {@code probe} gives; fails when none comes within {@code timeout}. */
	static <T> T until(Duration timeout, Supplier<T> probe) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			T value = probe.get();
			if (value != null) {
				return value;
			}
			if (System.nanoTime() > deadline) {
				fail("gave up waiting after " + timeout);
			}
			pause();
		}
	}

	static void pause() {
		try {
			Thread.sleep(INTERVAL_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
