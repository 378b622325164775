package io.bannerbatch.state;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The run lock on a shared PostgreSQL: a session-level advisory lock keyed by the run, on a connection of its own.
 * Never a pooled connection: the pool would hand it to others and keep the session (and the lock) after the run. The
 * server releases the lock when the session ends, so a process killed with -9, or a host that is gone, frees its runs
 * without anyone cleaning up. The holder (host, pid, since) goes into {@code bb_run_lock} so that a refused process
 * can name it.
 */
final class PostgresRunLock implements RunLock {

	private static final Log logger = LogFactory.getLog(PostgresRunLock.class);

	private static final List<String> SESSION_SETTINGS = List.of(
			// a host that dies without closing its socket (power cut, network gone) releases its runs in about a
			// minute rather than the operating system's two hours; the client notices a dead connection much sooner
			// (see Held), so the lock never outlives the runner the other way round
			"set tcp_keepalives_idle = 30", "set tcp_keepalives_interval = 10", "set tcp_keepalives_count = 3",
			// the connection is idle for the whole run: a server-wide idle timeout must not end it (PostgreSQL 14+)
			"set idle_session_timeout = 0");

	private static final Duration HOLDER_WAIT = Duration.ofSeconds(2);

	private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

	private final ConnectionFactory connections;

	private final String host;

	private final long pid;

	private final Duration checkInterval;

	PostgresRunLock(ConnectionFactory connections, String host, long pid, Duration checkInterval) {
		this.connections = connections;
		this.host = host;
		this.pid = pid;
		this.checkInterval = checkInterval;
	}

	static PostgresRunLock of(String url, String username, String password) {
		Properties properties = new Properties();
		if (username != null && !username.isEmpty()) {
			properties.setProperty("user", username);
		}
		if (password != null && !password.isEmpty()) {
			properties.setProperty("password", password);
		}
		properties.setProperty("ApplicationName", "bannerbatch run lock");
		properties.setProperty("tcpKeepAlive", "true");
		// the driver itself, not DriverManager, which does not always see drivers inside an executable jar
		Driver driver = new org.postgresql.Driver();
		return new PostgresRunLock(() -> driver.connect(url, properties), hostName(), ProcessHandle.current().pid(),
				Duration.ofSeconds(1));
	}

	@Override
	public Lease acquire(RunKey run, Runnable onLost) {
		Connection connection;
		try {
			connection = this.connections.open();
		}
		catch (SQLException ex) {
			throw failure(run, ex);
		}
		try {
			configure(connection);
			return acquire(connection, run, onLost);
		}
		catch (SQLException ex) {
			close(connection);
			throw failure(run, ex);
		}
		catch (InterruptedException ex) {
			close(connection);
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while taking the run lock of " + run, ex);
		}
		catch (RuntimeException ex) {
			close(connection);
			throw ex;
		}
	}

	private Lease acquire(Connection connection, RunKey run, Runnable onLost)
			throws SQLException, InterruptedException {
		logger.debug("Taking the run lock of " + run);
		long deadline = System.nanoTime() + HOLDER_WAIT.toNanos();
		while (true) {
			if (tryLock(connection, run)) {
				recordHolder(connection, run);
				return new Held(connection, run, onLost, this.checkInterval);
			}
			// the holder writes its row just after taking the lock: wait a moment for it rather than name nobody
			Optional<Integer> session = lockingSession(connection, run);
			Optional<String> holder = session.flatMap((backend) -> holder(connection, run, backend));
			if (holder.isPresent() || System.nanoTime() > deadline) {
				throw new RunHeldException("This run is already running: " + holder.orElse(session
					.map((backend) -> "PostgreSQL session " + backend + " (its host and process are not recorded)")
					.orElse("another process")) + " holds it. Nothing was done here; when that process ends, or dies, "
						+ "the same command resumes the run.");
			}
			Thread.sleep(100);
		}
	}

	private static RuntimeException failure(RunKey run, SQLException ex) {
		return new DataAccessResourceFailureException(
				"Cannot take the run lock of " + run + " in the state database: " + ex.getMessage(), ex);
	}

	private static void configure(Connection connection) {
		for (String setting : SESSION_SETTINGS) {
			try (Statement statement = connection.createStatement()) {
				statement.execute(setting);
			}
			catch (SQLException ex) {
				// an older server without this setting: the lock works the same, only less promptly after a host dies
				logger.debug("Run lock session: " + setting + " not applied: " + ex.getMessage());
			}
		}
	}

