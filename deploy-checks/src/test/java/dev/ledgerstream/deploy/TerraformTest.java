package dev.ledgerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.schemas.TopicSpec;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.testsupport.KafkaAcls;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * terraform/, checked without a terraform binary: every file parses, the topics mirror the catalog,
 * the services get the variables their applications read, and the guard alarm fires within 60 s.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TerraformTest {

    private static final Pattern DEAD_LETTER_RENAME = Pattern.compile(
            "replace\\(\\s*name\\s*,\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");

    private final TerraformStack main = TerraformStack.at("terraform");
    private final TerraformStack topics = TerraformStack.at("terraform/kafka-topics");

    @Test
    void every_terraform_file_parses_and_is_laid_out_like_terraform_fmt() {
        // given
        List<Path> files = Repository.files("terraform", ".tf");

        // then
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        for (Path file : files) {
            String source = Repository.read(file);
            String name = Repository.ROOT.relativize(file).toString();
            assertThat(Hcl.parse(file)).as(name).isNotEmpty();
            assertThat(Hcl.structureProblems(source)).as(name).isEmpty();
            assertThat(Hcl.layoutProblems(source)).as(name).isEmpty();
        }
    }

    @Test
    void documents_every_variable_and_output() {
        for (TerraformStack stack : List.of(main, topics)) {
            stack.variables().forEach((name, variable) ->
                    assertThat(String.valueOf(variable.get("description"))).as("variable " + name).isNotBlank().isNotEqualTo("null"));
            stack.outputs().forEach((name, output) ->
                    assertThat(String.valueOf(output.get("description"))).as("output " + name).isNotBlank().isNotEqualTo("null"));
            assertThat(stack.outputs()).as(stack.directory().toString()).isNotEmpty();
        }
    }

    @Test
    void creates_every_catalog_topic_with_the_catalog_partitions() {
        // given
        Map<String, Integer> catalog = new LinkedHashMap<>();
        Topics.all().forEach(topic -> catalog.put(topic.name(), topic.partitions()));

        // when
        Map<String, Integer> terraform = new LinkedHashMap<>();
        Repository.map(topics.variables().get("topic_partitions").get("default"))
                .forEach((name, partitions) -> terraform.put(name, TerraformStack.number(partitions)));

        // then
        assertThat(terraform).containsExactlyInAnyOrderEntriesOf(catalog);
        assertThat(String.valueOf(topics.resources("kafka_topic").get("catalog").get("for_each")))
                .isEqualTo("var.topic_partitions");
    }

    @Test
    void names_each_dead_letter_topic_as_the_catalog_does() {
        // given
        Matcher rename = DEAD_LETTER_RENAME.matcher(Repository.read("terraform/kafka-topics/main.tf"));
        assertThat(rename.find()).as("replace(name, \"/regex/\", \"replacement\") in kafka-topics/main.tf").isTrue();
        String regex = unescape(rename.group(1));
        Pattern pattern = Pattern.compile(regex.substring(1, regex.length() - 1));
        String replacement = unescape(rename.group(2));

        for (TopicSpec<String, ?> topic : Topics.all()) {
            // when
            String terraformName = pattern.matcher(topic.name()).replaceAll(replacement);

            // then
            assertThat(terraformName).isEqualTo(topic.deadLetterTopic());
        }
    }

    @Test
    void creates_the_internal_dead_letter_topic_with_one_partition() {
        // when
        Map<String, Object> internal = topics.resources("kafka_topic").get("internal_dead_letters");

        // then
        assertThat(topics.locals()).containsEntry("internal_dead_letters", Topics.INTERNAL_DEAD_LETTERS);
        assertThat(TerraformStack.number(internal.get("partitions"))).isEqualTo(1);
    }

    @Test
    void keeps_every_topic_forever_as_the_catalog_configures_it() {
        // when
        Map<String, Object> keptForever = Repository.map(topics.locals().get("kept_forever"));
        Map<String, Object> rawOrdered = Repository.map(topics.locals().get("raw_ordered"));
        Object ordered = topics.locals().get("ordered_raw_topics");

        // then
        assertThat(ordered).asList().containsExactlyInAnyOrderElementsOf(
                Topics.communityInputs().stream().map(TopicSpec::name).toList());
        for (TopicSpec<String, ?> topic : Topics.all()) {
            Map<String, Object> config = ((java.util.List<?>) ordered).contains(topic.name()) ? rawOrdered : keptForever;
            assertThat(config).as(topic.name()).containsExactlyInAnyOrderEntriesOf(Map.copyOf(topic.config()));
        }
    }

    @Test
    void gives_the_stream_processors_as_many_partitions_as_the_usage_topic() {
        // when
        int streamPartitions = TerraformStack.number(main.variables().get("stream_partitions").get("default"));
        Object usagePartitions = Repository.map(topics.variables().get("topic_partitions").get("default"))
                .get(Topics.USAGE_FINALIZATIONS.name());

        // then
        assertThat(streamPartitions).isEqualTo(TerraformStack.number(usagePartitions))
                .isEqualTo(Topics.USAGE_FINALIZATIONS.partitions());
    }

    @Test
    void runs_the_four_services_on_their_ports_with_liveness_health_checks() {
        // given
        Map<String, Object> ports = Repository.map(main.locals().get("service_ports"));

        // then
        assertThat(ports).hasSize(Service.ALL.size());
        for (Service service : Service.ALL) {
            assertThat(TerraformStack.number(ports.get(service.name()))).as(service.name()).isEqualTo(service.port());
        }
        // Liveness decides a task's health, never readiness: an outage of Kafka or PostgreSQL makes every
        // task unready, and ECS would replace them all instead of letting them wait it out.
        assertThat(Repository.read("terraform/ecs.tf")).contains("healthCheck", "/health ||")
                .doesNotContain("/health/ready ||");
        main.resources("aws_lb_target_group").forEach((name, group) ->
                assertThat(Repository.map(group.get("health_check"))).as(name).containsEntry("path", "/health"));
    }

    @Test
    void the_sink_writes_as_a_login_of_its_own_secret_not_the_owner() {
        // given
        Map<String, Object> sink = Repository.map(Repository.map(main.locals().get("service_secrets")).get("ledger-sink"));

        // then
        assertThat(String.valueOf(sink.get("DATABASE_WRITER_USER"))).contains("aws_secretsmanager_secret.writer_db.arn");
        assertThat(String.valueOf(sink.get("DATABASE_WRITER_PASSWORD"))).contains("aws_secretsmanager_secret.writer_db.arn");
        assertThat(String.valueOf(sink.get("DATABASE_USER"))).doesNotContain("writer_db");
        assertThat(Repository.read("terraform/ecs.tf")).contains("aws_secretsmanager_secret.writer_db.arn");
    }

    @Test
    void passes_each_service_only_variables_its_application_reads_and_all_it_needs() {
        // given
        Map<String, Object> environment = Repository.map(main.locals().get("service_environment"));
        Map<String, Object> secrets = Repository.map(main.locals().get("service_secrets"));

        for (Service service : Service.ALL) {
            // when
            Set<String> plain = Repository.map(environment.get(service.name())).keySet();
            Set<String> passed = new TreeSet<>(plain);
            passed.addAll(Repository.map(secrets.get(service.name())).keySet());

            // then: as in compose; for a service not written yet, the Service contract
            Set<String> readable = ApplicationVariables.of(service);
            assertThat(readable).as(service.name() + " reads every variable its task gets").containsAll(passed);
            assertThat(passed).as(service.name()).containsAll(service.requiredVariables()).contains(service.portVariable());
            assertThat(plain).as(service.name() + ": secrets come from Secrets Manager").doesNotContainAnyElementsOf(Service.SECRETS);
        }
    }

    @Test
    void alarms_on_conservation_guard_failures_within_sixty_seconds() {
        // when
        List<Map<String, Object>> alarms = main.resources("aws_cloudwatch_metric_alarm").values().stream()
                .filter(alarm -> "conservation_guard_failures_total".equals(alarm.get("metric_name")))
                .toList();

        // then
        assertThat(alarms).hasSize(1);
        Map<String, Object> alarm = alarms.get(0);
        int period = TerraformStack.number(alarm.get("period"));
        int evaluationPeriods = TerraformStack.number(alarm.get("evaluation_periods"));
        assertThat(period * evaluationPeriods).isLessThanOrEqualTo(60);
        assertThat(TerraformStack.number(alarm.get("threshold"))).isZero();
        assertThat(alarm).containsEntry("comparison_operator", "GreaterThanThreshold")
                .containsEntry("treat_missing_data", "notBreaching");
        assertThat(Repository.list(alarm.get("alarm_actions"))).isNotEmpty();
        assertThat(Repository.read("terraform/monitoring.tf")).contains("storage_resolution = 1");
    }

    /**
     * The Prometheus rules that compare two series or a time since (docs/operations.md says which);
     * every other rule of alerts.yml has a CloudWatch alarm.
     */
    static final Set<String> NOT_ON_AWS = Set.of("WebhookFailures", "PaymentStatusPollsFailing", "ReconciliationStale",
            "ChargingNotLive");

    @Test
    void every_prometheus_alert_but_the_listed_ones_is_a_cloudwatch_alarm_on_a_metric_the_collectors_write() {
        // given
        Set<String> alerts = Repository.list(Repository.yaml("deploy/prometheus/alerts.yml").get("groups")).stream()
                .flatMap(group -> Repository.list(Repository.map(group).get("rules")).stream())
                .map(rule -> String.valueOf(Repository.map(rule).get("alert")))
                .collect(java.util.stream.Collectors.toSet());
        Map<String, Object> metricAlarms = Repository.map(main.locals().get("metric_alarms"));
        Set<String> written = Repository.list(main.locals().get("collector_metrics")).stream()
                .map(metric -> String.valueOf(Repository.map(metric).get("name")))
                .collect(java.util.stream.Collectors.toSet());
        Map<String, Map<String, Object>> alarms = main.resources("aws_cloudwatch_metric_alarm");

        // when: an alert is covered by an alarm of the same name (JwksUnreachable by one per API)
        Set<String> covered = new TreeSet<>();
        metricAlarms.keySet().forEach(name -> covered.add(name.replaceAll("(Ingest|Admin)$", "")));
        if (alarms.containsKey("service_down")) {
            covered.add("ServiceDown");
        }
        if (alarms.containsKey("ingest_server_errors")) {
            covered.add("IngestServerErrors");
        }
        if (alarms.containsKey("conservation_guard_failures")) {
            covered.add("ConservationGuardFailure");
        }

        // then
        Set<String> expected = new TreeSet<>(alerts);
        expected.removeAll(NOT_ON_AWS);
        assertThat(covered).containsExactlyInAnyOrderElementsOf(expected);
        metricAlarms.forEach((name, alarm) -> assertThat(written).as(name)
                .contains(String.valueOf(Repository.map(alarm).get("metric"))));
        assertThat(written).contains("conservation_guard_failures_total");
    }

    @Test
    void backs_the_guard_alarm_up_with_the_guard_log_line() {
        // when
        Map<String, Map<String, Object>> filters = main.resources("aws_cloudwatch_log_metric_filter");

        // then
        assertThat(filters.values()).anySatisfy(filter ->
                assertThat(String.valueOf(filter.get("pattern"))).contains("conservation_guard_violation"));
    }

    @Test
    void every_kafka_client_logs_in_over_tls_as_its_own_principal_of_the_grants_and_no_one_else_gets_in() {
        // given
        String msk = Repository.read("terraform/msk.tf");
        Map<String, Object> environment = Repository.map(main.locals().get("service_environment"));
        Map<String, Object> logins = Repository.map(main.locals().get("kafka_client_environment"));
        Map<String, Object> passwords = Repository.map(main.locals().get("kafka_client_secrets"));
        List<String> principals = KafkaAcls.principals(KafkaAcls.read(KafkaAcls.directory().resolve("acls.csv")));

        // then: the brokers take SCRAM over TLS only, and refuse what no ACL grants (once bootstrapped)
        assertThat(msk).doesNotContain("unauthenticated = true").contains("unauthenticated = false")
                .contains("scram = true").contains("client_broker = \"TLS\"")
                .contains("allow.everyone.if.no.acl.found=%{if var.kafka_acl_bootstrap}true%{else}false%{endif}");
        assertThat(String.valueOf(main.variables().get("kafka_acl_bootstrap").get("default"))).isEqualTo("false");
        assertThat(String.valueOf(main.locals().get("kafka_principals"))).contains(principals);
        for (Service service : Service.ALL) {
            Map<String, Object> login = Repository.map(logins.get(service.name()));
            Map<String, Object> password = Repository.map(passwords.get(service.name()));
            assertThat(String.valueOf(Repository.map(environment.get(service.name())).get("KAFKA_BOOTSTRAP_SERVERS")))
                    .as(service.name()).contains("bootstrap_brokers_sasl_scram");
            assertThat(login).as(service.name()).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_SASL_USERNAME", service.name());
            assertThat(principals).as("deploy/kafka/acls.csv").contains(service.name());
            // (hcl4j does not evaluate the format() call: the line itself is checked)
            assertThat(password).as(service.name()).containsOnlyKeys("KAFKA_SASL_PASSWORD");
            assertThat(Repository.read("terraform/main.tf")).as(service.name()).containsPattern(
                    Pattern.quote("\"" + service.name() + "\"") + "\\s*= \\{ KAFKA_SASL_PASSWORD = format\\(\"%s:password::\", "
                    + Pattern.quote("aws_secretsmanager_secret.kafka[\"" + service.name() + "\"].arn) }"));
            Set<String> passed = new TreeSet<>(login.keySet());
            passed.addAll(password.keySet());
            assertThat(ApplicationVariables.of(service)).as(service.name() + " reads its Kafka login").containsAll(passed);
            assertThat(login.keySet()).as(service.name()).doesNotContainAnyElementsOf(Service.SECRETS);
        }
        assertThat(Repository.read("terraform/ecs.tf")).contains("local.kafka_client_environment")
                .contains("local.kafka_client_secrets");
    }

    @Test
    void gives_each_service_a_security_group_of_its_own_and_only_the_database_clients_reach_postgresql() {
        // given
        Map<String, Object> environment = Repository.map(main.locals().get("service_environment"));
        Set<String> databaseClients = new TreeSet<>();
        environment.forEach((name, variables) -> {
            if (Repository.map(variables).containsKey("DATABASE_URL")) {
                databaseClients.add(name);
            }
        });

        // then
        assertThat(main.resources("aws_security_group")).containsKey("service").doesNotContainKey("services");
        assertThat(Repository.read("terraform/ecs.tf")).contains("security_groups  = [aws_security_group.service[each.key].id]");
        assertThat(new TreeSet<>((List<?>) main.locals().get("database_clients"))).isEqualTo(databaseClients);
        assertThat(String.valueOf(main.resources("aws_vpc_security_group_ingress_rule").get("database_from_services")
                .get("referenced_security_group_id"))).isEqualTo("aws_security_group.service.each.key.id");
        assertThat(Repository.read("terraform/main.tf")).containsPattern("resource \"aws_vpc_security_group_ingress_rule\" "
                + "\"database_from_services\" \\{\\s*for_each\\s*= toset\\(local\\.database_clients\\)");
    }

    @Test
    void grants_exactly_the_rows_of_the_shared_acl_file() {
        // given
        String acls = Repository.read("terraform/kafka-topics/acls.tf");
        Map<String, Object> names = topics.locals();

        // then: one kafka_acl per row of the file compose and KafkaAccessIT apply, every name mapped
        assertThat(acls).contains("csvdecode(file(\"${path.module}/../../deploy/kafka/acls.csv\"))");
        for (AclBinding grant : KafkaAcls.read(KafkaAcls.directory().resolve("acls.csv"))) {
            assertThat(Repository.map(names.get("acl_resource_types"))).containsKey(grant.pattern().resourceType().name());
            assertThat(Repository.map(names.get("acl_pattern_types"))).containsKey(grant.pattern().patternType().name());
            assertThat(Repository.map(names.get("acl_operations"))).containsKey(grant.entry().operation().name());
        }
    }

    @Test
    void runs_postgresql_16_and_kafka_4() {
        // when
        Map<String, Object> database = main.resources("aws_db_instance").get("ledger");
        Object kafkaVersion = main.variables().get("kafka_version").get("default");

        // then
        assertThat(database).containsEntry("engine", "postgres").containsEntry("engine_version", "16");
        assertThat(String.valueOf(kafkaVersion)).startsWith("4.");
    }

    private static String unescape(String hclString) {
        return hclString.replace("\\\\", "\\").replace("\\\"", "\"");
    }
}
