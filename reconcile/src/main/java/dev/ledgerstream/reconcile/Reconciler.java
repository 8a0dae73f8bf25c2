package dev.ledgerstream.reconcile;

import dev.ledgerstream.ledger.lots.Lot;
import dev.ledgerstream.ledger.payment.PaymentDecider;
import dev.ledgerstream.ledger.payment.PaymentState;
import dev.ledgerstream.ledger.replay.ReplayLedger;
import dev.ledgerstream.ledger.usage.RecordedFinalization;
import dev.ledgerstream.reconcile.LedgerRow.Kind;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.sink.schema.LedgerMigrations;
import dev.ledgerstream.sink.write.LedgerWriter;
import dev.ledgerstream.sink.write.SinkTopics;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The two operations of SPEC 8 over the pieces of this package.
 *
 * <ul>
 *   <li>{@link #reconcile}: wait for the pipeline to catch up, fix PostgreSQL's snapshot, replay the
 *       raw topics (or, from a time, resume from the snapshot's state at that time and replay from
 *       there), compare, record the run.</li>
 *   <li>{@link #rebuild}: migrate an empty database, replay the raw topics writing everything the
 *       sink would have written, copy the raw records the sink keeps as they are, then compare the
 *       new ledger with the same replay and record the run.</li>
 * </ul>
 */
final class Reconciler {

    private final ToolSettings settings;
    private final Clock clock;
    private final PrintStream log;

    Reconciler(ToolSettings settings, Clock clock, PrintStream log) {
        this.settings = settings;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Reconciles the whole ledger, or with {@code from} the part caused from then on: the state the
     * ledger had just before {@code from} is read back from PostgreSQL and trusted, the raw events
     * received from {@code from} on are replayed onto it, and the rows they caused are compared, as
     * are the final states of every lot and payment.
     */
    ReconcileReport reconcile(Duration settle, Instant from) throws SQLException, InterruptedException {
        Instant started = clock.instant();
        if (!settle.isZero()) {
            Quiescence.Lag lag = Quiescence.await(settings.bootstrapServers(), settings.kafkaSecurity(),
                    settings.streamsGroup(),
                    settings.sinkGroup(), settle);
            if (!lag.caughtUp()) {
                log.printf("reconcile: the pipeline had not caught up after %s (stream processors %d, sink %d records"
                        + " behind); rows still in flight will show as differences%n", settle, lag.streams(), lag.sink());
            }
        }
        try (PostgresLedger database = new PostgresLedger(settings.database());
                DiskStore store = DiskStore.create(settings.workDir());
                RawTopics topics = new RawTopics(settings.bootstrapServers(), settings.kafkaSecurity())) {
            database.beginSnapshot();
            Replay replay = from == null
                    ? Replay.run(topics, settings.decider(), store, started, Replay.Output.NONE)
                    : Replay.run(topics, resume(database, store, from), from, store, started, Replay.Output.NONE);
            return compare("reconcile", started, from, replay, store, database);
        }
    }

    ReconcileReport rebuild() throws SQLException {
        Instant started = clock.instant();
        LedgerMigrations.migrate(settings.database(), 10, Duration.ofSeconds(2));
        try (PostgresLedger database = new PostgresLedger(settings.database())) {
            if (!database.isEmpty()) {
                throw new ToolFailure("rebuild writes only into an empty ledger, and " + settings.database().jdbcUrl()
                        + " already holds one; point DATABASE_URL at a new, empty database");
            }
            try (DiskStore store = DiskStore.create(settings.workDir());
                    RawTopics topics = new RawTopics(settings.bootstrapServers(), settings.kafkaSecurity());
                    RebuildOutput output = new RebuildOutput(new LedgerWriter(settings.database(), "ledgerstream-rebuild",
                            clock))) {
                Replay replay = Replay.run(topics, settings.decider(), store, started, output);
                List<String> kept = SinkTopics.subscribed().stream()
                        .filter(topic -> SinkTopics.isDeadLetterTopic(topic)
                                || topic.equals(Topics.PAYMENTS_IPN_QUARANTINE.name()))
                        .toList();
                topics.copy(kept, output::raw);
                output.flush();
                log.printf("rebuild: wrote %d records (%d refused, kept in sink_rejects)%n", output.written(),
                        output.rejected());
                database.beginSnapshot();
                return compare("rebuild", started, null, replay, store, database);
            }
        }
    }

    /** The ledger as PostgreSQL's snapshot had it just before {@code from}, to replay onto. */
    private ReplayLedger resume(PostgresLedger database, DiskStore store, Instant from) throws SQLException {
        PaymentDecider decider = settings.decider();
        Map<String, PaymentState> payments = new TreeMap<>();
        database.paymentHistories(from, history -> {
            PaymentState state = decider.restore(history);
            payments.put(state.paymentId(), state);
        });
        database.resolutionsBefore(from, applied -> payments.computeIfPresent(applied.paymentId(),
                (id, state) -> decider.resolved(state, applied)));
        Map<String, List<Lot>> lots = new TreeMap<>();
        database.lotsBefore(from, lot -> lots.computeIfAbsent(lot.communityId(), key -> new ArrayList<>()).add(lot));
        Map<String, RecordedFinalization> finalizations = Replay.finalizations(store);
        Map<String, RecordedFinalization> owners = Replay.owners(store);
        database.finalizationsBefore(from, recorded -> {
            finalizations.put(recorded.storeKey(), recorded);
            if (!owners.containsKey(recorded.finalizationId())) {
                owners.put(recorded.finalizationId(), recorded);
            }
        });
        log.printf("reconcile: resumed from the ledger as of %s: %d payments, %d communities%n", from,
                payments.size(), lots.size());
        ReplayLedger ledger = ReplayLedger.resumeOn(decider, payments, lots, finalizations, owners);
        database.modesBefore(from, ledger::restoreMode);
        return ledger;
    }

    private ReconcileReport compare(String kind, Instant started, Instant from, Replay replay, DiskStore store,
            PostgresLedger database) throws SQLException {
        Comparison comparison = new Comparison();
        UsageRollupRows.Rollups rollups;
        try (DiskStore.Scan usage = store.scan(LedgerRow.storePrefix(Kind.USAGE))) {
            rollups = UsageRollupRows.of(decoded(usage), from);
        }
        for (Kind each : Kind.values()) {
            if (from != null && (each == Kind.LOT_TOTAL || each == Kind.USAGE_NFT_CHECKPOINT)) {
                // A lot's totals and an NFT's checkpoints sum its whole history; a run from a time
                // trusts the ledger before it.
                continue;
            }
            try (DiskStore.Scan scan = store.scan(LedgerRow.storePrefix(each))) {
                comparison.compare(each, database.rows(each, from), replayed(each, replay, scan, rollups));
            }
        }
        database.endSnapshot();
        comparison.finish();
        ReconcileReport report = new ReconcileReport(UUID.randomUUID(), kind, started, clock.instant(), from,
                comparison.differences() == 0 ? ReconcileReport.OK : ReconcileReport.DIFFERENCES,
                comparison.communities().size(), comparison.differences(), comparison.kept(), comparison.digests(),
                replay.summary());
        database.record(report);
        return report;
    }

    /** The replay's rows of one kind in comparison order: from the scratch store, or from the ledger's states. */
    private static Iterator<LedgerRow> replayed(Kind kind, Replay replay, DiskStore.Scan scan,
            UsageRollupRows.Rollups rollups) {
        return switch (kind) {
            case ENTRY, USAGE, OUTCOME, ACTION -> decoded(scan);
            case LOT -> replay.ledger().lots().values().stream()
                    .sorted(Comparator.comparing(Lot::communityId).thenComparing(Lot::lotId))
                    .map(RowForms::lot).iterator();
            case LOT_TOTAL -> replay.ledger().lots().values().stream()
                    .sorted(Comparator.comparing(Lot::communityId).thenComparing(Lot::lotId))
                    .map(RowForms::lotTotal).iterator();
            case PAYMENT -> replay.ledger().payments().values().stream().map(RowForms::payment).iterator();
            case USAGE_HOUR -> rollups.hours().iterator();
            case USAGE_NFT_HOUR -> rollups.nftHours().iterator();
            case USAGE_NFT_CHECKPOINT -> rollups.checkpoints().iterator();
        };
    }

    /** The rows of a scan of the scratch store, decoded as they come. */
    private static Iterator<LedgerRow> decoded(DiskStore.Scan scan) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return scan.hasNext();
            }

            @Override
            public LedgerRow next() {
                return LedgerRow.decode(new String(scan.next(), StandardCharsets.UTF_8));
            }
        };
    }
}