	private static boolean tryLock(Connection connection, RunKey run) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
			statement.setLong(1, run.value());
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	/** The server session that holds the run's lock now: a bigint key shows as classid (high half), objid (low). */
	private static Optional<Integer> lockingSession(Connection connection, RunKey run) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("select pid from pg_locks where locktype = "
				+ "'advisory' and granted and objsubid = 1 and classid::bigint = ? and objid::bigint = ? and database = "
				+ "(select oid from pg_database where datname = current_database())")) {
			statement.setLong(1, run.value() >>> 32);
			statement.setLong(2, run.value() & 0xFFFF_FFFFL);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() ? Optional.of(result.getInt(1)) : Optional.empty();
			}
		}
	}

	private static Optional<String> holder(Connection connection, RunKey run, int session) {
		try (PreparedStatement statement = connection
			.prepareStatement("select host, pid, since from bb_run_lock where run_key = ? and session_pid = ?")) {
			statement.setLong(1, run.value());
			statement.setInt(2, session);
			try (ResultSet result = statement.executeQuery()) {
				if (!result.next()) {
					return Optional.empty();
				}
				OffsetDateTime since = result.getObject(3, OffsetDateTime.class);
				return Optional.of("process " + result.getLong(2) + " on " + result.getString(1) + " since "
						+ SINCE.format(since.atZoneSameInstant(ZoneId.systemDefault())));
			}
		}
		catch (SQLException ex) {
			return Optional.empty();
		}
	}

	/** A row left by a killed holder is replaced: the lock, not the row, says who holds the run. */
	private void recordHolder(Connection connection, RunKey run) throws SQLException {
		connection.setAutoCommit(false);
		try (PreparedStatement delete = connection.prepareStatement("delete from bb_run_lock where run_key = ?");
				PreparedStatement insert = connection.prepareStatement("insert into bb_run_lock (run_key, session_pid, "
						+ "host, pid, since) values (?, pg_backend_pid(), ?, ?, ?)")) {
			delete.setLong(1, run.value());
			delete.executeUpdate();
			insert.setLong(1, run.value());
			insert.setString(2, this.host);
			insert.setLong(3, this.pid);
			insert.setObject(4, OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS));
			insert.executeUpdate();
			connection.commit();
		}
		catch (SQLException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(true);
		}
	}

	private static void close(Connection connection) {
		if (connection == null) {
			return;
		}
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// the session ends either way, and with it the lock
		}
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			String variable = System.getenv("HOSTNAME");
			return (variable != null) ? variable : "an unknown host";
		}
	}

	/** Opens the lock's own connection. */
	@FunctionalInterface
	interface ConnectionFactory {

		Connection open() throws SQLException;

	}

	/**
	 * A held run. Its connection is checked every second: if it broke, the server has dropped the lock and another
	 * process may take the run, so this one must stop (at the next boundary, as on SIGTERM).
	 */
	private static final class Held implements Lease {

		private final Connection connection;

		private final RunKey run;

		private final ScheduledExecutorService watch;

		private boolean closed;

		Held(Connection connection, RunKey run, Runnable onLost, Duration checkInterval) {
			this.connection = connection;
			this.run = run;
			this.watch = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "run-lock-watch");
				thread.setDaemon(true);
				return thread;
			});
			this.watch.scheduleWithFixedDelay(() -> {
				if (!isAlive()) {
					logger.warn("Lost the database connection that holds this run's lock: stopping at the next "
							+ "boundary, so that no other process runs it at the same time. Run the same command again "
							+ "to resume.");
					this.watch.shutdown();
					onLost.run();
				}
			}, checkInterval.toMillis(), checkInterval.toMillis(), TimeUnit.MILLISECONDS);
		}

		private synchronized boolean isAlive() {
			try {
				return this.closed || this.connection.isValid(5);
			}
			catch (SQLException ex) {
				return false;
			}
		}

		@Override
		public synchronized void close() {
			if (this.closed) {
				return;
			}
			this.closed = true;
			this.watch.shutdownNow();
			try (PreparedStatement delete = this.connection
				.prepareStatement("delete from bb_run_lock where run_key = ? and session_pid = pg_backend_pid()");
					PreparedStatement unlock = this.connection.prepareStatement("select pg_advisory_unlock(?)")) {
				delete.setLong(1, this.run.value());
				delete.executeUpdate();
				unlock.setLong(1, this.run.value());
				unlock.execute();
			}
			catch (SQLException ex) {
				logger.debug("Releasing the run lock of " + this.run + ": " + ex.getMessage()
						+ " (closing its session releases it anyway)");
			}
			finally {
				PostgresRunLock.close(this.connection);
			}
		}

	}

}
