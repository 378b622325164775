package io.bannerbatch.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.bannerbatch.sandbox.Sandbox;
import io.bannerbatch.sandbox.SandboxOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bannerbatch sandbox}: the offline Abyssale emulator, until stopped. */
@Command(name = "sandbox", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Runs the offline Abyssale emulator on 127.0.0.1 until stopped (Ctrl-C), then prints its counts.",
				"Point a run at it with --api-url=http://127.0.0.1:<port> and any non-empty ABYSSALE_API_KEY." })
class SandboxCommand implements Callable<Integer> {

	@Mixin
	SandboxOptions options;

	private final Invocation invocation;

	SandboxCommand(Invocation invocation) {
		this.invocation = invocation;
	}

	@Override
	public Integer call() throws InterruptedException {
		Sandbox sandbox;
		try {
			sandbox = Sandbox.start(this.options.toSettings());
		}
		catch (java.io.UncheckedIOException ex) {
			this.invocation.err().println(ex.getMessage() + " (" + ex.getCause().getMessage()
					+ "): is the port in use? Give another --port.");
			return 2;
		}
		this.invocation.out().println("Sandbox listening on " + sandbox.baseUrl() + " (Ctrl-C to stop)");
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			sandbox.close();
			this.invocation.out().println(sandbox.describeCounts());
			stopped.countDown();
		}, "sandbox-shutdown"));
		stopped.await();
		return 0;
	}

}
