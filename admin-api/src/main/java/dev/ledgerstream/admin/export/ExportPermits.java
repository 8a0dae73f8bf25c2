package dev.ledgerstream.admin.export;

import dev.ledgerstream.servicekit.web.ApiProblem;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * How many audit exports run at once, in all and per community. An export holds a database
 * connection for as long as its client reads, so without a bound a few slow readers would hold
 * the whole reader pool and lock every tenant out of every endpoint. Beyond the bound a request
 * is refused at once, before it takes a connection: 429 when its community has too many exports
 * running, 503 when the API has; both with {@code Retry-After}.
 */
public final class ExportPermits {

    private final int maxInAll;
    private final int maxPerCommunity;
    private final Duration retryAfter;
    private final Map<UUID, Integer> running = new HashMap<>();
    private int runningInAll;

    public ExportPermits(int maxInAll, int maxPerCommunity, Duration retryAfter) {
        if (maxInAll < 1 || maxPerCommunity < 1) {
            throw new IllegalArgumentException("export limits must be at least 1");
        }
        this.maxInAll = maxInAll;
        this.maxPerCommunity = maxPerCommunity;
        this.retryAfter = retryAfter;
    }

    /** One running export; closing it lets the next one in. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** A permit for an export of {@code community}, or the problem that refuses it. */
    public synchronized Permit acquire(UUID community) {
        int ofCommunity = running.getOrDefault(community, 0);
        if (ofCommunity >= maxPerCommunity) {
            throw ApiProblem.tooManyRequests("too-many-exports", "this community already has " + ofCommunity
                    + " audit exports running; try again when one has finished", retryAfter);
        }
        if (runningInAll >= maxInAll) {
            throw ApiProblem.unavailable("exports-busy", runningInAll
                    + " audit exports are running, the most this API runs at once; try again shortly", retryAfter);
        }
        running.put(community, ofCommunity + 1);
        runningInAll++;
        boolean[] closed = new boolean[1];
        return () -> release(community, closed);
    }

    /** Exports running now, in all. */
    public synchronized int running() {
        return runningInAll;
    }

    private synchronized void release(UUID community, boolean[] closed) {
        if (closed[0]) {
            return;
        }
        closed[0] = true;
        runningInAll--;
        running.computeIfPresent(community, (id, count) -> count == 1 ? null : count - 1);
    }
}
