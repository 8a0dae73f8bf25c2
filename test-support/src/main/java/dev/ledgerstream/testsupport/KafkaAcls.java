package dev.ledgerstream.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The grants of {@code deploy/kafka/acls.csv} (and compose's {@code compose-acls.csv}) as Kafka
 * ACL bindings: {@code principal,resource_type,pattern_type,resource_name,operation}, each an
 * ALLOW for {@code User:<principal>} from any host. The same files feed docker compose and
 * Terraform; tests apply them to a broker that enforces them.
 */
public final class KafkaAcls {

    private KafkaAcls() {
    }

    /** The repository's {@code deploy/kafka} folder, found from a module's working directory. */
    public static Path directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("deploy").resolve("kafka");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no deploy/kafka folder above " + Path.of("").toAbsolutePath());
    }

    /** The bindings of {@code file}, in file order; throws on a line that is not a valid grant. */
    public static List<AclBinding> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (lines.isEmpty() || !lines.get(0).equals("principal,resource_type,pattern_type,resource_name,operation")) {
            throw new IllegalArgumentException(file + ": the header must be principal,resource_type,pattern_type,"
                    + "resource_name,operation");
        }
        List<AclBinding> bindings = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 5) {
                throw new IllegalArgumentException(file + ": not five cells: " + line);
            }
            bindings.add(new AclBinding(
                    new ResourcePattern(ResourceType.valueOf(cells[1]), cells[3], PatternType.valueOf(cells[2])),
                    new AccessControlEntry("User:" + cells[0], "*", AclOperation.valueOf(cells[4]),
                            AclPermissionType.ALLOW)));
        }
        return bindings;
    }

    /** The distinct principals of {@code bindings}, without the {@code User:} prefix, lower-case. */
    public static List<String> principals(List<AclBinding> bindings) {
        return bindings.stream().map(binding -> binding.entry().principal().substring("User:".length())
                .toLowerCase(Locale.ROOT)).distinct().toList();
    }
}
