package dev.ledgerstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerstream.schemas.ingest.IpnQuarantined;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TopicsTest {

    static final String EVENT_ID = "a".repeat(64);
    static final Instant AT = Instant.parse("2026-11-22T10:15:30.123Z");

    static IpnReceived ipn() {
        return new IpnReceived(EVENT_ID, "5524759814", "canonical", AT, "{\"payment_id\":5524759814}");
    }

    static UsageFinalizationReceived usage(Long reservedMicro) {
        return new UsageFinalizationReceived("fin-1", "3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60", "cheap", null,
                10, 20, Long.MAX_VALUE, null, reservedMicro, AT, AT, "svc");
    }

    @Test
    void every_topic_has_a_schema_and_a_dead_letter_topic() {
        for (TopicSpec<String, ?> topic : Topics.all()) {
            assertThat(topic.valueSerde().schemaName()).isEqualTo(topic.name());
            assertThat(topic.deadLetterTopic()).endsWith(".dlq.v1").doesNotContain("..");
        }
        assertThat(Topics.PAYMENTS_IPN.deadLetterTopic()).isEqualTo("payments.ipn.dlq.v1");
    }

    @Test
    void raw_topics_keep_records_forever_and_are_never_compacted() {
        for (TopicSpec<String, ?> topic : Topics.all()) {
            assertThat(topic.config()).containsEntry("retention.ms", "-1").containsEntry("cleanup.policy", "delete");
        }
    }

    @Test
    void an_ipn_round_trips_through_its_schema() {
        // given
        IpnReceived ipn = ipn();
        // when
        byte[] bytes = Topics.PAYMENTS_IPN.valueSerde().toBytes(ipn);
        // then
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .contains("\"event_id\":\"" + EVENT_ID + "\"", "\"received_at\":\"2026-11-22T10:15:30.123Z\"");
        assertThat(Topics.PAYMENTS_IPN.valueSerde().fromBytes(bytes)).isEqualTo(ipn);
    }

    @Test
    void a_quarantined_ipn_without_payment_id_round_trips_and_is_keyed_by_event_id() {
        IpnQuarantined quarantined = new IpnQuarantined(EVENT_ID, null, "not_an_object", AT, "[1]");
        byte[] bytes = Topics.PAYMENTS_IPN_QUARANTINE.valueSerde().toBytes(quarantined);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("payment_id");
        assertThat(Topics.PAYMENTS_IPN_QUARANTINE.valueSerde().fromBytes(bytes)).isEqualTo(quarantined);
        assertThat(quarantined.key()).isEqualTo(EVENT_ID);
    }

    @Test
    void a_usage_finalization_carries_money_as_an_exact_integer() {
        UsageFinalizationReceived usage = usage(Long.MAX_VALUE);
        byte[] bytes = Topics.USAGE_FINALIZATIONS.valueSerde().toBytes(usage);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"amount_micro\":9223372036854775807");
        assertThat(Topics.USAGE_FINALIZATIONS.valueSerde().fromBytes(bytes)).isEqualTo(usage);
    }

    @Test
    void a_record_that_violates_its_schema_is_a_serialization_error() {
        byte[] missingFields = "{\"finalization_id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        byte[] badTimestamp = new String(Topics.PAYMENTS_IPN.valueSerde().toBytes(ipn()), StandardCharsets.UTF_8)
                .replace("2026-11-22T10:15:30.123Z", "yesterday").getBytes(StandardCharsets.UTF_8);
        byte[] notJson = "{".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Topics.USAGE_FINALIZATIONS.valueSerde().fromBytes(missingFields))
                .isInstanceOf(SerializationException.class).hasMessageContaining("community_id");
        assertThatThrownBy(() -> Topics.PAYMENTS_IPN.valueSerde().fromBytes(badTimestamp))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> Topics.PAYMENTS_IPN.valueSerde().fromBytes(notJson))
                .isInstanceOf(SerializationException.class);
    }
}
