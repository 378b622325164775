package io.bannerbatch;

import java.time.Duration;

import io.bannerbatch.sandbox.SandboxSettings;

/** The sandbox as the functional tests use it: no rate limit worth waiting for, generations of tens of milliseconds. */
public final class FastSandbox {

	private FastSandbox() {
	}

	public static SandboxSettings settings() {
		return SandboxSettings.defaults()
			.withRateLimitPerSecond(500)
			.withDurations(Duration.ofMillis(20), Duration.ofMillis(60));
	}

}
