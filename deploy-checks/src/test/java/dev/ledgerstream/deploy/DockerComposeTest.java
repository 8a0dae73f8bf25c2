package dev.ledgerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    void runs_kafka_postgresql_prometheus_and_the_four_services() {
        // given
        Set<String> expected = new TreeSet<>(Set.of("kafka", "postgres", "prometheus"));
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
                assertThat(Repository.map(options).get("condition")).as(name + " -> " + dependency).isEqualTo("service_healthy");
                assertThat(Repository.map(services.get(dependency))).as(dependency).containsKey("healthcheck");
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
        services.forEach((name, definition) ->
                assertThat(Repository.map(definition)).as(name).containsKey("healthcheck"));
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
    void creates_the_catalog_topics_through_the_services_at_start_up() {
        // The chosen way to create topics in compose: the services' own create-topics switch, which
        // provisions exactly the catalog (TopicProvisioning), so there is no second list to drift.
        assertThat(environment(Service.INGEST_API)).containsEntry("LEDGERSTREAM_INGEST_CREATETOPICS", "true");
        assertThat(environment(Service.STREAM_PROCESSORS)).containsEntry("LEDGERSTREAM_STREAM_CREATETOPICS", "true");
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
