package dev.ledgerstream.schemas;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the catalog's topics that do not exist yet, each with its dead-letter topic, with their
 * partitions and configuration and the broker's default replication factor. Used by local mode and tests; production topics
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
        admin.createTopics(wanted).values().forEach((name, future) -> {
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topic " + name + ": " + e.getCause(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + name, e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka did not create topic " + name + " within 30 s", e);
            }
        });
    }
}
