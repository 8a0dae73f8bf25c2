package dev.ledgerstream.deploy;

import dev.ledgerstream.servicekit.kafka.KafkaClientSecurity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment variables an application reads, found in its own sources: the {@code ${VAR…}}
 * placeholders of its own configuration file ({@code <module>.yml}), and the relaxed-binding names of its
 * {@code @ConfigurationProperties} records ({@code ledgerstream.stream.state-dir} is read from
 * {@code LEDGERSTREAM_STREAM_STATEDIR}).
 */
final class ApplicationVariables {


    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern PROPERTIES_PREFIX = Pattern.compile(
            "@ConfigurationProperties\\(\\s*(?:(?:prefix|value)\\s*=\\s*)?\"([^\"]+)\"");
    private static final Pattern RECORD_HEADER = Pattern.compile("\\brecord\\s+\\w+\\s*\\(");
    private static final Pattern LAST_IDENTIFIER = Pattern.compile("(\\w+)\\s*$");

    /** What {@code KafkaClientSecurity} reads. */
    static final Set<String> KAFKA_LOGIN = Set.of(KafkaClientSecurity.PROTOCOL, KafkaClientSecurity.MECHANISM,
            KafkaClientSecurity.USERNAME, KafkaClientSecurity.PASSWORD);

    private ApplicationVariables() {
    }

    /** The variables {@code service}'s application reads; fails when it has no configuration file. */
    static Set<String> of(Service service) {
        Path module = Repository.file(service.module());
        // Each service reads its own file, named after its module (@ServiceConfigName, issue 12).
        List<Path> configurations = Stream.of(".yml", ".yaml", ".properties")
                .map(suffix -> module.resolve("src/main/resources/" + service.module() + suffix))
                .filter(Files::isRegularFile).toList();
        if (configurations.isEmpty()) {
            throw new IllegalStateException(service.module() + " has no src/main/resources/" + service.module()
                    + ".yml: every service reads its own configuration file (@ServiceConfigName)");
        }
        Set<String> variables = new TreeSet<>();
        for (Path configuration : configurations) {
            Matcher placeholder = PLACEHOLDER.matcher(Repository.read(configuration));
            while (placeholder.find()) {
                variables.add(placeholder.group(1));
            }
        }
        for (Path source : javaSources(module.resolve("src/main/java"))) {
            String text = Repository.read(source);
            variables.addAll(relaxedBindingNames(text));
            // The Kafka login, read by service-kit for every service that imports it.
            if (text.contains("KafkaSecurityConfiguration")) {
                variables.addAll(KAFKA_LOGIN);
            }
        }
        return variables;
    }

    /** The environment variable of every component of a {@code @ConfigurationProperties} record. */
    static Set<String> relaxedBindingNames(String javaSource) {
        Matcher prefix = PROPERTIES_PREFIX.matcher(javaSource);
        Matcher header = RECORD_HEADER.matcher(javaSource);
        if (!prefix.find() || !header.find(prefix.end())) {
            return Set.of();
        }
        String variablePrefix = prefix.group(1).toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "") + "_";
        Set<String> names = new TreeSet<>();
        for (String component : components(javaSource, header.end())) {
            Matcher name = LAST_IDENTIFIER.matcher(component);
            if (name.find()) {
                names.add(variablePrefix + name.group(1).toUpperCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** The record's components: the text up to the closing parenthesis, split at top-level commas. */
    private static List<String> components(String source, int start) {
        List<String> components = new ArrayList<>();
        int depth = 0;
        boolean inString = false;
        StringBuilder current = new StringBuilder();
        for (int i = start; i < source.length(); i++) {
            char c = source.charAt(i);
            if (inString) {
                inString = !(c == '"' && source.charAt(i - 1) != '\\');
            } else if (c == '"') {
                inString = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth == 0) {
                components.add(current.toString());
                return components;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                components.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        throw new IllegalArgumentException("record header without a closing parenthesis");
    }

    private static List<Path> javaSources(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(path -> path.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
