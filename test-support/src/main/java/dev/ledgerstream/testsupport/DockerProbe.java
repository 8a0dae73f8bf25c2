package dev.ledgerstream.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import org.testcontainers.DockerClientFactory;

/**
 * Tells whether Testcontainers can reach a Docker engine, quickly and quietly when there is none.
 *
 * <p>Asking Testcontainers directly when no engine exists walks all its strategies and logs
 * several errors. So it is asked only when something suggests an engine: {@code DOCKER_HOST}, a
 * Testcontainers configuration file, or a Docker socket at one of the usual places.
 */
final class DockerProbe {

    private DockerProbe() {
    }

    static boolean isAvailable() {
        Path home = Path.of(System.getProperty("user.home"));
        if (!suggestsAnEngine(name -> Optional.ofNullable(System.getenv(name)), home)) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static boolean suggestsAnEngine(Function<String, Optional<String>> environment, Path home) {
        if (environment.apply("DOCKER_HOST").filter(value -> !value.isBlank()).isPresent()) {
            return true;
        }
        Stream<Path> runtimeSockets = environment.apply("XDG_RUNTIME_DIR").stream()
                .flatMap(dir -> Stream.of(Path.of(dir, "docker.sock"), Path.of(dir, "podman", "podman.sock")));
        List<Path> candidates = Stream.concat(runtimeSockets, Stream.of(
                Path.of("/var/run/docker.sock"),
                home.resolve(".testcontainers.properties"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock"),
                home.resolve(".colima/default/docker.sock"),
                home.resolve(".rd/docker.sock"))).toList();
        return candidates.stream().anyMatch(Files::exists);
    }
}
