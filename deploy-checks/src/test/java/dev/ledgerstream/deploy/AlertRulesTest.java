package dev.ledgerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * deploy/prometheus/alerts.yml: the alerts an operator needs beyond the guard (issue: service
 * down, 5xx, webhook failures, JWKS, dead letters, sink rejects, quarantine, lag), each with a
 * firing case in alerts.test.yml, and the unit tests run by Prometheus' own {@code promtool}
 * ({@code .ci/run} installs it; without it that test is skipped and says so).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AlertRulesTest {

    static final Path RULES = Repository.file("deploy/prometheus");

    static final Set<String> REQUIRED = Set.of("ConservationGuardFailure", "ServiceDown", "IngestServerErrors",
            "WebhookFailures", "JwksUnreachable", "DeadLetters", "SinkRejects", "QuarantinedIpnsRising", "SinkLag",
            "StreamLag");

    @Test
    void every_required_alert_exists_and_every_alert_has_a_test_in_which_it_fires() {
        // when
        Set<String> alerts = Repository.list(Repository.yaml("deploy/prometheus/alerts.yml").get("groups")).stream()
                .flatMap(group -> Repository.list(Repository.map(group).get("rules")).stream())
                .map(rule -> String.valueOf(Repository.map(rule).get("alert")))
                .collect(Collectors.toSet());
        Set<String> firing = Repository.list(Repository.yaml("deploy/prometheus/alerts.test.yml").get("tests")).stream()
                .flatMap(test -> Repository.list(Repository.map(test).get("alert_rule_test")).stream())
                .map(Repository::map)
                .filter(check -> !Repository.list(check.get("exp_alerts")).isEmpty())
                .map(check -> String.valueOf(check.get("alertname")))
                .collect(Collectors.toSet());

        // then
        assertThat(alerts).containsAll(REQUIRED);
        assertThat(firing).containsExactlyInAnyOrderElementsOf(alerts);
    }

    @Test
    void every_alert_names_its_runbook_and_a_severity() {
        // when
        List<Map<String, Object>> rules = Repository.list(Repository.yaml("deploy/prometheus/alerts.yml").get("groups"))
                .stream().flatMap(group -> Repository.list(Repository.map(group).get("rules")).stream())
                .map(Repository::map).toList();

        // then
        assertThat(rules).allSatisfy(rule -> {
            assertThat(Repository.map(rule.get("labels")).get("severity")).as(rule.get("alert").toString())
                    .isIn("page", "warn");
            assertThat(String.valueOf(Repository.map(rule.get("annotations")).get("summary"))).isNotBlank();
        });
        assertThat(rules).allSatisfy(rule ->
                assertThat(String.valueOf(Repository.map(rule.get("annotations")).get("description")))
                        .as(rule.get("alert").toString()).contains("docs/operations.md"));
    }

    @Test
    void promtool_accepts_the_rules_and_their_unit_tests_pass() throws Exception {
        assumeTrue(promtoolAvailable(), "promtool is not installed (Debian: apt-get install prometheus)");

        // when / then
        assertThat(promtool("check", "rules", "alerts.yml")).contains("SUCCESS");
        assertThat(promtool("test", "rules", "alerts.test.yml")).contains("SUCCESS").doesNotContain("FAILED");
    }

    private static boolean promtoolAvailable() {
        try {
            return new ProcessBuilder("promtool", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs promtool in deploy/prometheus; its output, after asserting it exited 0. */
    private static String promtool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(RULES.toFile()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
