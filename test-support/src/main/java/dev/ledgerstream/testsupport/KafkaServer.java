package dev.ledgerstream.testsupport;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The Kafka broker shared by the tests of this JVM. Obtain it from {@link TestServers#kafka()} or
 * as a parameter of a {@link WithKafka} test.
 */
public interface KafkaServer {

    /** {@code host:port[,host:port]} for the clients' {@code bootstrap.servers}. */
    String bootstrapServers();

    ServerMode mode();

    /** True only for the embedded broker, the one that tests may {@link #stop()} and {@link #start()}. */
    boolean canRestart();

    boolean isRunning();

    /**
     * Stops the broker, keeping its port and data, to test an outage. Only when {@link #canRestart()};
     * guard such tests with {@code assumeTrue(kafka.canRestart())}. A broker left stopped is
     * started again after the test class.
     */
    void stop();

    /** Starts the broker again on the same port and data after {@link #stop()}. */
    void start();

    /** The settings every client needs to reach this broker. */
    default Map<String, Object> clientConfig() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    /**
     * Creates a topic with the broker's default replication; an existing topic of that name is
     * accepted as it is, so that test classes sharing the broker can each declare the topics they use.
     */
    default void createTopic(String name, int partitions) {
        createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty())));
    }

    /** Creates the topics that do not exist yet and waits until they do. */
    default void createTopics(Collection<NewTopic> topics) {
        Topics.create(bootstrapServers(), topics);
    }
}
