package dev.ledgerstream.deploy;

import java.util.List;
import java.util.Set;

/**
 * One of the four services as deployments must run it: its module, HTTP port, the variable that
 * sets the port, and the SPEC 9 variables it cannot run without. This is the contract the
 * deployment files are checked against; {@link ApplicationVariables} also checks the names against
 * the service's own configuration file ({@code <module>.yml}).
 *
 * @param name              service name in docker-compose.yml and Terraform
 * @param module            Maven module that builds it
 * @param port              HTTP port of its API, /health, /health/ready and /metrics
 * @param portVariable      environment variable that sets the port
 * @param requiredVariables SPEC 9 variables it needs, besides the port
 */
record Service(String name, String module, int port, String portVariable, Set<String> requiredVariables) {

    static final Service INGEST_API = new Service("ingest-api", "ingest-api", 8080, "INGEST_PORT",
            Set.of("KAFKA_BOOTSTRAP_SERVERS", "NOWPAYMENTS_IPN_SECRET", "USAGE_JWKS_URL", "USAGE_JWT_ISSUER",
                    "USAGE_JWT_AUDIENCE"));

    static final Service STREAM_PROCESSORS = new Service("stream-processors", "stream-processors", 8082, "STREAM_PORT",
            Set.of("KAFKA_BOOTSTRAP_SERVERS"));

    /** The owner's login only migrates; the writes go through a login of ledger_writer only (issue 13). */
    static final Service LEDGER_SINK = new Service("ledger-sink", "ledger-sink", 8083, "SINK_PORT",
            Set.of("KAFKA_BOOTSTRAP_SERVERS", "DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD",
                    "DATABASE_WRITER_USER", "DATABASE_WRITER_PASSWORD"));

    static final Service ADMIN_API = new Service("admin-api", "admin-api", 8081, "ADMIN_PORT",
            Set.of("DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD", "ADMIN_JWKS_URL", "ADMIN_JWT_ISSUER",
                    "ADMIN_JWT_AUDIENCE"));

    static final List<Service> ALL = List.of(INGEST_API, STREAM_PROCESSORS, LEDGER_SINK, ADMIN_API);

    /** Variables whose values are secrets: never written into a deployment file. */
    static final Set<String> SECRETS = Set.of("NOWPAYMENTS_IPN_SECRET", "NOWPAYMENTS_API_KEY", "DATABASE_PASSWORD",
            "DATABASE_WRITER_PASSWORD", "KAFKA_SASL_PASSWORD");

    /** Secrets a deployment may leave empty: without the API key, the stuck-payment recovery is off (ADR 0016). */
    static final Set<String> OPTIONAL_SECRETS = Set.of("NOWPAYMENTS_API_KEY");
}
