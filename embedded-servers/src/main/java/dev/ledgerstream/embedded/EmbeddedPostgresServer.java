package dev.ledgerstream.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky's packaged binaries) run as a child process of this JVM,
 * listening on 127.0.0.1 only, with its data in a folder that survives restarts.
 *
 * <p>The data directory is initialised on the first start only; later starts, in this JVM or
 * another, reuse it. A port given as 0 is chosen on the first start and then kept, so that
 * {@link #stop()} followed by {@link #start()} comes back where clients expect it. The superuser
 * is {@value #SUPERUSER}; local connections are trusted, so any password is accepted.
 *
 * <p>Commits are durable by default ({@code fsync=on}, {@code synchronous_commit=on}), as local
 * mode promises that nothing acknowledged is lost; tests that do not need that may relax it
 * through {@link Builder#serverConfig(String, String)}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /** The superuser created by {@code initdb}. */
    public static final String SUPERUSER = "postgres";
    private static final String MAINTENANCE_DATABASE = "postgres";
    private static final String DUPLICATE_DATABASE = "42P04";
    // Unquoted PostgreSQL identifiers that need no escaping; at most 63 bytes as PostgreSQL allows.
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final Path dataDirectory;
    private final Map<String, String> serverConfig;
    private final Duration startupTimeout;
    private int port;
    private EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Builder builder) {
        this.dataDirectory = builder.dataDirectory.toAbsolutePath();
        this.port = builder.port;
        this.startupTimeout = builder.startupTimeout;
        this.serverConfig = Map.copyOf(builder.serverConfig);
    }

    /**
     * Stops a PostgreSQL server that a JVM which died (kill -9, the OOM killer) left running on
     * {@code dataDirectory}; does nothing when none runs there, and throws when a live process still
     * owns the one that does. For a caller that must free the server's port before it checks ports.
     */
    public static void stopOrphaned(Path dataDirectory) {
        OrphanedPostmaster.stopIfAny(dataDirectory.toAbsolutePath());
    }

    /** Starts describing a server that keeps its data in {@code dataDirectory}. */
    public static Builder builder(Path dataDirectory) {
        return new Builder(dataDirectory);
    }

    /**
     * Starts PostgreSQL, running {@code initdb} first if the data directory is new, and returns
     * once it accepts connections. A server left running on this directory by a JVM that died is
     * stopped first. Does nothing when already running.
     */
    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        long startedAt = System.nanoTime();
        OrphanedPostmaster.stopIfAny(dataDirectory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(startupTimeout)
                .setServerConfig("listen_addresses", LoopbackPorts.HOST)
                // zonky starts PostgreSQL with -F (fsync off); a later -c setting wins over it.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on");
        serverConfig.forEach(builder::setServerConfig);
        try {
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port + " with data in " + dataDirectory, e);
        }
        port = postgres.getPort();
        log.info("PostgreSQL started on {}:{} in {} ms, data in {}",
                LoopbackPorts.HOST, port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), dataDirectory);
    }

    /** Stops PostgreSQL (fast mode: open sessions are ended) and waits. Does nothing when stopped. */
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        long stoppingAt = System.nanoTime();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL on port " + port + " did not stop cleanly", e);
        } finally {
            postgres = null;
        }
        log.info("PostgreSQL on port {} stopped in {} ms",
                port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppingAt));
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return postgres != null;
    }

    /** The port, or 0 before the first start when it is to be chosen then. */
    public synchronized int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The JDBC URL of {@code database} on this server, e.g. {@code jdbc:postgresql://127.0.0.1:5433/ledger}. */
    public synchronized String jdbcUrl(String database) {
        if (port == 0) {
            throw new IllegalStateException("The port is chosen on the first start; start the server first");
        }
        return "jdbc:postgresql://" + LoopbackPorts.HOST + ":" + port + "/" + Objects.requireNonNull(database, "database");
    }

    public String superuser() {
        return SUPERUSER;
    }

    /** Empty: connections from 127.0.0.1 are trusted, so the password is never checked. */
    public String superuserPassword() {
        return "";
    }

    /**
     * Creates the database {@code name} unless it exists. Names are plain lower-case identifiers
     * ({@code [a-z_][a-z0-9_]*}, at most 63 characters) so that they need no quoting anywhere.
     */
    public void createDatabase(String name) {
        if (!DATABASE_NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
            throw new IllegalArgumentException("Database names must match " + DATABASE_NAME + ": " + name);
        }
        try (Connection connection = DriverManager.getConnection(
                jdbcUrl(MAINTENANCE_DATABASE), superuser(), superuserPassword())) {
            if (!exists(connection, name)) {
                create(connection, name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " on port " + port, e);
        }
    }

    private static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void create(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            // Someone else created it between our check and our CREATE: that is what we wanted.
            if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /** Describes an {@link EmbeddedPostgresServer}; nothing is started before {@link #build()}'s result is. */
    public static final class Builder {

        private final Path dataDirectory;
        private int port;
        private Duration startupTimeout = Duration.ofSeconds(30);
        private final Map<String, String> serverConfig = new LinkedHashMap<>();

        private Builder(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
        }

        /** The port; 0 (the default) picks a free one on the first start. */
        public Builder port(int port) {
            this.port = LoopbackPorts.requireValid(port, "port");
            return this;
        }

        /** How long to wait for the server to accept connections; 30 s by default. */
        public Builder startupTimeout(Duration startupTimeout) {
            if (startupTimeout.isNegative() || startupTimeout.isZero()) {
                throw new IllegalArgumentException("startupTimeout must be positive: " + startupTimeout);
            }
            this.startupTimeout = startupTimeout;
            return this;
        }

        /** Sets one {@code postgresql.conf} setting for this server, e.g. {@code fsync=off} in tests. */
        public Builder serverConfig(String name, String value) {
            serverConfig.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public EmbeddedPostgresServer build() {
            return new EmbeddedPostgresServer(this);
        }
    }
}
