package dev.ledgerstream.servicekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DatabaseUrlTest {

    @Test
    void a_jdbc_url_is_taken_as_it_is() {
        // when
        DatabaseUrl url = DatabaseUrl.parse(" jdbc:postgresql://db:5432/ledger?sslmode=require ");

        // then
        assertThat(url).isEqualTo(new DatabaseUrl("jdbc:postgresql://db:5432/ledger?sslmode=require", null, null));
    }

    @Test
    void a_postgres_url_becomes_a_jdbc_url_and_gives_its_user_and_decoded_password() {
        // when
        DatabaseUrl url = DatabaseUrl.parse("postgres://sink:p%40ss%3Aword@db.internal:6543/ledger?sslmode=require");

        // then
        assertThat(url).isEqualTo(new DatabaseUrl("jdbc:postgresql://db.internal:6543/ledger?sslmode=require", "sink",
                "p@ss:word"));
    }

    @Test
    void the_default_port_is_postgresqls() {
        // when / then
        assertThat(DatabaseUrl.parse("postgresql://db/ledger").jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/ledger");
    }

    @Test
    void a_missing_or_foreign_url_stops_start_up_naming_the_variable() {
        // when / then
        assertThatThrownBy(() -> DatabaseUrl.parse("  ")).isInstanceOf(SettingProblem.class)
                .hasMessageStartingWith("DATABASE_URL is not set");
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://db/ledger")).isInstanceOf(SettingProblem.class)
                .hasMessageStartingWith("DATABASE_URL is not a PostgreSQL URL");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://db")).isInstanceOf(SettingProblem.class)
                .hasMessageStartingWith("DATABASE_URL needs a host and a database name");
    }

    @Test
    void a_url_for_a_log_line_has_no_password() {
        // when / then
        assertThat(DatabaseUrl.withoutPassword("postgres://sink:secret@db:5432/ledger"))
                .isEqualTo("postgres://sink:***@db:5432/ledger");
        assertThat(DatabaseUrl.withoutPassword("jdbc:postgresql://db:5432/ledger")).isEqualTo("jdbc:postgresql://db:5432/ledger");
        assertThat(DatabaseUrl.parse("postgres://sink:secret@db/ledger").toString()).doesNotContain("secret");
    }
}
