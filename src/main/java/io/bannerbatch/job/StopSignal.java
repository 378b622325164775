package io.bannerbatch.job;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.stereotype.Component;

/**
 * A request to stop (SIGTERM, Ctrl-C): the steps finish the calls in flight, record them, and end the run STOPPED at
 * the next boundary, resumable by the same command.
 */
@Component
public class StopSignal {

	private final AtomicBoolean requested = new AtomicBoolean();

	public void request() {
		this.requested.set(true);
	}

	public boolean isRequested() {
		return this.requested.get();
	}

}
