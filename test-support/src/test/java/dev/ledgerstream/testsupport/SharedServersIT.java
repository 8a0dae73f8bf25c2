package dev.ledgerstream.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** A second class using both servers: whichever of the classes runs later sees one instance of each. */
@WithKafka
@WithPostgres
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SharedServersIT {

    @Test
    void gets_the_kafka_broker_the_other_classes_got(KafkaServer kafka) {
        // when
        ServerSightings.saw(kafka);

        // then
        assertThat(ServerSightings.distinctKafkaServers()).containsExactly(kafka);
    }

    @Test
    void gets_the_postgresql_server_the_other_classes_got(PostgresServer postgres) {
        // when
        ServerSightings.saw(postgres);

        // then
        assertThat(ServerSightings.distinctPostgresServers()).containsExactly(postgres);
    }

    @Test
    void can_reach_both_servers_through_the_static_accessors_spring_tests_use() {
        // when
        String bootstrapServers = TestServers.kafka().bootstrapServers();
        TestDatabase database = TestServers.database(SharedServersIT.class);

        // then
        assertThat(bootstrapServers).isNotBlank();
        assertThat(database.jdbcUrl()).startsWith("jdbc:postgresql://");
    }
}
