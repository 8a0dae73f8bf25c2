package dev.ledgerstream.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The checkout these checks read: the deployment files and the modules' configuration. */
final class Repository {

    /** The checkout's root: the folder holding this module (Maven runs the tests in the module). */
    static final Path ROOT = findRoot();

    private Repository() {
    }

    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy-checks")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no checkout with a deploy-checks module above " + Path.of("").toAbsolutePath());
    }

    static Path file(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String relative) {
        return read(file(relative));
    }

    /** A YAML document as plain maps and lists, with SnakeYAML's safe constructor (no tags). */
    static Map<String, Object> yaml(String relative) {
        return yamlOf(read(relative));
    }

    static Map<String, Object> yamlOf(String text) {
        Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        return document == null ? Map.of() : document;
    }

    /** Every file under {@code relative} whose name ends with {@code suffix}, in a stable order. */
    static List<Path> files(String relative, String suffix) {
        try (Stream<Path> walk = Files.walk(file(relative))) {
            return walk.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().endsWith(suffix))
                    .filter(path -> !path.toString().contains("/.terraform/"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
