package dev.ledgerstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The hand-written checks of the hot path accept exactly what the contract's patterns accept. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HandCheckedFormsTest {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FINALIZATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String ALPHABET = "0123456789abcdefABCDEFxyz-_.:|/ é";

    @Test
    void community_ids_sha256s_and_finalization_ids_are_checked_as_their_patterns_say() {
        Random random = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            // given strings near each form: its length give or take one, mostly its characters
            int[] lengths = {36, 64, 1 + random.nextInt(130)};
            String text = near(random, lengths[i % 3]);
            // when / then
            assertThat(CommunityId.isValid(text)).as(text).isEqualTo(UUID.matcher(text.toLowerCase()).matches());
            assertThat(Sha256Hex.isValid(text)).as(text).isEqualTo(SHA256.matcher(text).matches());
            assertThat(UsageFinalizationReceived.isFinalizationId(text)).as(text)
                    .isEqualTo(FINALIZATION_ID.matcher(text).matches());
        }
        assertThat(CommunityId.isValid("3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60")).isTrue();
        assertThat(Sha256Hex.isValid("a".repeat(64))).isTrue();
        assertThat(UsageFinalizationReceived.isFinalizationId("x".repeat(128))).isTrue();
        assertThat(UsageFinalizationReceived.isFinalizationId("x".repeat(129))).isFalse();
        assertThat(Sha256Hex.isValid(null)).isFalse();
    }

    private static String near(Random random, int length) {
        StringBuilder text = new StringBuilder();
        int n = Math.max(0, length + random.nextInt(3) - 1);
        for (int i = 0; i < n; i++) {
            boolean dashSlot = length == 36 && (i == 8 || i == 13 || i == 18 || i == 23);
            if (dashSlot && random.nextInt(10) > 0) {
                text.append('-');
            } else {
                String pool = random.nextInt(10) > 0 ? "0123456789abcdef" : ALPHABET;
                text.append(pool.charAt(random.nextInt(pool.length())));
            }
        }
        return text.toString();
    }
}
