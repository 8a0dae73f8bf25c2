package dev.ledgerstream.admin.web;

import dev.ledgerstream.servicekit.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * The position after the last item of a page, for keyset pagination over {@code (time, id)} in
 * descending order: the next page holds the items strictly before it. Opaque to clients
 * (base64url); a cursor is stable under concurrent inserts, unlike an offset.
 *
 * @param at the time of the last item returned, to the microsecond (PostgreSQL's precision)
 * @param id the id of that item, which breaks ties between equal times
 */
public record PageCursor(Instant at, String id) {

    private static final String VERSION = "c1";
    private static final int MAX_ENCODED_LENGTH = 1024;

    public PageCursor {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(id, "id");
    }

    /** The cursor as the client sees it. */
    public String encode() {
        String plain = VERSION + "|" + at.getEpochSecond() + "|" + at.getNano() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back, or null when none was sent; 400 when it is not one of ours. */
    public static PageCursor decode(String parameter, String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return null;
        }
        if (encoded.length() > MAX_ENCODED_LENGTH) {
            throw ApiProblem.invalidParameter(parameter, "is not a cursor returned by this API");
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", 4);
            if (parts.length != 4 || !parts[0].equals(VERSION)) {
                throw new IllegalArgumentException("wrong shape");
            }
            return new PageCursor(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])), parts[3]);
        } catch (RuntimeException e) {
            throw ApiProblem.invalidParameter(parameter, "is not a cursor returned by this API");
        }
    }
}
