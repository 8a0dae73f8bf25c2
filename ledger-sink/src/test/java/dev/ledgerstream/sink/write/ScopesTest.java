package dev.ledgerstream.sink.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ScopesTest {

    @Test
    void a_community_scope_is_a_quoted_uuid_and_no_community_is_none() {
        // when / then
        assertThat(Scopes.setLocal("3f1c2a4b-0000-4000-8000-000000000001"))
                .isEqualTo("SET LOCAL app.community_id = '3f1c2a4b-0000-4000-8000-000000000001'");
        assertThat(Scopes.setLocal(null)).isEqualTo("SET LOCAL app.community_id = 'none'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x' OR true --", "3F1C2A4B-0000-4000-8000-000000000001", "3f1c2a4b-0-4000-8000-000000000001",
        "3f1c2a4b-0000-4000-8000-000000000001'; DROP TABLE ledger.usage_events; --", ""})
    void nothing_but_a_canonical_uuid_becomes_a_literal(String text) {
        // when / then
        assertThatThrownBy(() -> Scopes.literal(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
