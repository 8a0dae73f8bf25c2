package dev.ledgerstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OrderIdCommunityTest {

    static final String UUID = "3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60";

    @ParameterizedTest
    @ValueSource(strings = {UUID, UUID + ":standard", UUID + ":", UUID + "::x:y", "3F1C2B9E-8D4A-4C6B-9E2F-1A7D5C3B8E60"})
    void an_order_id_starting_with_a_uuid_names_that_community_in_lowercase(String orderId) {
        // when / then
        assertThat(CommunityId.namedByOrderId(orderId)).contains(new CommunityId(UUID));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "standard", "order-42", UUID + "x", UUID + " :standard", " " + UUID,
        "3f1c2b9e8d4a4c6b9e2f1a7d5c3b8e60", "3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e6", "zf1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60"})
    void an_order_id_without_a_leading_uuid_names_no_community(String orderId) {
        // when / then
        assertThat(CommunityId.namedByOrderId(orderId)).isEmpty();
    }

    @Test
    void a_suffix_may_contain_anything() {
        // when / then
        assertThat(CommunityId.namedByOrderId(UUID + ":é ü/\"{}")).contains(new CommunityId(UUID));
    }
}
