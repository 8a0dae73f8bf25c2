package dev.ledgerstream.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DockerProbeTest {

    @TempDir
    Path home;

    @Test
    void sees_no_engine_without_docker_host_socket_or_testcontainers_configuration() {
        // given
        assumeFalse(Files.exists(Path.of("/var/run/docker.sock")), "this machine has a Docker socket");

        // when
        boolean suggested = DockerProbe.suggestsAnEngine(name -> Optional.empty(), home);

        // then
        assertThat(suggested).isFalse();
    }

    @Test
    void asks_testcontainers_when_docker_host_is_set() {
        // when
        boolean suggested = DockerProbe.suggestsAnEngine(name -> Optional.ofNullable(
                Map.of("DOCKER_HOST", "tcp://docker:2375").get(name)), home);

        // then
        assertThat(suggested).isTrue();
    }

    @Test
    void asks_testcontainers_when_a_rootless_docker_socket_exists() throws IOException {
        // given
        Files.createFile(home.resolve("docker.sock"));

        // when
        boolean suggested = DockerProbe.suggestsAnEngine(name -> Optional.ofNullable(
                Map.of("XDG_RUNTIME_DIR", home.toString()).get(name)), home);

        // then
        assertThat(suggested).isTrue();
    }
}
