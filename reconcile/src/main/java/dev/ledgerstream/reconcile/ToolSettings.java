package dev.ledgerstream.reconcile;

import dev.ledgerstream.servicekit.kafka.KafkaClientSecurity;
import dev.ledgerstream.ledger.payment.PaymentDecider;
import dev.ledgerstream.servicekit.SettingProblem;
import dev.ledgerstream.sink.write.DatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The tool's configuration, from the variables every service reads (SPEC 9) and a few of its own.
 *
 * @param kafkaSecurity {@code KAFKA_SECURITY_PROTOCOL} and the SASL login: the operator's principal
 * @param lotTtlDays   {@code LOT_TTL_DAYS}: must be what the stream processors run with, or the
 *                     replay mints lots with other expiry times
 * @param workDir      {@code RECONCILE_WORK_DIR}: where the run keeps its scratch store (default: the
 *                     system's temporary folder)
 * @param streamsGroup {@code STREAMS_APPLICATION_ID}: the stream processors' group, waited for
 * @param sinkGroup    {@code SINK_GROUP_ID}: the ledger sink's group, waited for
 */
record ToolSettings(String bootstrapServers, KafkaClientSecurity kafkaSecurity, DatabaseSettings database, int lotTtlDays, Path workDir,
        String streamsGroup, String sinkGroup) {

    static ToolSettings fromEnvironment(Map<String, String> env) {
        String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new SettingProblem("KAFKA_BOOTSTRAP_SERVERS", "is not set");
        }
        KafkaClientSecurity kafkaSecurity = KafkaClientSecurity.of(env::get);
        DatabaseSettings database = DatabaseSettings.of(env.get("DATABASE_URL"), env.get("DATABASE_USER"),
                env.get("DATABASE_PASSWORD"), Duration.ofSeconds(10), Duration.ofMinutes(30));
        int ttl;
        try {
            ttl = Integer.parseInt(firstSet(env.get("LOT_TTL_DAYS"), "0").trim());
        } catch (NumberFormatException e) {
            throw new SettingProblem("LOT_TTL_DAYS", "is not a whole number of days");
        }
        if (ttl < 0) {
            throw new SettingProblem("LOT_TTL_DAYS", "must not be negative");
        }
        Path work = Path.of(firstSet(env.get("RECONCILE_WORK_DIR"), System.getProperty("java.io.tmpdir")));
        return new ToolSettings(bootstrap.trim(), kafkaSecurity, database, ttl, work,
                firstSet(env.get("STREAMS_APPLICATION_ID"), Quiescence.STREAMS_GROUP),
                firstSet(env.get("SINK_GROUP_ID"), Quiescence.SINK_GROUP));
    }

    /** The payment rules the stream processors run with the same {@code LOT_TTL_DAYS}. */
    PaymentDecider decider() {
        return lotTtlDays == 0 ? PaymentDecider.withoutLotTtl() : PaymentDecider.withLotTtl(Duration.ofDays(lotTtlDays));
    }

    private static String firstSet(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
