package dev.ledgerstream.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * A fixed set of community ids that requests cycle through, so that records are keyed as in
 * production: spread over every partition rather than all on one.
 */
final class Communities {

    private static final List<String> IDS = IntStream.range(0, 64)
            .mapToObj(i -> "bench-community-" + i)
            .map(name -> UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString())
            .toList();

    private Communities() {
    }

    static List<String> all() {
        return IDS;
    }

    static String of(long sequence) {
        return IDS.get((int) Math.floorMod(sequence, (long) IDS.size()));
    }
}
