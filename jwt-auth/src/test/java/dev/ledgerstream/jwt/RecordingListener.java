package dev.ledgerstream.jwt;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts listener calls, as a Micrometer binding would. */
final class RecordingListener implements JwtVerifierListener {

    final AtomicInteger jwksRefreshes = new AtomicInteger();
    final AtomicInteger cacheHits = new AtomicInteger();
    final AtomicInteger cacheMisses = new AtomicInteger();
    final List<RejectionReason> rejections = new CopyOnWriteArrayList<>();

    @Override
    public void jwksRefreshed() {
        jwksRefreshes.incrementAndGet();
    }

    @Override
    public void cacheHit() {
        cacheHits.incrementAndGet();
    }

    @Override
    public void cacheMiss() {
        cacheMisses.incrementAndGet();
    }

    @Override
    public void rejected(RejectionReason reason) {
        rejections.add(reason);
    }
}
