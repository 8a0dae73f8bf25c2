package dev.ledgerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.testsupport.KafkaAcls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, checked statically (there is no Docker engine in CI): the services, their
 * ports and variables agree with SPEC 9, with the {@link Service} contract and with what each
 * application reads, and start-up waits for health.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DockerComposeTest {

    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:?[-?][^}]*)?}");

    private final Map<String, Object> compose = Repository.yaml("docker-compose.yml");
    private final Map<String, Object> services = Repository.map(compose.get("services"));

    @Test
    void runs_kafka_its_set_up_postgresql_prometheus_and_the_four_services() {
        // given
        Set<String> expected = new TreeSet<>(Set.of("kafka", "kafka-setup", "postgres", "prometheus"));
        Service.ALL.forEach(service -> expected.add(service.name()));

        // when
        Set<String> defined = services.keySet();

        // then
        assertThat(defined).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void runs_kafka_4_2_1_in_kraft_mode_without_automatic_topic_creation() {
        // given
        Map<String, Object> kafka = Repository.map(services.get("kafka"));

        // when
        Map<String, Object> environment = Repository.map(kafka.get("environment"));

        // then
        assertThat(kafka.get("image")).isEqualTo("apache/kafka:4.2.1");
        assertThat(String.valueOf(environment.get("KAFKA_PROCESS_ROLES"))).contains("broker", "controller");
        assertThat(environment).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
    }

    @Test
    void runs_postgresql_16() {
        // when
        Object image = Repository.map(services.get("postgres")).get("image");

        // then
        assertThat(String.valueOf(image)).matches("postgres:16([.-].*)?");
    }

    @Test
    void publishes_each_service_on_its_port_and_sets_its_port_variable_to_it() {
        for (Service service : Service.ALL) {
            // given
            Map<String, Object> definition = Repository.map(services.get(service.name()));

            // when
            List<String> containerPorts = Repository.list(definition.get("ports")).stream()
                    .map(port -> String.valueOf(port).replaceAll(".*:", "")).toList();
            Map<String, Object> environment = Repository.map(definition.get("environment"));

            // then
            assertThat(containerPorts).as(service.name()).containsExactly(String.valueOf(service.port()));
            assertThat(environment).as(service.name()).containsEntry(service.portVariable(), String.valueOf(service.port()));
        }
    }

    @Test
    void passes_each_service_only_variables_its_application_reads() {
        for (Service service : Service.ALL) {
            // given: the application's own names where it exists; for a service not written yet
            // (ledger-sink, admin-api at the time of writing) the contract of the Service table.
            Set<String> readable = ApplicationVariables.of(service);

            // when
            Set<String> passed = environment(service).keySet();

            // then
            assertThat(readable).as(service.name() + " reads every variable compose gives it").containsAll(passed);
        }
    }

    @Test
    void gives_each_service_every_spec_variable_it_needs() {
        for (Service service : Service.ALL) {
            // when
            Set<String> passed = environment(service).keySet();

            // then
            assertThat(passed).as(service.name()).containsAll(service.requiredVariables());
            assertThat(ApplicationVariables.of(service)).as(service.name() + "'s application reads its SPEC 9 variables")
                    .containsAll(service.requiredVariables());
        }
    }

    @Test
    void the_sink_writes_as_its_own_login_which_postgresql_creates_on_first_start() {
        // given
        Map<String, Object> sink = environment(Service.LEDGER_SINK);
        Map<String, Object> postgres = Repository.map(Repository.map(services.get("postgres")).get("environment"));

        // then: another login than the owner's, the same one the database's first start creates
        assertThat(String.valueOf(sink.get("DATABASE_WRITER_USER"))).startsWith("${DATABASE_WRITER_USER:?")
                .isNotEqualTo(String.valueOf(sink.get("DATABASE_USER")));
        assertThat(postgres).containsEntry("DATABASE_WRITER_USER", sink.get("DATABASE_WRITER_USER"))
                .containsEntry("DATABASE_WRITER_PASSWORD", sink.get("DATABASE_WRITER_PASSWORD"));
        assertThat(Repository.read("deploy/postgres/initdb/20-writer-role.sh")).contains("writer-role.sql",
                "$DATABASE_WRITER_USER", "$DATABASE_WRITER_PASSWORD");
    }

    @Test
    void takes_every_secret_from_the_env_file_and_requires_it() {
        for (Service service : Service.ALL) {
            for (Map.Entry<String, Object> variable : environment(service).entrySet()) {
                if (!Service.SECRETS.contains(variable.getKey())) {
                    continue;
                }
                // when
                String value = String.valueOf(variable.getValue());

                // then: a substitution from .env, never a literal value; required unless optional by design
                assertThat(value).as(service.name() + " " + variable.getKey()).matches(
                        Service.OPTIONAL_SECRETS.contains(variable.getKey()) ? "\\$\\{[A-Z_]+:-}" : "\\$\\{[A-Z_]+:\\?[^}]+}");
            }
        }
    }

    @Test
    void documents_every_substituted_variable_in_env_example() {
        // given
        Set<String> documented = envExample().keySet();

        // when
        Set<String> substituted = new TreeSet<>();
        collectSubstitutions(compose, substituted);

        // then
        assertThat(substituted).isNotEmpty();
        assertThat(documented).containsAll(substituted);
    }

    @Test
    void ships_only_placeholders_in_env_example() {
        // when
        Map<String, String> example = envExample();

        // then
        example.forEach((name, value) -> {
            if (name.endsWith("_SECRET") || name.endsWith("_PASSWORD")) {
                assertThat(value).as(name).startsWith("replace-with-");
            }
            if (name.endsWith("_URL") || name.endsWith("_ISSUER")) {
                assertThat(value).as(name).startsWith("https://auth.example.com/");
            }
        });
    }

    @Test
    void starts_each_container_only_after_its_dependencies_are_healthy() {
        services.forEach((name, definition) -> {
            // when
            Map<String, Object> dependsOn = Repository.map(Repository.map(definition).get("depends_on"));

            // then
            dependsOn.forEach((dependency, options) -> {
                if (oneShot(dependency)) {
                    assertThat(Repository.map(options).get("condition")).as(name + " -> " + dependency)
                            .isEqualTo("service_completed_successfully");
                } else {
                    assertThat(Repository.map(options).get("condition")).as(name + " -> " + dependency)
                            .isEqualTo("service_healthy");
                    assertThat(Repository.map(services.get(dependency))).as(dependency).containsKey("healthcheck");
                }
            });
        });
    }

    @Test
    void starts_kafka_clients_after_kafka_and_database_clients_after_postgresql() {
        for (Service service : Service.ALL) {
            // given
            Set<String> dependencies = Repository.map(Repository.map(services.get(service.name())).get("depends_on")).keySet();

            // when
            Set<String> passed = environment(service).keySet();

            // then
            if (passed.contains("KAFKA_BOOTSTRAP_SERVERS")) {
                assertThat(dependencies).as(service.name()).contains("kafka");
            }
            if (passed.contains("DATABASE_URL")) {
                assertThat(dependencies).as(service.name()).contains("postgres");
            }
        }
    }

    @Test
    void checks_every_container_health_and_each_service_on_its_readiness_endpoint() {
        services.forEach((name, definition) -> {
            if (!oneShot(name)) {
                assertThat(Repository.map(definition)).as(name).containsKey("healthcheck");
            }
        });
        for (Service service : Service.ALL) {
            // when
            Object test = Repository.map(Repository.map(services.get(service.name())).get("healthcheck")).get("test");

            // then
            assertThat(String.valueOf(test)).as(service.name())
                    .contains("http://localhost:" + service.port() + "/health/ready");
        }
    }

    @Test
    void builds_each_service_image_from_its_module_with_the_shared_dockerfile() {
        for (Service service : Service.ALL) {
            // when
            Map<String, Object> build = Repository.map(Repository.map(services.get(service.name())).get("build"));

            // then
            assertThat(build).as(service.name()).containsEntry("context", ".").containsEntry("dockerfile", "deploy/Dockerfile");
            assertThat(Repository.map(build.get("args"))).as(service.name()).containsEntry("MODULE", service.module());
        }
    }

    @Test
    void creates_the_catalog_topics_through_the_stream_processors_which_compose_alone_lets_create_them() {
        // The chosen way to create topics in compose: the stream processors' own create-topics
        // switch, which provisions exactly the catalog (TopicProvisioning), so there is no second
        // list to drift; their login may create (and configure) exactly the catalog's topics there.
        assertThat(environment(Service.STREAM_PROCESSORS)).containsEntry("LEDGERSTREAM_STREAM_CREATETOPICS", "true");
        assertThat(environment(Service.INGEST_API)).containsEntry("LEDGERSTREAM_INGEST_CREATETOPICS", "false");
        List<AclBinding> composeOnly = KafkaAcls.read(KafkaAcls.directory().resolve("compose-acls.csv"));
        List<String> names = new java.util.ArrayList<>();
        Topics.all().forEach(topic -> names.addAll(List.of(topic.name(), topic.deadLetterTopic())));
        names.add(Topics.INTERNAL_DEAD_LETTERS);
        for (String topic : names) {
            for (AclOperation operation : List.of(AclOperation.CREATE, AclOperation.ALTER_CONFIGS)) {
                assertThat(composeOnly).as(operation + " " + topic).anyMatch(binding ->
                        binding.entry().principal().equals("User:" + Service.STREAM_PROCESSORS.name())
                        && binding.entry().operation() == operation
                        && binding.pattern().patternType() == PatternType.PREFIXED
                        && topic.startsWith(binding.pattern().name()));
            }
        }
        assertThat(KafkaAcls.principals(composeOnly)).containsExactly(Service.STREAM_PROCESSORS.name());
    }

    @Test
    void every_kafka_listener_wants_a_login_and_only_the_admin_login_may_do_what_no_grant_allows() {
        // when
        Map<String, Object> kafka = Repository.map(Repository.map(services.get("kafka")).get("environment"));

        // then
        assertThat(String.valueOf(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).split(","))
                .allMatch(listener -> listener.endsWith(":SASL_PLAINTEXT") || listener.endsWith(":SASL_SSL"));
        assertThat(kafka).containsEntry("KAFKA_AUTHORIZER_CLASS_NAME",
                        "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
                .containsEntry("KAFKA_SUPER_USERS", "User:${KAFKA_ADMIN_USER}");
    }

    @Test
    void each_service_logs_in_to_kafka_as_its_own_principal_of_the_grants_after_the_set_up_gave_it_its_login() {
        List<String> principals = KafkaAcls.principals(KafkaAcls.read(KafkaAcls.directory().resolve("acls.csv")));
        Set<String> passwords = new TreeSet<>();
        for (Service service : Service.ALL) {
            // when
            Map<String, Object> passed = environment(service);
            Map<String, Object> dependsOn = Repository.map(Repository.map(services.get(service.name())).get("depends_on"));

            // then
            assertThat(passed).as(service.name()).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                    .containsEntry("KAFKA_SASL_USERNAME", service.name());
            assertThat(principals).as("deploy/kafka/acls.csv").contains(service.name());
            Matcher password = SUBSTITUTION.matcher(String.valueOf(passed.get("KAFKA_SASL_PASSWORD")));
            assertThat(password.matches()).as(service.name() + "'s KAFKA_SASL_PASSWORD comes from .env").isTrue();
            assertThat(passwords.add(password.group(1))).as(service.name() + " has a password of its own").isTrue();
            assertThat(Repository.map(setUp().get("environment"))).as("kafka-setup gets " + password.group(1))
                    .containsKey(password.group(1));
            assertThat(dependsOn).as(service.name()).containsKey("kafka-setup");
        }
    }

    @Test
    void the_set_up_gives_every_principal_of_the_grants_a_login_and_applies_the_grants_files() {
        // given
        String script = Repository.read("deploy/kafka/setup.sh");
        List<String> principals = KafkaAcls.principals(KafkaAcls.read(KafkaAcls.directory().resolve("acls.csv")));

        // then
        assertThat(String.valueOf(setUp().get("entrypoint"))).contains("/ledgerstream/kafka/setup.sh");
        assertThat(String.valueOf(setUp().get("volumes"))).contains("./deploy/kafka:/ledgerstream/kafka:ro");
        for (String principal : principals) {
            Matcher password = Pattern.compile("\\n\\s*" + Pattern.quote(principal) + "\\) echo \"\\$\\{([A-Z_]+):\\?}\"")
                    .matcher("\n" + script);
            assertThat(password.find()).as("setup.sh has a password variable for " + principal).isTrue();
            assertThat(Repository.map(setUp().get("environment"))).as("kafka-setup gets " + password.group(1))
                    .containsKey(password.group(1));
        }
        assertThat(script).contains("\"$here/acls.csv\" \"$here/compose-acls.csv\"");
    }

    private Map<String, Object> setUp() {
        return Repository.map(services.get("kafka-setup"));
    }

    /** A container that runs once and exits (compose's set-up steps): nothing to health-check. */
    private boolean oneShot(String name) {
        return "no".equals(String.valueOf(Repository.map(services.get(name)).get("restart")));
    }

    /** Variables substituted anywhere in the file's values (comments are not values). */
    private static void collectSubstitutions(Object value, Set<String> names) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(nested -> collectSubstitutions(nested, names));
        } else if (value instanceof List<?> list) {
            list.forEach(nested -> collectSubstitutions(nested, names));
        } else if (value != null) {
            Matcher substitution = SUBSTITUTION.matcher(value.toString());
            while (substitution.find()) {
                names.add(substitution.group(1));
            }
        }
    }

    private Map<String, Object> environment(Service service) {
        return Repository.map(Repository.map(services.get(service.name())).get("environment"));
    }

    private static Map<String, String> envExample() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : Repository.read(".env.example").split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                int equals = trimmed.indexOf('=');
                variables.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
            }
        }
        return variables;
    }
}
