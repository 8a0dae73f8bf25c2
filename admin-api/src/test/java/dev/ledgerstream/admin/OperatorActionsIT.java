package dev.ledgerstream.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.jwt.testing.TestTokens;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.ActionKind;
import dev.ledgerstream.schemas.ingest.ChargingMode;
import dev.ledgerstream.schemas.ingest.MintingMode;
import dev.ledgerstream.schemas.ingest.OperatorAction;
import dev.ledgerstream.testsupport.TestServers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/admin/actions} against the real broker and the scenario's ledger: what is
 * accepted lands on {@code operator.actions.v1} under the key its state is partitioned by, with the
 * token's subject as actor; what the ledger cannot take is refused before it is sent. (That the
 * community task applies it, and a replay reproduces it, is shown through local mode by
 * {@code ReconcileRebuildIT}.)
 */
class OperatorActionsIT extends AdminApiIT {

    private static final String ACTIONS = "/api/v1/admin/actions";

    private static String operatorToken(String subject) {
        return TestTokens.es256(ADMIN_KEY, claims().subject(subject).claim("role", "admin").build());
    }

    @Test
    void a_grant_lands_on_the_actions_topic_keyed_by_its_community_with_the_token_subject_as_actor() {
        // given
        String key = "welcome-" + UUID.randomUUID();
        String body = """
                {"kind": "grant", "community_id": "%s", "amount_micro": "2500000",
                 "expires_at": "2030-01-01T00:00:00Z", "idempotency_key": "%s", "reason": "welcome credit"}"""
                .formatted(LedgerScenario.COMMUNITY_A.toUpperCase(), key);

        // when
        HttpResponse<String> response = post(ACTIONS, operatorToken("ops@ledgerstream.test"), body);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode accepted = json(response);
        String actionId = accepted.get("action_id").asString();
        assertThat(actionId).isEqualTo(OperatorAction.actionIdOf(ActionKind.GRANT, LedgerScenario.COMMUNITY_A, key));
        assertThat(accepted.get("status").asString()).isEqualTo("accepted");
        ConsumerRecord<String, byte[]> record = onTopic(actionId);
        assertThat(record.key()).isEqualTo(LedgerScenario.COMMUNITY_A);
        OperatorAction action = Topics.OPERATOR_ACTIONS.valueSerde().fromBytes(record.value());
        assertThat(action).isEqualTo(new OperatorAction(actionId, key, ActionKind.GRANT, LedgerScenario.COMMUNITY_A,
                null, 2_500_000L, Instant.parse("2030-01-01T00:00:00Z"), null, null, "ops@ledgerstream.test",
                "welcome credit", LedgerScenario.NOW));
    }

    @Test
    void the_same_idempotency_key_is_the_same_action() {
        // given
        String body = """
                {"kind": "grant", "community_id": "%s", "amount_micro": 1000, "idempotency_key": "again-%s",
                 "reason": "retry"}""".formatted(LedgerScenario.COMMUNITY_A, UUID.randomUUID());

        // when
        JsonNode first = json(post(ACTIONS, adminToken(), body));
        JsonNode second = json(post(ACTIONS, adminToken(), body));

        // then
        assertThat(second.get("action_id")).isEqualTo(first.get("action_id"));
    }

    @Test
    void a_release_of_a_held_payment_is_keyed_like_its_notifications() {
        // given payment 2003 of community B, held_underpaid
        String body = """
                {"kind": "release", "payment_id": "2003", "idempotency_key": "release-%s",
                 "reason": "customer paid the rest by bank transfer"}""".formatted(UUID.randomUUID());

        // when
        HttpResponse<String> response = post(ACTIONS, adminToken(), body);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        ConsumerRecord<String, byte[]> record = onTopic(json(response).get("action_id").asString());
        assertThat(record.key()).isEqualTo(LedgerScenario.COMMUNITY_B);
        assertThat(Topics.OPERATOR_ACTIONS.valueSerde().fromBytes(record.value()).kind()).isEqualTo(ActionKind.RELEASE);
    }

