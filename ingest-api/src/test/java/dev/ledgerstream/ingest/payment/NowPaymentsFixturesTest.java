package dev.ledgerstream.ingest.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerstream.ingest.payment.IpnCheck.Accepted;
import dev.ledgerstream.ingest.payment.IpnCheck.Quarantined;
import dev.ledgerstream.ingest.payment.IpnSignatureException.Reason;
import dev.ledgerstream.ingest.payment.NowPaymentsFixtures.Fixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The 16 signed requests in {@code shared/fixtures/nowpayments} (SPEC 3.1), run through the
 * pure pipeline the webhook controller calls: parse, verify, check. The HTTP status each
 * outcome maps to is asserted against the fixture's {@code expect.status}.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NowPaymentsFixturesTest {

    /** The webhook body limit (SPEC 3); the controller enforces it before parsing. */
    private static final int MAX_WEBHOOK_BYTES = 64 * 1024;
    static Stream<Fixture> fixtures() {
        return NowPaymentsFixtures.all();
    }

    /** The status the controller answers for this outcome of the pure pipeline. */
    private static int statusFor(Fixture fixture) {
        if (fixture.body().length > MAX_WEBHOOK_BYTES) {
            return 413;
        }
        try {
            JsonValue body = StrictJsonParser.parse(fixture.body());
            IpnRules.check(new IpnVerifier(fixture.secret()).verify(body, fixture.signature()));
            return 200;
        } catch (MalformedJsonException e) {
            return 400;
        } catch (IpnSignatureException e) {
            return 401;
        }
    }

    private static Fixture fixture(String prefix) throws IOException {
        return fixtures().filter(f -> f.name().startsWith(prefix)).findFirst().orElseThrow();
    }

    private static IpnCheck check(Fixture fixture) {
        JsonValue body = StrictJsonParser.parse(fixture.body());
        return IpnRules.check(new IpnVerifier(fixture.secret()).verify(body, fixture.signature()));
    }

    @Test
    void finds_all_sixteen_fixtures() throws IOException {
        // given / when
        List<String> names = fixtures().map(Fixture::name).collect(Collectors.toList());
        // then
        assertThat(names).hasSize(16).first().isEqualTo("01-finished-full");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void answers_every_fixture_with_its_expected_status(Fixture fixture) {
        // given a fixture request
        // when
        int status = statusFor(fixture);
        // then
        assertThat(status).isEqualTo(fixture.status());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void produces_the_expected_canonical_form_and_event_id(Fixture fixture) {
        // given a fixture that states its canonical form
        if (fixture.canonical() == null) {
            return;
        }
        // when
        VerifiedIpn ipn = new IpnVerifier(fixture.secret())
                .verify(StrictJsonParser.parse(fixture.body()), fixture.signature());
        // then
        assertThat(ipn.canonicalJson()).isEqualTo(fixture.canonical());
        assertThat(ipn.eventId()).isEqualTo(fixture.eventId());
    }

    @Test
    void accepts_01_to_04_11_and_13_with_the_form_their_signature_covers() throws IOException {
        // given
        List<String> canonical = List.of("01", "02", "03", "11", "13");
        for (String prefix : canonical) {
            // when
            IpnCheck check = check(fixture(prefix));
            // then
            assertThat(check).as(prefix).isInstanceOf(Accepted.class);
            assertThat(check.ipn().signatureForm()).as(prefix).isEqualTo(SignatureForm.CANONICAL);
        }
        IpnCheck docsSample = check(fixture("04"));
        assertThat(docsSample).isInstanceOf(Accepted.class);
        assertThat(docsSample.ipn().signatureForm()).isEqualTo(SignatureForm.DOCS_SAMPLE);
    }

    @Test
    void reads_the_payment_fields_of_fixture_01() throws IOException {
        // given / when
        Accepted accepted = (Accepted) check(fixture("01"));
        // then
        assertThat(accepted.paymentId().value()).isEqualTo("5524759814");
        assertThat(accepted.status().wireName()).isEqualTo("finished");
        assertThat(accepted.priceAmount()).isEqualTo("25");
        assertThat(accepted.priceCurrency()).isEqualTo("usd");
        assertThat(accepted.communityId()).hasValueSatisfying(
                id -> assertThat(id.value()).isEqualTo("3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60"));
    }

    @Test
    void quarantines_fixture_14_for_its_unknown_status() throws IOException {
        // given / when
        IpnCheck check = check(fixture("14"));
        // then
        assertThat(check).isInstanceOfSatisfying(Quarantined.class, quarantined -> {
            assertThat(quarantined.reason()).isEqualTo("unknown_status: teleported");
            assertThat(quarantined.recordKey()).isEqualTo("5524759814");
        });
    }

    @Test
    void refuses_the_signatures_of_05_to_10_for_the_right_reason() throws IOException {
        // given
        String[][] expected = {
            {"05", "MISMATCH"}, {"06", "MISMATCH"}, {"07", "MISMATCH"}, {"08", "MISMATCH"},
            {"09", "MISSING"}, {"10", "MALFORMED"},
        };
        for (String[] row : expected) {
            Fixture fixture = fixture(row[0]);
            // when / then
            assertThatThrownBy(() -> check(fixture))
                    .as(row[0])
                    .isInstanceOfSatisfying(IpnSignatureException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.valueOf(row[1])));
        }
    }

    @Test
    void refuses_to_parse_the_duplicate_key_of_12_and_the_deep_nesting_of_16() throws IOException {
        // given
        Fixture duplicate = fixture("12");
        Fixture deep = fixture("16");
        // when / then
        assertThatThrownBy(() -> StrictJsonParser.parse(duplicate.body()))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("duplicate object key");
        assertThat(deep.body().length).isLessThanOrEqualTo(MAX_WEBHOOK_BYTES);
        assertThatThrownBy(() -> StrictJsonParser.parse(deep.body()))
                .isInstanceOf(MalformedJsonException.class).hasMessageContaining("nesting deeper than 32");
    }

    @Test
    void fixture_15_exceeds_the_webhook_limit_before_any_parsing() throws IOException {
        // given / when
        Fixture oversized = fixture("15");
        // then: the controller answers 413 without parsing; nothing to check at this level
        assertThat(oversized.body().length).isGreaterThan(MAX_WEBHOOK_BYTES);
    }
}
