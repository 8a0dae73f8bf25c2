package dev.ledgerstream.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DatabasesTest {

    @Test
    void names_databases_as_plain_lower_case_identifiers_from_the_prefix() {
        // when
        String name = Databases.uniqueName("LedgerSink$IdempotencyIT");

        // then
        assertThat(name).matches("ledgersink_idempotencyit_[0-9a-f]{8}");
    }

    @Test
    void keeps_names_within_postgresql_identifier_length_and_starting_with_a_letter() {
        // when
        String name = Databases.uniqueName("9" + "x".repeat(100));

        // then
        assertThat(name).matches("[a-z][a-z0-9_]*").hasSizeLessThanOrEqualTo(63);
    }

    @Test
    void gives_two_databases_of_the_same_class_different_names() {
        // when
        String first = Databases.uniqueName("SameIT");
        String second = Databases.uniqueName("SameIT");

        // then
        assertThat(first).isNotEqualTo(second);
    }
}
