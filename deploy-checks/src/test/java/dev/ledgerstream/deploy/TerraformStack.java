package dev.ledgerstream.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** One Terraform root module: every {@code .tf} file of a folder, parsed and merged by block type. */
final class TerraformStack {

    private final Path directory;
    private final List<Path> files;
    private final List<Map<String, Object>> parsed;

    private TerraformStack(Path directory) {
        this.directory = directory;
        try (Stream<Path> list = Files.list(directory)) {
            this.files = list.filter(path -> path.toString().endsWith(".tf")).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        this.parsed = files.stream().map(Hcl::parse).toList();
    }

    static TerraformStack at(String relative) {
        return new TerraformStack(Repository.file(relative));
    }

    Path directory() {
        return directory;
    }

    List<Path> files() {
        return files;
    }

    /** Every {@code variable} block: name to its attributes. */
    Map<String, Map<String, Object>> variables() {
        return blocks("variable");
    }

    /** Every {@code output} block: name to its attributes. */
    Map<String, Map<String, Object>> outputs() {
        return blocks("output");
    }

    /** Every local value, from all {@code locals} blocks. */
    Map<String, Object> locals() {
        Map<String, Object> locals = new LinkedHashMap<>();
        parsed.forEach(file -> locals.putAll(Repository.map(file.get("locals"))));
        return locals;
    }

    /** Every resource of {@code type}: name to its attributes. */
    Map<String, Map<String, Object>> resources(String type) {
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        for (Map<String, Object> file : parsed) {
            Repository.map(Repository.map(file.get("resource")).get(type))
                    .forEach((name, body) -> resources.put(name, Repository.map(body)));
        }
        return resources;
    }

    private Map<String, Map<String, Object>> blocks(String kind) {
        Map<String, Map<String, Object>> blocks = new LinkedHashMap<>();
        for (Map<String, Object> file : parsed) {
            Repository.map(file.get(kind)).forEach((name, body) -> blocks.put(name, Repository.map(body)));
        }
        return blocks;
    }

    /** A number as hcl4j returns it (a {@code Double}) as an int. */
    static int number(Object value) {
        return ((Number) value).intValue();
    }
}
