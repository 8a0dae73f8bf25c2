package dev.ledgerstream.local;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every setting of local mode, read from the environment (SPEC 9) by {@link #fromEnvironment}; the
 * tests pass their own map, so data directory and ports are injectable. A credential that is
 * absent here is generated for development ({@code dev/} under the data directory).
 *
 * @param dataDirectory         where the embedded servers and the development credentials live ({@code LEDGER_DATA_DIR}, default {@code ./.data})
 * @param kafkaPort             the embedded broker's client port ({@code LEDGER_KAFKA_PORT}, default 9092; 0 picks a free one)
 * @param kafkaControllerPort   the embedded broker's KRaft controller port ({@code LEDGER_KAFKA_CONTROLLER_PORT}, default the client port + 1)
 * @param ingestPort            the ingest API's HTTP port ({@code INGEST_PORT}, default 8080; 0 picks a free one)
 * @param streamPort            the stream processors' HTTP port for health and metrics ({@code STREAM_PORT}, default 8082; 0 picks a free one)
 * @param lotTtlDays            expiry of purchased lots in days ({@code LOT_TTL_DAYS}, default 0: never)
 * @param sinkPort              the ledger sink's HTTP port for health and metrics ({@code SINK_PORT}, default 8083; 0 picks a free one)
 * @param adminPort             the admin API's HTTP port ({@code ADMIN_PORT}, default 8081; 0 picks a free one)
 * @param postgresPort          the embedded PostgreSQL's port on 127.0.0.1 ({@code LEDGER_POSTGRES_PORT}, default 5433; 0 picks a free one)
 * @param databaseUrl           an external PostgreSQL to use instead of the embedded one ({@code DATABASE_URL}, with {@code DATABASE_USER}, {@code DATABASE_PASSWORD})
 * @param databaseUser          its login ({@code DATABASE_USER})
 * @param databasePassword      its password ({@code DATABASE_PASSWORD})
 * @param adminJwksUrl          the admin tokens' JWKS ({@code ADMIN_JWKS_URL}); absent: the development JWKS
 * @param adminJwtIssuer        the admin tokens' {@code iss} ({@code ADMIN_JWT_ISSUER}, default {@value #DEV_ISSUER})
 * @param adminJwtAudience      the admin tokens' {@code aud} ({@code ADMIN_JWT_AUDIENCE}, default {@value #DEV_ADMIN_AUDIENCE})
 * @param devJwksPort           the development JWKS server's port on 127.0.0.1 ({@code LEDGER_DEV_JWKS_PORT}, default 8099; 0 picks a free one)
 * @param kafkaBootstrapServers an external Kafka to use instead of the embedded broker ({@code KAFKA_BOOTSTRAP_SERVERS})
 * @param ipnSecret             the NOWPayments IPN HMAC key ({@code NOWPAYMENTS_IPN_SECRET}); absent: a development secret
 * @param usageJwksUrl          the usage publishers' JWKS ({@code USAGE_JWKS_URL}); absent: the development JWKS
 * @param usageJwtIssuer        the usage tokens' {@code iss} ({@code USAGE_JWT_ISSUER}, default {@value #DEV_ISSUER})
 * @param usageJwtAudience      the usage tokens' {@code aud} ({@code USAGE_JWT_AUDIENCE}, default {@value #DEV_AUDIENCE})
 */
public record LocalSettings(
        Path dataDirectory,
        int kafkaPort,
        int kafkaControllerPort,
        int ingestPort,
        int streamPort,
        String lotTtlDays,
        int sinkPort,
        int adminPort,
        int postgresPort,
        Optional<String> databaseUrl,
        Optional<String> databaseUser,
        Optional<String> databasePassword,
        Optional<String> adminJwksUrl,
        String adminJwtIssuer,
        String adminJwtAudience,
        int devJwksPort,
        Optional<String> kafkaBootstrapServers,
        Optional<String> ipnSecret,
        Optional<String> usageJwksUrl,
        String usageJwtIssuer,
        String usageJwtAudience) {

    public static final String DEV_ISSUER = "ledgerstream-local";
    public static final String DEV_AUDIENCE = "ledgerstream-ingest";
    public static final String DEV_ADMIN_AUDIENCE = "ledgerstream-admin";

    static final int DEFAULT_KAFKA_PORT = 9092;
    static final int DEFAULT_INGEST_PORT = 8080;
    static final int DEFAULT_STREAM_PORT = 8082;
    static final int DEFAULT_SINK_PORT = 8083;
    static final int DEFAULT_ADMIN_PORT = 8081;
    static final int DEFAULT_POSTGRES_PORT = 5433;
    static final int DEFAULT_DEV_JWKS_PORT = 8099;

    public LocalSettings {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        requirePort(kafkaPort, "LEDGER_KAFKA_PORT");
        requirePort(kafkaControllerPort, "LEDGER_KAFKA_CONTROLLER_PORT");
        requirePort(ingestPort, "INGEST_PORT");
        requirePort(streamPort, "STREAM_PORT");
        requirePort(sinkPort, "SINK_PORT");
        requirePort(adminPort, "ADMIN_PORT");
        requirePort(postgresPort, "LEDGER_POSTGRES_PORT");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(adminJwksUrl, "adminJwksUrl");
        if (!lotTtlDays.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("LOT_TTL_DAYS must be a whole number of days: " + lotTtlDays);
        }
        requirePort(devJwksPort, "LEDGER_DEV_JWKS_PORT");
        if (kafkaPort != 0 && kafkaPort == kafkaControllerPort) {
            throw new IllegalArgumentException("LEDGER_KAFKA_PORT and LEDGER_KAFKA_CONTROLLER_PORT must differ, both are "
                    + kafkaPort);
        }
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        Objects.requireNonNull(ipnSecret, "ipnSecret");
        Objects.requireNonNull(usageJwksUrl, "usageJwksUrl");
        Objects.requireNonNull(usageJwtIssuer, "usageJwtIssuer");
        Objects.requireNonNull(usageJwtAudience, "usageJwtAudience");
    }

    /**
     * Reads the settings from environment variables; a blank variable counts as unset.
     *
     * @throws IllegalArgumentException naming the variable whose value is not valid
     */
    public static LocalSettings fromEnvironment(Map<String, String> env) {
        int kafkaPort = port(env, "LEDGER_KAFKA_PORT", DEFAULT_KAFKA_PORT);
        // The controller sits next to the broker by default, so moving one variable moves both.
        int controllerDefault = kafkaPort == 0 ? 0 : kafkaPort + 1;
        return new LocalSettings(
                Path.of(value(env, "LEDGER_DATA_DIR").orElse(".data")).toAbsolutePath().normalize(),
                kafkaPort,
                port(env, "LEDGER_KAFKA_CONTROLLER_PORT", controllerDefault),
                port(env, "INGEST_PORT", DEFAULT_INGEST_PORT),
                port(env, "STREAM_PORT", DEFAULT_STREAM_PORT),
                value(env, "LOT_TTL_DAYS").orElse("0"),
                port(env, "SINK_PORT", DEFAULT_SINK_PORT),
                port(env, "ADMIN_PORT", DEFAULT_ADMIN_PORT),
                port(env, "LEDGER_POSTGRES_PORT", DEFAULT_POSTGRES_PORT),
                value(env, "DATABASE_URL"),
                value(env, "DATABASE_USER"),
                value(env, "DATABASE_PASSWORD"),
                value(env, "ADMIN_JWKS_URL"),
                value(env, "ADMIN_JWT_ISSUER").orElse(DEV_ISSUER),
                value(env, "ADMIN_JWT_AUDIENCE").orElse(DEV_ADMIN_AUDIENCE),
                port(env, "LEDGER_DEV_JWKS_PORT", DEFAULT_DEV_JWKS_PORT),
                value(env, "KAFKA_BOOTSTRAP_SERVERS"),
                value(env, "NOWPAYMENTS_IPN_SECRET"),
                value(env, "USAGE_JWKS_URL"),
                value(env, "USAGE_JWT_ISSUER").orElse(DEV_ISSUER),
                value(env, "USAGE_JWT_AUDIENCE").orElse(DEV_AUDIENCE));
    }

    /**
     * Local mode on {@code dataDirectory} with every server and service on a free port, and the
     * other variables of {@code environment}: for tests and benchmarks that run local mode in their
     * own JVM next to whatever else runs on the machine.
     */
    public static LocalSettings onFreePorts(Path dataDirectory, Map<String, String> environment) {
        int kafkaPort = FreePorts.any();
        int controllerPort = FreePorts.any();
        while (controllerPort == kafkaPort) {
            controllerPort = FreePorts.any();
        }
        Map<String, String> env = new HashMap<>(environment);
        env.put("LEDGER_DATA_DIR", dataDirectory.toString());
        env.put("LEDGER_KAFKA_PORT", Integer.toString(kafkaPort));
        env.put("LEDGER_KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort));
        env.put("LEDGER_POSTGRES_PORT", Integer.toString(FreePorts.any()));
        for (String service : List.of("INGEST_PORT", "STREAM_PORT", "SINK_PORT", "ADMIN_PORT", "LEDGER_DEV_JWKS_PORT")) {
            env.put(service, "0");
        }
        return fromEnvironment(env);
    }

    /** True when local mode runs its own broker, false when {@code KAFKA_BOOTSTRAP_SERVERS} names one. */
    public boolean embeddedKafka() {
        return kafkaBootstrapServers.isEmpty();
    }

    /** True when local mode serves its development JWKS, false when {@code USAGE_JWKS_URL} names one. */
    public boolean devJwks() {
        return usageJwksUrl.isEmpty();
    }

    /** The embedded broker's log directory. */
    public Path kafkaDirectory() {
        return dataDirectory.resolve("kafka");
    }

    /** True when local mode runs its own PostgreSQL, false when {@code DATABASE_URL} names one. */
    public boolean embeddedPostgres() {
        return databaseUrl.isEmpty();
    }

    /** The embedded PostgreSQL's data directory. */
    public Path postgresDirectory() {
        return dataDirectory.resolve("postgres");
    }

    /** The stream processors' local state stores. */
    public Path streamsDirectory() {
        return dataDirectory.resolve("streams");
    }

    /** The generated development secret and signing key, files readable by their owner only. */
    public Path devDirectory() {
        return dataDirectory.resolve("dev");
    }

    private static Optional<String> value(Map<String, String> env, String variable) {
        return Optional.ofNullable(env.get(variable)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static int port(Map<String, String> env, String variable, int defaultPort) {
        Optional<String> value = value(env, variable);
        if (value.isEmpty()) {
            return defaultPort;
        }
        try {
            return requirePort(Integer.parseInt(value.get()), variable);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a port number (0-65535): " + value.get());
        }
    }

    private static int requirePort(int port, String variable) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(variable + " must be a port number (0-65535): " + port);
        }
        return port;
    }
}
