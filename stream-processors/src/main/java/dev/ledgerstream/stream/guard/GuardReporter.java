package dev.ledgerstream.stream.guard;

import dev.ledgerstream.ledger.guard.GuardCheck;
import dev.ledgerstream.ledger.guard.GuardResult;
import dev.ledgerstream.schemas.LedgerJson;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every guard check visible (SPEC 5.4): {@code conservation_guard_checks_total{result}} per
 * check, {@code conservation_guard_failures_total{invariant}} per failure, and one JSON log line per
 * failure on the logger {@code ledgerstream.guard} (whose pattern is the bare message). The
 * violation record itself goes to {@code ledger.guard-violations.v1} through the topology.
 */
public final class GuardReporter {

    private static final Logger GUARD_LOG = LoggerFactory.getLogger("ledgerstream.guard");

    private final MeterRegistry registry;
    private final Counter passed;
    private final Counter failed;

    public GuardReporter(MeterRegistry registry) {
        this.registry = registry;
        this.passed = checks(registry, "pass");
        this.failed = checks(registry, "fail");
    }

    private static Counter checks(MeterRegistry registry, String result) {
        return Counter.builder("conservation.guard.checks").description("Conservation guard checks by result")
                .tag("result", result).register(registry);
    }

    public void report(GuardResult result) {
        for (GuardCheck check : result.checks()) {
            if (check.passed()) {
                passed.increment();
            } else {
                failed.increment();
                Counter.builder("conservation.guard.failures").description("Conservation guard failures by invariant")
                        .tag("invariant", check.invariant().wireName()).register(registry).increment();
                GUARD_LOG.error(logLine(check.violation()));
            }
        }
    }

    /** {@code {"level":"ERROR","event":"conservation_guard_violation","invariant":…,"community_id":…,"details":{…}}}. */
    static String logLine(GuardViolation violation) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", "ERROR");
        line.put("event", "conservation_guard_violation");
        line.put("invariant", violation.invariant().wireName());
        line.put("community_id", violation.communityId());
        line.put("violation_id", violation.violationId());
        line.put("details", violation.details());
        return LedgerJson.mapper().writeValueAsString(line);
    }
}
