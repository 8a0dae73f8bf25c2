package dev.ledgerstream.ingest.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Event identity (SPEC 3.1): the identical notification delivered twice is the same event. */
final class EventIds {

    private EventIds() {
    }

    /** Lowercase hex SHA-256 of the canonical JSON's UTF-8 bytes. */
    static String of(String canonicalJson) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonicalJson.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            // Every Java runtime must provide SHA-256; reaching this is a broken JVM.
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
