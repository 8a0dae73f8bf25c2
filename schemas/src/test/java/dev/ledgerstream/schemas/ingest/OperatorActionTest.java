package dev.ledgerstream.schemas.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerstream.schemas.JsonSchemas;
import dev.ledgerstream.schemas.LedgerJson;
import dev.ledgerstream.schemas.Topics;
import java.time.Instant;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/** An operator's action (SPEC 5.5): its record and its JSON Schema say the same. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OperatorActionTest {

    private static final String COMMUNITY = "3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60";
    private static final Instant AT = Instant.parse("2026-12-04T10:00:00Z");

    private static ObjectNode json(OperatorAction action) {
        return (ObjectNode) LedgerJson.mapper().readTree(Topics.OPERATOR_ACTIONS.valueSerde().toBytes(action));
    }

    @Test
    void a_grant_and_a_release_round_trip_through_the_topic_serde() {
        OperatorAction grant = OperatorAction.of("k", ActionKind.GRANT, COMMUNITY, null, 5_000_000L,
                AT.plusSeconds(3600), "ops", "goodwill", AT);
        OperatorAction release = OperatorAction.of("k", ActionKind.RELEASE, null, "77", null, null, "ops", "paid", AT);

        assertThat(Topics.OPERATOR_ACTIONS.valueSerde().fromBytes(Topics.OPERATOR_ACTIONS.valueSerde().toBytes(grant)))
                .isEqualTo(grant);
        assertThat(Topics.OPERATOR_ACTIONS.valueSerde().fromBytes(Topics.OPERATOR_ACTIONS.valueSerde().toBytes(release)))
                .isEqualTo(release);
    }

    @Test
    void the_same_key_for_the_same_subject_and_kind_is_the_same_action_and_otherwise_another() {
        String id = OperatorAction.actionIdOf(ActionKind.RELEASE, "77", "k");
        assertThat(OperatorAction.actionIdOf(ActionKind.RELEASE, "77", "k")).isEqualTo(id);
        assertThat(OperatorAction.actionIdOf(ActionKind.DISMISS, "77", "k")).isNotEqualTo(id);
        assertThat(OperatorAction.actionIdOf(ActionKind.RELEASE, "78", "k")).isNotEqualTo(id);
        assertThat(OperatorAction.actionIdOf(ActionKind.RELEASE, "77", "k2")).isNotEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"grant-with-payment", "grant-without-amount", "release-with-community",
        "release-with-amount", "release-without-payment", "reason-with-newline", "unknown-kind"})
    void the_schema_refuses_what_the_record_refuses(String broken) {
        // given a valid record's JSON, broken in one way
        ObjectNode grant = json(OperatorAction.of("k", ActionKind.GRANT, COMMUNITY, null, 5L, null, "ops", "why", AT));
        ObjectNode release = json(OperatorAction.of("k", ActionKind.RELEASE, null, "77", null, null, "ops", "why", AT));
        ObjectNode record = switch (broken) {
            case "grant-with-payment" -> grant.put("payment_id", "77");
            case "grant-without-amount" -> {
                grant.remove("amount_micro");
                yield grant;
            }
            case "release-with-community" -> release.put("community_id", COMMUNITY);
            case "release-with-amount" -> release.put("amount_micro", 5);
            case "release-without-payment" -> {
                release.remove("payment_id");
                yield release;
            }
            case "reason-with-newline" -> release.put("reason", "two\nlines");
            default -> release.put("kind", "refund");
        };

        // then: the schema finds it, and so does the record's constructor
        assertThat(JsonSchemas.violations("operator.actions.v1", record)).as(broken).isNotEmpty();
        assertThatThrownBy(() -> LedgerJson.mapper().treeToValue(record, OperatorAction.class)).as(broken)
                .isInstanceOf(RuntimeException.class);
    }
}
