package dev.ledgerstream.schemas;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the catalog's topics that do not exist yet, each with its dead-letter topic, with their
 * partitions and configuration and the broker's default replication factor, and sets the
 * catalog's configuration on those that exist (a local mode's data from an earlier version gets
 * the raw topics' broker timestamps, ADR 0011). Used by local mode and tests; production topics
 * are created by Terraform from the same catalog.
 */
public final class TopicProvisioning {

    private TopicProvisioning() {
    }

    public static void ensure(Admin admin, Collection<? extends TopicSpec<?, ?>> topics) {
        List<NewTopic> wanted = new ArrayList<>();
        for (TopicSpec<?, ?> topic : topics) {
            for (String name : List.of(topic.name(), topic.deadLetterTopic())) {
                wanted.add(new NewTopic(name, Optional.of(topic.partitions()), Optional.empty()).configs(topic.config()));
            }
        }
        wanted.add(new NewTopic(Topics.INTERNAL_DEAD_LETTERS, Optional.of(1), Optional.empty())
                .configs(Topics.KEPT_FOREVER));
        Map<ConfigResource, Collection<AlterConfigOp>> existing = new HashMap<>();
        admin.createTopics(wanted).values().forEach((name, future) -> {
            try {
                await(future, "create topic " + name);
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof ExecutionException failed && failed.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                wanted.stream().filter(topic -> topic.name().equals(name)).findFirst().ifPresent(topic ->
                        existing.put(new ConfigResource(ConfigResource.Type.TOPIC, name), topic.configs().entrySet()
                                .stream().map(entry -> new AlterConfigOp(new ConfigEntry(entry.getKey(), entry.getValue()),
                                        AlterConfigOp.OpType.SET)).toList()));
            }
        });
        if (!existing.isEmpty()) {
            await(admin.incrementalAlterConfigs(existing).all(), "set the catalog's configuration on existing topics");
        }
    }

    private static void await(KafkaFuture<?> future, String what) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not " + what + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not " + what + " within 30 s", e);
        }
    }
}
