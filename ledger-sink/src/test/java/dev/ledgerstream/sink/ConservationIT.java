package dev.ledgerstream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.ledger.guard.ConservationGuard;
import dev.ledgerstream.ledger.guard.GuardContext;
import dev.ledgerstream.ledger.guard.GuardResult;
import dev.ledgerstream.ledger.guard.LedgerBook;
import dev.ledgerstream.ledger.guard.LedgerTotals;
import dev.ledgerstream.ledger.guard.LotBalance;
import dev.ledgerstream.ledger.lots.CommunityState;
import dev.ledgerstream.ledger.payment.PaymentState;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ledger.EntryType;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import dev.ledgerstream.schemas.ledger.PaymentOutcome;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import dev.ledgerstream.sink.consume.SinkHooks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * A generated workload through the real broker and the sink into PostgreSQL: the sums over the
 * tables (I-2 per community, I-13 system-wide) equal the stream's own accounting, the in-memory
 * ledger that produced the records, and the guard finds nothing wrong in what it reads back.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConservationIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final GuardContext CONTEXT = new GuardContext(null, "conservation-it", Instant.EPOCH);

    private static LedgerDatabase ledger;
    private static LedgerWorkload workload;

    @BeforeAll
    static void the_workload_goes_through_the_sink() throws Exception {
        ledger = LedgerDatabase.migrated("conservation");
        workload = new LedgerWorkload(7, 12, 250, 8, 2_500);
        try (SinkHarness harness = new SinkHarness()) {
            harness.start(ledger, harness.settings().withBatchMaxRecords(500), new SimpleMeterRegistry(),
                    SinkHooks.NONE);
            harness.sendIpns(workload.ipns);
            harness.send(workload.records);
            SinkHarness.await("every record in the ledger", PATIENCE, () ->
                    ledger.platformLong("SELECT count(*) FROM ledger.usage_events") == distinct(UsageRecorded.class,
                            usage -> usage.communityId() + "|" + usage.finalizationId())
                    && ledger.platformLong("SELECT count(*) FROM ledger.lot_entries") == distinct(LedgerEntry.class,
                            LedgerEntry::entryId)
                    && ledger.platformLong("SELECT count(*) FROM ledger.crypto_payment_outcomes")
                            == distinct(PaymentOutcome.class, PaymentOutcome::outcomeId)
                    && ledger.platformLong("SELECT count(*) FROM ledger.guard_violations")
                            == distinct(GuardViolation.class, GuardViolation::violationId)
                    && ledger.platformLong("SELECT count(*) FROM ledger.webhook_events")
                            == workload.ipns.stream().map(IpnReceived::eventId).distinct().count());
        }
    }

    @Test
    void the_workload_exercises_every_kind_of_entry() {
        // then
        for (EntryType type : EntryType.values()) {
            assertThat(workload.records.stream().filter(LedgerEntry.class::isInstance).map(LedgerEntry.class::cast)
                    .filter(entry -> entry.type() == type).count()).as(type.wireName()).isPositive();
        }
        assertThat(workload.count(GuardViolation.class)).isPositive();
    }

    @Test
    void each_communitys_sums_over_the_tables_equal_the_streams_accounting_I_2() throws SQLException {
        // when
        Map<String, List<String>> database = new TreeMap<>();
        for (List<String> row : ledger.platformRows("SELECT community_id, minted_micro, debited_micro, expired_micro, "
                + "revoked_micro, balance_micro FROM platform.community_totals() WHERE lots > 0")) {
            database.put(row.get(0), row.subList(1, row.size()));
        }

        // then
        Map<String, List<String>> stream = new TreeMap<>();
        for (CommunityState state : workload.model.communities().values()) {
            stream.put(state.communityId(), List.of(Long.toString(state.mintedMicro()),
                    Long.toString(state.debitedMicro()), Long.toString(state.expiredMicro()),
                    Long.toString(state.revokedMicro()), Long.toString(state.balanceMicro())));
        }
        assertThat(database).isEqualTo(stream);
    }

    @Test
    void the_system_wide_sums_equal_the_streams_and_conserve_credit_I_13() throws SQLException {
        // given
        LedgerTotals stream = LedgerTotals.ZERO;
        for (CommunityState state : workload.model.communities().values()) {
            stream = stream.plus(LedgerTotals.of(state));
        }

        // when
        List<String> row = ledger.platformRows("SELECT minted_micro, balance_micro, debited_micro, expired_micro, "
                + "revoked_micro, minted_entries_micro, usage_debited_micro, negative_lots "
                + "FROM platform.system_totals()").get(0);
        LedgerTotals database = new LedgerTotals(Long.parseLong(row.get(0)), Long.parseLong(row.get(1)),
                Long.parseLong(row.get(2)), Long.parseLong(row.get(3)), Long.parseLong(row.get(4)));

        // then
        assertThat(database).isEqualTo(stream);
        assertThat(ConservationGuard.checkSystem(database, CONTEXT).passed()).isTrue();
        assertThat(row.subList(5, 8)).containsExactly(row.get(0), row.get(2), "0");
    }

    @Test
    void the_guard_finds_every_community_book_read_back_from_the_database_sound() throws SQLException {
        // when
        List<DatabaseBook> books = books();
        GuardResult result = GuardResult.NONE;
        for (DatabaseBook book : books) {
            result = result.plus(ConservationGuard.checkWholeBook(book, List.of(), CONTEXT));
        }
        result = result.plus(ConservationGuard.checkSystem(books, CONTEXT));

        // then
        assertThat(books).hasSize(workload.model.communities().size());
        assertThat(result.violations()).isEmpty();
    }

    @Test
    void a_community_reader_sees_exactly_its_own_balance_and_usage() throws SQLException {
        for (CommunityState state : workload.model.communities().values()) {
            long unfunded = workload.records.stream().filter(UsageRecorded.class::isInstance)
                    .map(UsageRecorded.class::cast).filter(usage -> usage.communityId().equals(state.communityId()))
                    .mapToLong(UsageRecorded::unfundedMicro).sum();
            try (Connection reader = ledger.readerOf(state.communityId());
                    Statement statement = reader.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT (SELECT COALESCE(sum(remaining_micro), 0) "
                            + "FROM ledger.lot_balances), (SELECT COALESCE(sum(unfunded_micro), 0) FROM ledger.usage_events)")) {
                // when
                rows.next();

                // then
                assertThat(rows.getLong(1)).as("balance of " + state.communityId()).isEqualTo(state.balanceMicro());
                assertThat(rows.getLong(2)).as("unfunded of " + state.communityId()).isEqualTo(unfunded);
            }
        }
    }

    @Test
    void every_payments_current_state_is_the_streams() throws SQLException {
        // when
        Map<String, String> database = new TreeMap<>();
        for (List<String> row : ledger.platformRows("SELECT payment_id, status, credited_micro, "
                + "COALESCE(lot_id, '-') FROM ledger.crypto_payments")) {
            database.put(row.get(0), String.join(" ", row.subList(1, row.size())));
        }

        // then
        Map<String, String> stream = new TreeMap<>();
        for (PaymentState state : workload.model.payments().values()) {
            stream.put(state.paymentId(), state.status().wireName() + " " + state.creditedMicro() + " "
                    + (state.lotId() == null ? "-" : state.lotId()));
        }
        assertThat(differences(database, stream)).as("database | stream, per differing payment").isEmpty();
    }

    /** The keys whose values differ (or exist on one side only), with both values: a short failure message. */
    private static Map<String, String> differences(Map<String, String> database, Map<String, String> stream) {
        Map<String, String> differences = new TreeMap<>();
        TreeMap<String, String> keys = new TreeMap<>(database);
        keys.putAll(stream);
        for (String key : keys.keySet()) {
            if (!Objects.equals(database.get(key), stream.get(key))) {
                differences.put(key, database.get(key) + " | " + stream.get(key));
            }
        }
        return differences;
    }

    private static <T> long distinct(Class<T> type, Function<T, String> id) {
        return workload.records.stream().filter(type::isInstance).map(type::cast).map(id).distinct().count();
    }

    /** Each community's lots from {@code lot_balances}, its totals summed from {@code lot_entries} on their own. */
    private static List<DatabaseBook> books() throws SQLException {
        Map<String, List<DatabaseLot>> lots = new HashMap<>();
        for (List<String> row : ledger.platformRows("SELECT community_id, lot_id, minted_micro, remaining_micro, "
                + "debited_micro, expired_micro, revoked_micro FROM ledger.lot_balances")) {
            lots.computeIfAbsent(row.get(0), ignored -> new ArrayList<>()).add(new DatabaseLot(row.get(1), row.get(0),
                    Long.parseLong(row.get(2)), Long.parseLong(row.get(3)), Long.parseLong(row.get(4)),
                    Long.parseLong(row.get(5)), Long.parseLong(row.get(6))));
        }
        List<DatabaseBook> books = new ArrayList<>();
        for (List<String> row : ledger.platformRows("SELECT community_id, "
                + "sum(amount_micro) FILTER (WHERE entry_type = 'lot_minted'), "
                + "COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_debited'), 0), "
                + "COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_expired'), 0), "
                + "COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_revoked'), 0) "
                + "FROM ledger.lot_entries GROUP BY community_id")) {
            long minted = Long.parseLong(row.get(1));
            long debited = Long.parseLong(row.get(2));
            long expired = Long.parseLong(row.get(3));
            long revoked = Long.parseLong(row.get(4));
            books.add(new DatabaseBook(row.get(0), lots.get(row.get(0)), minted, debited, expired, revoked,
                    minted - debited - expired - revoked));
        }
        return books;
    }

    record DatabaseLot(String lotId, String communityId, long mintedMicro, long remainingMicro, long debitedMicro,
            long expiredMicro, long revokedMicro) implements LotBalance {
    }

    record DatabaseBook(String communityId, List<DatabaseLot> lots, long mintedMicro, long debitedMicro,
            long expiredMicro, long revokedMicro, long balanceMicro) implements LedgerBook {
    }
}
