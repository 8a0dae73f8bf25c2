package dev.ledgerstream.sink.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SqlFailuresTest {

    @ParameterizedTest(name = "{0} ({1}) is {2}")
    @CsvSource({
        "08006, connection failure, TRANSIENT",
        "08001, cannot connect, TRANSIENT",
        "40001, serialization failure, TRANSIENT",
        "40P01, deadlock, TRANSIENT",
        "53300, too many connections, TRANSIENT",
        "57P01, admin shutdown, TRANSIENT",
        "57014, statement timeout, TRANSIENT",
        "55P03, lock not available, TRANSIENT",
        "23503, foreign key violation, DATA",
        "23514, check violation, DATA",
        "23502, not null violation, DATA",
        "22P02, invalid text representation, DATA",
        "22021, invalid byte sequence, DATA",
        "42501, permission denied for table usage_events, PERMANENT",
        "42P01, relation does not exist, PERMANENT",
        "28P01, password authentication failed, PERMANENT",
        "LS001, app.community_id is not set, PERMANENT",
        "LS002, the ledger is append-only, PERMANENT",
    })
    void classifies_a_failure_by_its_sqlstate(String sqlState, String message, FailureKind expected) {
        // when
        FailureKind kind = SqlFailures.classify(new SQLException(message, sqlState));

        // then
        assertThat(kind).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "new row violates row-level security policy for table \"guard_violations\"",
        "new row violates row-level security policy (USING expression) for table \"crypto_payments\"",
    })
    void a_row_level_security_violation_is_the_records_fault(String message) {
        // when / then
        assertThat(SqlFailures.classify(new SQLException(message, "42501"))).isEqualTo(FailureKind.DATA);
    }

    @Test
    void a_failed_batch_is_classified_by_the_statement_that_failed() {
        // given
        BatchUpdateException batch = new BatchUpdateException("Batch entry 3 was aborted", "23503", new int[0]);
        batch.setNextException(new SQLException("insert or update on table violates foreign key constraint", "23503"));

        // when / then
        assertThat(SqlFailures.classify(batch)).isEqualTo(FailureKind.DATA);
        assertThat(SqlFailures.describe(batch)).startsWith("23503 insert or update");
    }

    @ParameterizedTest(name = "SQLSTATE \"{0}\"")
    @CsvSource(value = {"NULL", "''", "080"}, nullValues = "NULL")
    void a_failure_without_a_proper_sqlstate_came_before_the_server_and_is_transient(String sqlState) {
        // when / then
        assertThat(SqlFailures.classify(new SQLException("I/O error", sqlState))).isEqualTo(FailureKind.TRANSIENT);
    }
}