    @Test
    void a_charging_mode_for_every_community_lands_once_on_every_partition_in_one_transaction() {
        // given
        String key = "incident-" + UUID.randomUUID();
        String body = """
                {"kind": "set_charging_mode", "charging": "shadow", "minting": "paused", "idempotency_key": "%s",
                 "reason": "pricing bug"}""".formatted(key);

        // when
        HttpResponse<String> response = post(ACTIONS, operatorToken("ops@ledgerstream.test"), body);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String actionId = json(response).get("action_id").asString();
        assertThat(actionId).isEqualTo(OperatorAction.actionIdOf(ActionKind.SET_CHARGING_MODE, OperatorAction.GLOBAL,
                key));
        int partitions = partitionCount();
        List<ConsumerRecord<String, byte[]>> copies = allOnTopic(actionId, partitions);
        assertThat(copies).hasSize(partitions);
        assertThat(copies).extracting(ConsumerRecord::partition).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.range(0, partitions).boxed().toList());
        assertThat(copies).allSatisfy(copy -> {
            assertThat(copy.key()).isEqualTo(OperatorAction.GLOBAL);
            OperatorAction action = Topics.OPERATOR_ACTIONS.valueSerde().fromBytes(copy.value());
            assertThat(action.global()).isTrue();
            assertThat(action.charging()).isEqualTo(ChargingMode.SHADOW);
            assertThat(action.minting()).isEqualTo(MintingMode.PAUSED);
            assertThat(action.actor()).isEqualTo("ops@ledgerstream.test");
        });
    }

    @Test
    void a_communitys_charging_mode_lands_once_keyed_by_its_community() {
        // given
        String body = """
                {"kind": "set_charging_mode", "community_id": "%s", "charging": "shadow", "minting": "live",
                 "idempotency_key": "shadow-%s", "reason": "pricing under review"}"""
                .formatted(LedgerScenario.COMMUNITY_A, UUID.randomUUID());

        // when
        HttpResponse<String> response = post(ACTIONS, adminToken(), body);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        List<ConsumerRecord<String, byte[]>> copies = allOnTopic(json(response).get("action_id").asString(), 1);
        assertThat(copies).singleElement().extracting(ConsumerRecord::key).isEqualTo(LedgerScenario.COMMUNITY_A);
    }

    @Test
    void the_charging_modes_in_force_are_listed_for_platform_admins_and_on_the_metrics() {
        // when
        JsonNode modes = json("/api/v1/admin/charging-mode");
        String metrics = get("/metrics", null).body();

        // then: the scenario paused minting for every community and put B in shadow
        assertThat(modes.get("global").get("charging").asString()).isEqualTo("live");
        assertThat(modes.get("global").get("minting").asString()).isEqualTo("paused");
        assertThat(modes.get("global").get("actor").asString()).isEqualTo("ops@ledgerstream.test");
        assertThat(modes.get("communities")).singleElement().satisfies(community -> {
            assertThat(community.get("community_id").asString()).isEqualTo(LedgerScenario.COMMUNITY_B);
            assertThat(community.get("charging").asString()).isEqualTo("shadow");
            assertThat(community.get("reason").asString()).isEqualTo("pricing under review");
        });
        assertThat(get("/api/v1/admin/charging-mode", communityAdminToken(LedgerScenario.COMMUNITY_B)).statusCode())
                .isEqualTo(403);
        assertThat(metrics).contains("ledger_minting_paused{application=\"admin-api\",scope=\"global\"} 1.0")
                .contains("ledger_charging_shadow{application=\"admin-api\",scope=\"global\"} 0.0")
                .contains("ledger_charging_shadow{application=\"admin-api\",scope=\"community\"} 1.0");
    }

    @ParameterizedTest(name = "{0} payment {1}: {2}")
    @CsvSource({
        "release, 999999, 404",
        "dismiss, 999999, 404",
        "release, 2001, 409",
        "dismiss, 1001, 409"})
    void a_payment_the_ledger_has_not_recorded_is_404_and_one_with_nothing_to_resolve_409(String kind, String payment,
            int status) {
        // given
        String body = """
                {"kind": "%s", "payment_id": "%s", "idempotency_key": "k-%s", "reason": "try"}"""
                .formatted(kind, payment, UUID.randomUUID());

        // when
        HttpResponse<String> response = post(ACTIONS, adminToken(), body);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not json                                                                             | body",
        "[1, 2]                                                                               | body",
        "{\"idempotency_key\": \"k\", \"reason\": \"r\"}                                      | kind",
        "{\"kind\": \"refund\", \"idempotency_key\": \"k\", \"reason\": \"r\"}                | kind",
        "{\"kind\": \"grant\", \"community_id\": \"%s\", \"idempotency_key\": \"k\", \"reason\": \"r\"} | amount_micro",
        "{\"kind\": \"grant\", \"community_id\": \"%s\", \"amount_micro\": 0, \"idempotency_key\": \"k\", \"reason\": \"r\"} | amount_micro",
        "{\"kind\": \"grant\", \"community_id\": \"%s\", \"amount_micro\": \"1e6\", \"idempotency_key\": \"k\", \"reason\": \"r\"} | amount_micro",
        "{\"kind\": \"grant\", \"community_id\": \"%s\", \"amount_micro\": \"9223372036854775808\", \"idempotency_key\": \"k\", \"reason\": \"r\"} | amount_micro",
        "{\"kind\": \"grant\", \"community_id\": \"not-a-uuid\", \"amount_micro\": 5, \"idempotency_key\": \"k\", \"reason\": \"r\"} | community_id",
        "{\"kind\": \"grant\", \"community_id\": \"%s\", \"amount_micro\": 5, \"expires_at\": \"2001-01-01T00:00:00Z\", \"idempotency_key\": \"k\", \"reason\": \"r\"} | body",
        "{\"kind\": \"grant\", \"community_id\": \"%s\", \"amount_micro\": 5, \"expires_at\": \"tomorrow\", \"idempotency_key\": \"k\", \"reason\": \"r\"} | expires_at",
        "{\"kind\": \"release\", \"payment_id\": \"2003\", \"community_id\": \"%s\", \"idempotency_key\": \"k\", \"reason\": \"r\"} | community_id",
        "{\"kind\": \"release\", \"payment_id\": \"02003\", \"idempotency_key\": \"k\", \"reason\": \"r\"} | payment_id",
        "{\"kind\": \"dismiss\", \"payment_id\": \"2003\", \"idempotency_key\": \"k\"}        | reason",
        "{\"kind\": \"dismiss\", \"payment_id\": \"2003\", \"idempotency_key\": \"k\", \"reason\": \"\"} | body",
        "{\"kind\": \"dismiss\", \"payment_id\": \"2003\", \"idempotency_key\": \"k\", \"reason\": \"r\", \"amount\": 1} | amount",
        "{\"kind\": \"dismiss\", \"payment_id\": \"2003\", \"idempotency_key\": \"k\", \"reason\": \"r\", \"charging\": \"live\"} | charging",
        "{\"kind\": \"set_charging_mode\", \"charging\": \"off\", \"minting\": \"live\", \"idempotency_key\": \"k\", \"reason\": \"r\"} | charging",
        "{\"kind\": \"set_charging_mode\", \"charging\": \"shadow\", \"idempotency_key\": \"k\", \"reason\": \"r\"} | minting",
        "{\"kind\": \"set_charging_mode\", \"charging\": \"shadow\", \"minting\": \"stopped\", \"idempotency_key\": \"k\", \"reason\": \"r\"} | minting",
        "{\"kind\": \"set_charging_mode\", \"community_id\": \"nope\", \"charging\": \"shadow\", \"minting\": \"live\", \"idempotency_key\": \"k\", \"reason\": \"r\"} | community_id",
        "{\"kind\": \"set_charging_mode\", \"payment_id\": \"2003\", \"charging\": \"shadow\", \"minting\": \"live\", \"idempotency_key\": \"k\", \"reason\": \"r\"} | payment_id"})
    void a_malformed_action_is_400_naming_the_field(String body, String field) {
        // when
        HttpResponse<String> response = post(ACTIONS, adminToken(), body.formatted(LedgerScenario.COMMUNITY_A));

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("errors").get(0).get("parameter").asString()).isEqualTo(field);
    }

    @Test
    void only_a_platform_admin_with_a_subject_may_act() {
        // given
        String body = """
                {"kind": "dismiss", "payment_id": "2003", "idempotency_key": "k", "reason": "r"}""";
        String withoutSubject = TestTokens.es256(ADMIN_KEY, claims().subject(null).claim("role", "admin").build());

        // then
        assertThat(post(ACTIONS, null, body).statusCode()).isEqualTo(401);
        assertThat(post(ACTIONS, communityAdminToken(LedgerScenario.COMMUNITY_B), body).statusCode()).isEqualTo(403);
        assertThat(post(ACTIONS, withoutSubject, body).statusCode()).isIn(401, 403);
        assertThat(get(ACTIONS, communityAdminToken(LedgerScenario.COMMUNITY_B)).statusCode()).isEqualTo(403);
    }

    @Test
    void the_actions_list_shows_what_each_action_did_and_why() {
        // when
        JsonNode list = json(ACTIONS + "?limit=5");

        // then: the scenario's release of a payment that was minted, and its two mode changes (the
        // actions posted above reach no ledger here: no stream processors run)
        assertThat(list.get("items")).hasSize(3);
        assertThat(list.get("items").get(0).get("kind").asString()).isEqualTo("set_charging_mode");
        assertThat(list.get("items").get(0).get("charging").asString()).isEqualTo("shadow");
        JsonNode item = list.get("items").get(2);
        assertThat(item.get("kind").asString()).isEqualTo("release");
        assertThat(item.get("result").asString()).isEqualTo("rejected");
        assertThat(item.get("detail").asString()).contains("does not await resolution (mint_outcome minted)");
        assertThat(item.get("payment_id").asString()).isEqualTo("2001");
        assertThat(item.get("community_id").asString()).isEqualTo(LedgerScenario.COMMUNITY_B);
        assertThat(item.get("actor").asString()).isEqualTo("ops@ledgerstream.test");
        assertThat(item.get("amount_micro").asString()).isEqualTo("0");
    }

    /** The record of {@code actionId} on {@code operator.actions.v1}, read from the beginning. */
    private static ConsumerRecord<String, byte[]> onTopic(String actionId) {
        List<ConsumerRecord<String, byte[]>> found = allOnTopic(actionId, 1);
        if (found.isEmpty()) {
            throw new AssertionError("action " + actionId + " is not on " + Topics.OPERATOR_ACTIONS.name());
        }
        return found.get(0);
    }

    private static int partitionCount() {
        Properties config = new Properties();
        config.putAll(TestServers.kafka().clientConfig());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            return consumer.partitionsFor(Topics.OPERATOR_ACTIONS.name()).size();
        }
    }

    /**
     * Every committed record of {@code actionId} on {@code operator.actions.v1}, read from the
     * beginning: until at least {@code atLeast} are found and the reader is at the end of every
     * partition as it is then. (A transaction's commit markers reach the partitions just after the
     * producer's commit returns: a read_committed reader may see a partition's records a moment
     * later than its neighbours'.)
     */
    private static List<ConsumerRecord<String, byte[]>> allOnTopic(String actionId, int atLeast) {
        Properties config = new Properties();
        config.putAll(TestServers.kafka().clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.OPERATOR_ACTIONS.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> found = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (Topics.OPERATOR_ACTIONS.valueSerde().fromBytes(record.value()).actionId().equals(actionId)) {
                        found.add(record);
                    }
                }
                if (found.size() >= atLeast) {
                    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                    if (partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p))) {
                        break;
                    }
                }
            }
            return found;
        }
    }
}
