package dev.ledgerstream.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JdbcUrlsTest {

    @Test
    void swaps_the_database_and_keeps_the_parameters() {
        // given
        String url = "jdbc:postgresql://localhost:32768/test?loggerLevel=OFF";

        // when
        String swapped = JdbcUrls.withDatabase(url, "ledger_1");

        // then
        assertThat(swapped).isEqualTo("jdbc:postgresql://localhost:32768/ledger_1?loggerLevel=OFF");
    }

    @Test
    void adds_a_database_to_a_url_without_one() {
        // given
        String url = "jdbc:postgresql://db.internal:5432";

        // when
        String swapped = JdbcUrls.withDatabase(url, "ledger_1");

        // then
        assertThat(swapped).isEqualTo("jdbc:postgresql://db.internal:5432/ledger_1");
    }

    @Test
    void converts_a_postgres_url_and_takes_its_user_and_password() {
        // given
        String url = "postgres://ledger%40ci:p+ss%2Fword@db.internal:5432/ledger?sslmode=require";

        // when
        JdbcUrls.Parsed parsed = JdbcUrls.parse(url);

        // then
        assertThat(parsed.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/ledger?sslmode=require");
        assertThat(parsed.user()).contains("ledger@ci");
        assertThat(parsed.password()).contains("p+ss/word");
    }

    @Test
    void keeps_a_jdbc_url_as_it_is() {
        // given
        String url = "jdbc:postgresql://db:5432/ledger";

        // when
        JdbcUrls.Parsed parsed = JdbcUrls.parse(url);

        // then
        assertThat(parsed).isEqualTo(new JdbcUrls.Parsed(url, Optional.empty(), Optional.empty()));
    }

    @Test
    void rejects_what_is_not_a_postgresql_url() {
        // when / then
        assertThatThrownBy(() -> JdbcUrls.parse("mysql://db/ledger")).isInstanceOf(IllegalArgumentException.class);
    }
}
