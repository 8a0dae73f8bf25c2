package dev.ledgerstream.admin.conservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ViolationViewTest {

    static final String A = "3f1c2a9e-5b7d-4e21-9c3a-0d6b8e4f1a27";
    static final String B = "8a2d4c6e-1f3b-4a5c-9d7e-2b4f6a8c0e13";
    static final String HASH_A = "a".repeat(64);
    static final String HASH_B = "b".repeat(64);

    static ViolationView i6(String first, String conflicting) {
        JsonNode details = JsonMapper.shared().readTree("{\"finalization_id\":\"fin-1\",\"first_community_id\":\"" + first
                + "\",\"first_content_hash\":\"" + HASH_A + "\",\"conflicting_community_id\":\"" + conflicting
                + "\",\"conflicting_content_hash\":\"" + HASH_B + "\"}");
        return new ViolationView("violation:I-6:x", "I-6", conflicting, details, Instant.parse("2026-11-20T00:00:00Z"));
    }

    @Test
    void a_cross_community_i6_filed_under_b_does_not_show_b_the_first_community_or_its_hash() {
        // when
        ViolationView seenByB = i6(A, B).withoutOtherTenants(B);

        // then
        JsonNode details = seenByB.details();
        assertThat(details.get("first_community_id").asString()).isEqualTo("another community");
        assertThat(details.get("first_content_hash").isNull()).isTrue();
        assertThat(details.get("conflicting_community_id").asString()).isEqualTo(B);
        assertThat(details.get("conflicting_content_hash").asString()).isEqualTo(HASH_B);
        assertThat(details.get("finalization_id").asString()).isEqualTo("fin-1");
        assertThat(details.toString()).doesNotContain(A).doesNotContain(HASH_A);
    }

    @Test
    void evidence_that_names_only_the_viewers_community_is_unchanged() {
        // given: a conflict inside one community
        ViolationView own = i6(B, B);

        // when / then
        assertThat(own.withoutOtherTenants(B)).isSameAs(own);
    }

    @Test
    void the_stored_evidence_is_not_modified() {
        // given
        ViolationView recorded = i6(A, B);

        // when
        recorded.withoutOtherTenants(B);

        // then
        assertThat(recorded.details().get("first_community_id").asString()).isEqualTo(A);
    }
}
