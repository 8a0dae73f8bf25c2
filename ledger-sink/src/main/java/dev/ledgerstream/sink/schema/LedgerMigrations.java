package dev.ledgerstream.sink.schema;

import dev.ledgerstream.sink.write.DatabaseSettings;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the ledger's migrations ({@code classpath:db/ledger}) with Flyway: on a fresh database
 * all of them, on a migrated one none, in both cases successfully (SPEC 6). The login needs to own
 * the database (or be a superuser) and to create roles, or find them created (V1).
 */
public final class LedgerMigrations {

    /** Where the migrations are; a merged migration is never edited, a change is a new one. */
    public static final String LOCATION = "classpath:db/ledger";

    private static final Logger log = LoggerFactory.getLogger(LedgerMigrations.class);

    private LedgerMigrations() {
    }

    /**
     * Migrates the database {@code database} names, waiting up to about {@code connectRetries}
     * attempts for it to accept connections (Flyway's own backoff, at most {@code retryInterval}
     * between attempts).
     */
    public static MigrateResult migrate(DatabaseSettings database, int connectRetries, Duration retryInterval) {
        Flyway flyway = Flyway.configure()
                .dataSource(database.jdbcUrl(), database.user(), database.password())
                .locations(LOCATION)
                // The migrations contain dollar-quoted PL/pgSQL; nothing in them is a placeholder.
                .placeholderReplacement(false)
                .connectRetries(connectRetries)
                .connectRetriesInterval((int) Math.max(1, retryInterval.toSeconds()))
                .load();
        MigrateResult result = flyway.migrate();
        log.info("ledger schema at version {} ({} migration(s) applied now)", result.targetSchemaVersion == null
                ? result.initialSchemaVersion : result.targetSchemaVersion, result.migrationsExecuted);
        return result;
    }
}
