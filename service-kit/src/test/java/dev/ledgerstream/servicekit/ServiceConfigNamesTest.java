package dev.ledgerstream.servicekit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ServiceConfigNamesTest {

    @ServiceConfigName("ingest-api")
    static final class AnIngestService {
    }

    static final class NoService {
    }

    @Test
    void a_service_reads_the_file_its_application_class_names() {
        // given
        StandardEnvironment environment = new StandardEnvironment();

        // when
        new ServiceConfigNames().postProcessEnvironment(environment, new SpringApplication(AnIngestService.class));

        // then
        assertThat(environment.getProperty("spring.config.name")).isEqualTo("ingest-api");
    }

    @Test
    void an_explicit_config_name_still_wins() {
        // given
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("command line",
                Map.of("spring.config.name", "operator-choice")));

        // when
        new ServiceConfigNames().postProcessEnvironment(environment, new SpringApplication(AnIngestService.class));

        // then
        assertThat(environment.getProperty("spring.config.name")).isEqualTo("operator-choice");
    }

    @Test
    void an_application_without_the_annotation_is_left_alone() {
        // given
        StandardEnvironment environment = new StandardEnvironment();

        // when
        new ServiceConfigNames().postProcessEnvironment(environment, new SpringApplication(NoService.class));

        // then
        assertThat(environment.getProperty("spring.config.name")).isNull();
    }

    @Test
    void runs_before_spring_boot_reads_the_configuration_files() {
        assertThat(new ServiceConfigNames().getOrder())
                .isLessThan(org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor.ORDER);
    }
}
