package dev.ledgerstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** deploy/Dockerfile builds every service's image from the executable jar Maven built. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ImageBuildTest {

    private final String dockerfile = Repository.read("deploy/Dockerfile");

    @Test
    void runs_the_module_executable_jar_on_a_java_17_runtime_as_a_non_root_user() {
        assertThat(dockerfile)
                .contains("FROM eclipse-temurin:17-jre")
                .contains("COPY ${MODULE}/target/${MODULE}-*-exec.jar /app/app.jar")
                .contains("USER ledger")
                .contains("ENTRYPOINT [\"java\"");
    }

    @Test
    void sends_only_the_executable_jars_to_the_builder() {
        // given
        String ignore = Repository.read("deploy/Dockerfile.dockerignore");

        // then: everything is excluded first, then each service's jar is let back in
        assertThat(ignore.lines().filter(line -> !line.startsWith("#")).findFirst()).hasValue("*");
        for (Service service : Service.ALL) {
            assertThat(ignore).contains("!" + service.module() + "/target/*-exec.jar");
        }
    }

    @Test
    void every_written_service_module_builds_an_executable_jar_with_the_exec_classifier() {
        for (Service service : Service.ALL) {
            // A module whose application class is not written yet has no executable jar to
            // check; the check applies as soon as it has one.
            if (!hasApplicationClass(service)) {
                continue;
            }
            // when
            String pom = Repository.read(service.module() + "/pom.xml");

            // then
            assertThat(pom).as(service.module()).contains("spring-boot-maven-plugin").contains("<classifier>exec</classifier>");
        }
    }

    private static boolean hasApplicationClass(Service service) {
        Path sources = Repository.file(service.module()).resolve("src/main/java");
        return Files.isDirectory(sources) && Repository.files(service.module() + "/src/main/java", ".java").stream()
                .anyMatch(source -> Repository.read(source).contains("@SpringBootApplication"));
    }
}
