package dev.ledgerstream.ingest.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.ingest.payment.IpnCheck.Accepted;
import dev.ledgerstream.ingest.payment.IpnCheck.Quarantined;
import dev.ledgerstream.schemas.CommunityId;
import dev.ledgerstream.schemas.PaymentId;
import dev.ledgerstream.schemas.PaymentStatus;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IpnRulesTest {

    private static final String COMMUNITY = "3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60";
    private static final String VALID = "{\"payment_id\":5524759814,\"payment_status\":\"finished\","
            + "\"price_amount\":25,\"price_currency\":\"usd\",\"order_id\":\"" + COMMUNITY + ":premium\"}";

    /** A verified IPN without a signature round trip; the rules only see verified bodies. */
    private static VerifiedIpn verified(String json) {
        JsonValue body = StrictJsonParser.parse(json.getBytes(StandardCharsets.UTF_8));
        String canonical = CanonicalJson.canonical(body);
        return new VerifiedIpn(body, canonical, EventIds.of(canonical), SignatureForm.CANONICAL);
    }

    private static String with(String field, String json) {
        return VALID.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]*)",
                Matcher.quoteReplacement("\"" + field + "\":" + json));
    }

    private static String without(String field) {
        return VALID.replaceFirst(",?\"" + field + "\":(\"[^\"]*\"|[^,}]*)", "").replace("{,", "{");
    }

    private static Accepted accepted(String json) {
        IpnCheck check = IpnRules.check(verified(json));
        assertThat(check).isInstanceOf(Accepted.class);
        return (Accepted) check;
    }

    private static Quarantined quarantined(String json) {
        IpnCheck check = IpnRules.check(verified(json));
        assertThat(check).as(json).isInstanceOf(Quarantined.class);
        return (Quarantined) check;
    }

    @Test
    void accepts_a_notification_that_follows_the_rules() {
        // given
        VerifiedIpn ipn = verified(VALID);
        // when
        IpnCheck check = IpnRules.check(ipn);
        // then
        assertThat(check).isEqualTo(new Accepted(ipn, new PaymentId("5524759814"), PaymentStatus.FINISHED, "25",
                "usd", COMMUNITY + ":premium", Optional.of(new CommunityId(COMMUNITY))));
    }

    @ParameterizedTest(name = "payment_id {0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "5524759814          | 5524759814",
        "5.524759814e9       | 5524759814",
        "\"5524759814\"      | 5524759814",
        "\"0005524759814\"   | 5524759814",
        "\"0\"               | 0",
        "0                   | 0",
        "9007199254740991    | 9007199254740991",
        "\"12345678901234567890123\" | 12345678901234567890123",
    })
    void normalizes_the_payment_id_to_digits(String json, String expected) {
        // given / when
        Accepted accepted = accepted(with("payment_id", json));
        // then
        assertThat(accepted.paymentId()).isEqualTo(new PaymentId(expected));
    }

    @ParameterizedTest(name = "price_amount {0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "25.0      | 25",
        "4.5e-06   | 0.0000045",
        "1e21      | 1e+21",
        "1.5e-7    | 1.5e-7",
        "\"25.50\" | 25.50",
        "\"10\"    | 10",
        "0         | 0",
    })
    void keeps_the_price_amount_as_its_canonical_text(String json, String expected) {
        // given / when
        Accepted accepted = accepted(with("price_amount", json));
        // then
        assertThat(accepted.priceAmount()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "order_id {0}")
    @CsvSource(delimiter = '|', value = {
        "3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60            | 3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60",
        "3F1C2B9E-8D4A-4C6B-9E2F-1A7D5C3B8E60:standard   | 3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60",
        "3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60:a:b        | 3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60",
        "3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60:           | 3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60",
    })
    void reads_the_community_from_a_uuid_order_id_with_an_optional_suffix(String orderId, String community) {
        // given / when
        Accepted accepted = accepted(with("order_id", "\"" + orderId + "\""));
        // then
        assertThat(accepted.communityId()).contains(new CommunityId(community));
        assertThat(accepted.orderId()).isEqualTo(orderId);
    }

    @ParameterizedTest(name = "order_id {0}")
    @CsvSource(delimiter = '|', value = {
        "order-42", "premium:3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60", "3f1c2b9e8d4a4c6b9e2f1a7d5c3b8e60",
        "' 3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60'", "3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60x",
    })
    void accepts_an_order_id_that_names_no_community_without_a_community(String orderId) {
        // given / when: the ledger records it as unknown_community, the payment is kept
        Accepted accepted = accepted(with("order_id", "\"" + orderId + "\""));
        // then
        assertThat(accepted.communityId()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5524759000", "\"5524759000\"", "null", "\"n/a\""})
    void accepts_a_repeat_deposit_like_any_payment_since_the_ledger_decides_to_hold_it(String parent) {
        // given: each repeat deposit is its own payment (SPEC 3.1); the ledger holds it (5.2)
        String json = VALID.replace("{", "{\"parent_payment_id\":" + parent + ",");
        // when
        Accepted accepted = accepted(json);
        // then
        assertThat(accepted.paymentId()).isEqualTo(new PaymentId("5524759814"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "[1,2]                                  | not_an_object",
        "\"finished\"                           | not_an_object",
        "null                                   | not_an_object",
    })
    void quarantines_a_body_that_is_not_an_object(String json, String reason) {
        // given / when
        Quarantined quarantined = quarantined(json);
        // then
        assertThat(quarantined.reason()).isEqualTo(reason);
        assertThat(quarantined.paymentId()).isEmpty();
        assertThat(quarantined.recordKey()).isEqualTo(quarantined.ipn().eventId());
    }

    @ParameterizedTest(name = "without {0}")
    @CsvSource({"payment_id", "payment_status", "price_amount", "price_currency", "order_id"})
    void quarantines_a_body_without_a_required_field(String field) {
        // given / when
        Quarantined missing = quarantined(without(field));
        Quarantined nulled = quarantined(with(field, "null"));
        // then
        assertThat(missing.reason()).isEqualTo("missing_field: " + field);
        assertThat(nulled.reason()).isEqualTo("missing_field: " + field);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "payment_id     | 12.5",
        "payment_id     | -1",
        "payment_id     | 1e21",
        "payment_id     | 9007199254740993",
        "payment_id     | \"12a\"",
        "payment_id     | \"\"",
        "payment_id     | \"-1\"",
        "payment_id     | \"12345678901234567890123456789012345678901\"",
        "payment_id     | true",
        "payment_id     | {}",
        "payment_status | 5",
        "payment_status | [\"finished\"]",
        "price_amount   | -5",
        "price_amount   | \"abc\"",
        "price_amount   | \"1e3\"",
        "price_amount   | \"-5\"",
        "price_amount   | \"25.\"",
        "price_amount   | false",
        "price_currency | 5",
        "price_currency | \"\"",
        "order_id       | 123",
        // control characters: PostgreSQL cannot store a NUL as the payment's order (ControlCharacters)
        "order_id       | \"3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60:pre\\u0000mium\"",
        "order_id       | \"3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60:pre\\u0085mium\"",
        "price_currency | \"us\\u001fd\"",
    })
    void quarantines_a_field_of_the_wrong_shape(String field, String json) {
        // given / when
        Quarantined quarantined = quarantined(with(field, json));
        // then
        assertThat(quarantined.reason()).isEqualTo("invalid_field: " + field);
    }

    @Test
    void quarantines_an_unknown_status_keyed_by_its_payment_id() {
        // given
        String json = with("payment_status", "\"teleported\"");
        // when
        Quarantined quarantined = quarantined(json);
        // then
        assertThat(quarantined.reason()).isEqualTo("unknown_status: teleported");
        assertThat(quarantined.paymentId()).contains(new PaymentId("5524759814"));
        assertThat(quarantined.recordKey()).isEqualTo("5524759814");
    }

    @Test
    void status_names_are_case_sensitive() {
        // given / when
        Quarantined quarantined = quarantined(with("payment_status", "\"FINISHED\""));
        // then
        assertThat(quarantined.reason()).isEqualTo("unknown_status: FINISHED");
    }

    @Test
    void echoes_an_unknown_status_only_as_bounded_printable_ascii() {
        // given
        String status = "tele\\nported\\u00e9" + "x".repeat(100);
        // when
        Quarantined quarantined = quarantined(with("payment_status", "\"" + status + "\""));
        // then
        assertThat(quarantined.reason()).isEqualTo("unknown_status: tele?ported?" + "x".repeat(52));
    }
}
