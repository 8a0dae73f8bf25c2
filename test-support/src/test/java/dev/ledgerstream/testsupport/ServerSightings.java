package dev.ledgerstream.testsupport;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Remembers every server instance that test classes of this JVM were given, so that whichever
 * class runs last can tell whether they all got the same one.
 */
final class ServerSightings {

    private static final Set<KafkaServer> KAFKA = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private static final Set<PostgresServer> POSTGRES = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    private ServerSightings() {
    }

    static void saw(KafkaServer kafka) {
        KAFKA.add(kafka);
    }

    static void saw(PostgresServer postgres) {
        POSTGRES.add(postgres);
    }

    static Set<KafkaServer> distinctKafkaServers() {
        return Set.copyOf(KAFKA);
    }

    static Set<PostgresServer> distinctPostgresServers() {
        return Set.copyOf(POSTGRES);
    }
}
