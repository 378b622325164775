package io.bannerbatch.state;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throwaway PostgreSQL server for the tests, the same server the state database runs on in production: one cluster
 * per JVM, started by the first test class that registers it (about a second), stopped by a shutdown hook. Each test
 * takes a new, empty database. Password authentication over TCP, as on a real server, so that the tests prove the
 * password travels from {@code SPRING_DATASOURCE_PASSWORD} to every connection. No PostgreSQL installed: the tests
 * fail, saying what to install; they never skip.
 */
public final class PostgresServer implements BeforeAllCallback {

	public static final String USER = "bannerbatch";

	public static final String PASSWORD = "pg-Secret-7c1e9a4d";

	private static final PostgresServer SHARED = new PostgresServer();

	private final AtomicInteger databases = new AtomicInteger();

	private Path directory;

	private Path bin;

	private int port;

	private PostgresServer() {
	}

	/** The JVM's server: register it with {@code @RegisterExtension static PostgresServer postgres = shared()}. */
	public static PostgresServer shared() {
		return SHARED;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		start();
	}

	synchronized void start() throws IOException, InterruptedException {
		if (this.directory != null) {
			return;
		}
		Path bin = binDirectory();
		Path directory = Files.createTempDirectory("bannerbatch-pg");
		Path password = directory.resolve("password");
		Files.writeString(password, PASSWORD, StandardCharsets.UTF_8);
		if (isRoot()) {
			// initdb refuses root: the cluster belongs to the postgres user, as the package installs it
			UserPrincipal postgres = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
			Files.setOwner(directory, postgres);
			Files.setOwner(password, postgres);
		}
		this.bin = bin;
		this.directory = directory;
		postgres(bin.resolve("initdb"), "-D", directory.resolve("data").toString(), "-U", USER, "--auth-local=trust",
				"--auth-host=scram-sha-256", "--pwfile=" + password, "-E", "UTF8", "--locale=C", "--no-sync");
		this.port = freePort();
		postgres(bin.resolve("pg_ctl"), "-D", directory.resolve("data").toString(), "-o",
				"-p " + this.port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c max_connections=300"
						+ " -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
				"-l", directory.resolve("log").toString(), "-w", "-t", "60", "start");
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "postgres-server-stop"));
	}

	private synchronized void stop() {
		if (this.directory == null) {
			return;
		}
		try {
			postgres(this.bin.resolve("pg_ctl"), "-D", this.directory.resolve("data").toString(), "-m", "fast", "-w",
					"stop");
			try (Stream<Path> files = Files.walk(this.directory)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			System.err.println("Could not stop the test PostgreSQL in " + this.directory + ": " + ex.getMessage());
		}
		this.directory = null;
	}

	/** A new, empty database; its JDBC URL (no credentials: those go in the environment). */
	public String createDatabase(String prefix) {
		String name = (prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + "_"
				+ this.databases.incrementAndGet());
		execute("postgres", "create database " + name);
		return url(name);
	}

	public String url(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	/** The environment of a command that uses the server as its state database. */
	public Map<String, String> environment(String apiKey) {
		return Map.of("ABYSSALE_API_KEY", apiKey, "SPRING_DATASOURCE_USERNAME", USER, "SPRING_DATASOURCE_PASSWORD",
				PASSWORD);
	}

	/** A connection as the server's superuser, to a database by URL or name. */
	public Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(database.startsWith("jdbc:") ? database : url(database), USER, PASSWORD);
	}

	public void execute(String database, String... statements) {
		try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public long count(String database, String query) {
		try (Connection connection = connect(database); Statement statement = connection.createStatement();
				var result = statement.executeQuery(query)) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Ends every session of a database but the caller's: what a DBA, a failover or a network cut does to a job. */
	public int terminateSessions(String database) {
		String name = database.substring(database.lastIndexOf('/') + 1);
		try (Connection connection = connect("postgres");
				PreparedStatement statement = connection.prepareStatement(
						"select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = ? "
								+ "and pid <> pg_backend_pid()")) {
			statement.setString(1, name);
			try (var result = statement.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void postgres(Path command, String... arguments) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>();
		if (isRoot()) {
			line.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		line.add(command.toString());
		line.addAll(List.of(arguments));
		Path output = Files.createTempFile("bannerbatch-pg", ".out");
		try {
			// output to a file, not a pipe: pg_ctl's server keeps its inherited descriptors open
			Process process = new ProcessBuilder(line).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				String log = Files.exists(this.directory.resolve("log")) ? Files.readString(this.directory.resolve("log")) : "";
				throw new IllegalStateException(String.join(" ", line) + " failed:\n" + Files.readString(output) + log);
			}
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private static Path binDirectory() throws IOException {
		Path root = Path.of("/usr/lib/postgresql");
		if (Files.isDirectory(root)) {
			try (Stream<Path> versions = Files.list(root)) {
				List<Path> bins = versions.map((version) -> version.resolve("bin"))
					.filter((bin) -> Files.isExecutable(bin.resolve("initdb")))
					.sorted(Comparator.comparing((Path bin) -> versionOf(bin)).reversed())
					.toList();
				if (!bins.isEmpty()) {
					return bins.get(0);
				}
			}
		}
		throw new IllegalStateException("PostgreSQL is not installed, and the state database tests run against a real "
				+ "server they start themselves: install the postgresql package (apt-get install -y postgresql), "
				+ "which provides /usr/lib/postgresql/<version>/bin/initdb.");
	}

	private static int versionOf(Path bin) {
		try {
			return Integer.parseInt(bin.getParent().getFileName().toString());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
