package dev.ledgerstream.bench;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Usage finalization bodies (SPEC 3.2): one event, or a batch envelope. Every event has a new
 * {@code finalization_id} and its own amount, and the events of a batch name different
 * communities, as a batch from a busy inference service would.
 */
final class UsageRequests {

    private static final String EVENT = "{\"finalization_id\":\"%s\",\"community_id\":\"%s\",\"pool_id\":\"cheap\","
            + "\"nft_id\":\"nft-7\",\"tokens_input\":1200,\"tokens_output\":340,\"amount_micro\":%d,"
            + "\"reservation_id\":\"res-1\",\"reserved_micro\":\"900000\","
            + "\"occurred_at\":\"2026-11-22T10:15:30.5+01:00\"}";

    private final String idPrefix;
    private long sequence;

    /** Not thread-safe: one per client thread. */
    UsageRequests(int thread) {
        this.idPrefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-" + thread + "-";
    }

    byte[] single() {
        return event().getBytes(StandardCharsets.UTF_8);
    }

    byte[] batch(int events) {
        StringBuilder body = new StringBuilder(events * 300).append("{\"events\":[");
        for (int i = 0; i < events; i++) {
            body.append(i == 0 ? "" : ",").append(event());
        }
        return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private String event() {
        long n = sequence++;
        long amountMicro = 1_000 + Math.floorMod(n, 899_000L);
        return EVENT.formatted(idPrefix + n, Communities.of(n + idPrefix.hashCode()), amountMicro);
    }
}
