package dev.ledgerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** deploy/prometheus: every service is scraped, and the guard alert is loaded. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PrometheusConfigTest {

    private final Map<String, Object> prometheus = Repository.yaml("deploy/prometheus/prometheus.yml");

    @Test
    void scrapes_every_service_on_its_metrics_endpoint() {
        for (Service service : Service.ALL) {
            // when
            List<Map<String, Object>> jobs = Repository.list(prometheus.get("scrape_configs")).stream()
                    .map(Repository::map)
                    .filter(job -> targets(job).contains(service.name() + ":" + service.port()))
                    .toList();

            // then
            assertThat(jobs).as(service.name()).hasSize(1);
            assertThat(jobs.get(0)).as(service.name()).containsEntry("metrics_path", "/metrics");
        }
    }

    @Test
    void loads_the_alert_rules_from_the_mounted_folder() {
        // given: docker-compose.yml mounts deploy/prometheus at /etc/prometheus
        assertThat(Repository.read("docker-compose.yml")).contains("./deploy/prometheus:/etc/prometheus:ro");

        // when
        List<Object> ruleFiles = Repository.list(prometheus.get("rule_files"));

        // then
        assertThat(ruleFiles).containsExactly("/etc/prometheus/alerts.yml");
    }

    @Test
    void alerts_on_any_new_conservation_guard_failure() {
        // given
        Map<String, Object> alerts = Repository.yaml("deploy/prometheus/alerts.yml");

        // when
        List<Map<String, Object>> guardRules = Repository.list(alerts.get("groups")).stream()
                .flatMap(group -> Repository.list(Repository.map(group).get("rules")).stream())
                .map(Repository::map)
                .filter(rule -> String.valueOf(rule.get("expr")).contains("conservation_guard_failures_total"))
                .toList();

        // then: it fires at once, also on the first failure of an invariant (a new series)
        assertThat(guardRules).hasSize(1);
        Map<String, Object> rule = guardRules.get(0);
        assertThat(String.valueOf(rule.get("expr"))).contains("increase(", "unless", "offset");
        assertThat(rule.get("for")).isNull();
        assertThat(Repository.map(rule.get("labels"))).containsEntry("severity", "page");
    }

    private static List<String> targets(Map<String, Object> job) {
        return Repository.list(job.get("static_configs")).stream()
                .flatMap(config -> Repository.list(Repository.map(config).get("targets")).stream())
                .map(String::valueOf)
                .toList();
    }
}
