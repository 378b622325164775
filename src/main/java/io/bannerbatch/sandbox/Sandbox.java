package io.bannerbatch.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * An offline Abyssale API on the loopback interface: designs, asynchronous generation with polling and callbacks,
 * exports as real ZIPs of real images, with the documented or today's error shapes, a rate limit, and seeded faults.
 * <p>
 * Endpoints needing {@code x-api-key}: {@code GET /designs/{id}} (today) or {@code GET /templates/{id}} (documented),
 * {@code POST /async/banner-builder/{id}/generate}, {@code GET /generation-request/{id}},
 * {@code POST /async/banners/export}. Without a key: {@code GET /ready}, {@code /files/*} and {@code /cdn/*} (banner
 * images, rendered on first fetch), {@code /exports/{id}.zip}, {@code /images/{name}.png} (product placeholders),
 * {@code /previews/{design}/{format}.png}, {@code GET /_sandbox/counts} (the {@link SandboxCounts} as JSON) and
 * {@code GET /_sandbox/exports/{id}} (the NEW_EXPORT payload: 200 once ready, 202 before).
 * <p>
 * Every thread is a daemon and {@link #close()} may be called more than once, so a shutdown hook can close it.
 */
public final class Sandbox implements AutoCloseable {

	private static final int SERVER_THREADS = 32;

	private final HttpServer server;

	private final ExecutorService serverThreads;

	private final ScheduledExecutorService scheduler;

	private final Tally tally;

	private final URI baseUrl;

	private final AtomicBoolean closed = new AtomicBoolean();

	private Sandbox(HttpServer server, ExecutorService serverThreads, ScheduledExecutorService scheduler, Tally tally,
			URI baseUrl) {
		this.server = server;
		this.serverThreads = serverThreads;
		this.scheduler = scheduler;
		this.tally = tally;
		this.baseUrl = baseUrl;
	}

	/**
	 * Starts a sandbox on 127.0.0.1 at the settings' port (0 for any free one) and returns once it accepts calls.
	 * @throws UncheckedIOException when the port cannot be bound
	 */
	public static Sandbox start(SandboxSettings settings) {
		// before any AWT class loads: banners are drawn on servers without a display
		System.setProperty("java.awt.headless", "true");
		// without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: 40 ms per call
		System.setProperty("sun.net.httpserver.nodelay", "true");
		HttpServer server;
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the sandbox on 127.0.0.1:" + settings.port(), ex);
		}
		URI baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
		String base = baseUrl.toString();
		JsonMapper json = JsonMapper.builder().build();
		InstantSource clock = InstantSource.system();
		Tally tally = new Tally();
		SeededRandom random = new SeededRandom(settings.seed());
		ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemonThreads("sandbox-scheduler"));
		WebhookSender webhooks = new WebhookSender(scheduler, json, Duration.ofSeconds(1));
		DesignCatalog catalog = DesignCatalog.fromClasspath(json);
		BannerRenderer renderer = new BannerRenderer();
		GenerationRequests generationRequests = new GenerationRequests(catalog, settings, random, tally, webhooks,
				scheduler, clock, json, base);
		ExportArchives exports = new ExportArchives(generationRequests, renderer, settings, tally, webhooks, scheduler,
				clock, json, base);
		RequestRateLimiter rateLimiter = new RequestRateLimiter(settings.rateLimitPerSecond(), System::nanoTime);
		SandboxControl control = new SandboxControl(tally, exports, json);
		FileDownloads downloads = new FileDownloads(generationRequests, exports, catalog, renderer, tally, json);
		server.createContext("/", new ApiGateway(settings, catalog, generationRequests, exports, rateLimiter, random,
				tally, clock, json, base));
		server.createContext("/ready", control);
		server.createContext("/_sandbox/", control);
		for (String files : new String[] { "/files/", "/cdn/", "/images/", "/previews/", "/exports/" }) {
			server.createContext(files, downloads);
		}
		ExecutorService serverThreads = Executors.newFixedThreadPool(SERVER_THREADS, daemonThreads("sandbox-http"));
		server.setExecutor(serverThreads);
		server.start();
		return new Sandbox(server, serverThreads, scheduler, tally, baseUrl);
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * {@code http://127.0.0.1:<port>}, without a trailing slash: the base URL to give an Abyssale client.
	 */
	public URI baseUrl() {
		return this.baseUrl;
	}

	public SandboxCounts counts() {
		return this.tally.snapshot();
	}

	/**
	 * The counts as a few lines of text, to print when a run ends.
	 */
	public String describeCounts() {
		return counts().describe();
	}

	/**
	 * Stops answering at once and drops pending callbacks.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.scheduler.shutdownNow();
			this.server.stop(0);
			this.serverThreads.shutdownNow();
		}
	}

	private static ThreadFactory daemonThreads(String name) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
