package dev.ledgerstream.servicekit.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Whether Kafka answers, for a service's readiness: a cluster description within a short bound.
 * The answer is remembered for a second, so that a storm of probes does not become a storm of
 * metadata requests.
 */
public class KafkaProbe {

    private static final Duration MEMORY = Duration.ofSeconds(1);

    private final Admin admin;
    private final Duration timeout;
    private long checkedAtNanos;
    private boolean lastAnswer;

    public KafkaProbe(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    public synchronized boolean isReachable() {
        long now = System.nanoTime();
        if (checkedAtNanos != 0 && now - checkedAtNanos < MEMORY.toNanos()) {
            return lastAnswer;
        }
        boolean answer;
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            answer = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = false;
        } catch (Exception e) {
            answer = false;
        }
        lastAnswer = answer;
        checkedAtNanos = System.nanoTime();
        return answer;
    }
}
