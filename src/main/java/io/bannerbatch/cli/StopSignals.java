package io.bannerbatch.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

import io.bannerbatch.job.StopSignal;
import sun.misc.Signal;

/**
 * SIGTERM and Ctrl-C ask the job to stop at the next boundary, with what is in flight recorded, and the process then
 * exits 1 (resumable). By default the JVM would run its shutdown hooks instead and leave the run looking alive, exit
 * 143. A second signal ends the process at once.
 */
final class StopSignals {

	private StopSignals() {
	}

	static void install(StopSignal stop, PrintStream err) {
		AtomicInteger received = new AtomicInteger();
		for (String name : new String[] { "TERM", "INT" }) {
			try {
				Signal.handle(new Signal(name), (signal) -> {
					if (received.incrementAndGet() == 1) {
						err.println("Stopping: finishing the calls in flight (signal again to quit at once)...");
						stop.request();
					}
					else {
						Runtime.getRuntime().halt(1);
					}
				});
			}
			catch (IllegalArgumentException ex) {
				// a platform without this signal: the default behaviour stays
			}
		}
	}

}
