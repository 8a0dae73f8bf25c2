package dev.ledgerstream.local.servers;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URL;
import java.util.List;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RetriedSequenceFilterTest {

    /** The broker's own words (Kafka 4.2 {@code ProducerAppendInfo.checkSequence}), as seen in a StreamBench run. */
    private static final String RETRIED = "Invalid sequence number for producer 2 at offset 121 in partition"
            + " bench.pass-through.v1-0: 49 (incoming seq. number). Expected sequence 0 for transactions v2"
            + " idempotent producer with no existing state.";
    private static final String APPEND_FAILED = "Error processing append operation on partition bench.pass-through.v1-0";

    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    RetriedSequenceFilterTest() {
        context.addTurboFilter(new RetriedSequenceFilter());
        logged.setContext(context);
        logged.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logged);
    }

    @Test
    void logs_the_brokers_refusal_of_a_batch_behind_a_retried_one_at_warn_without_a_stack_trace() {
        // when
        context.getLogger("kafka.server.ReplicaManager").error(APPEND_FAILED, new OutOfOrderSequenceException(RETRIED));

        // then
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getLoggerName()).isEqualTo("kafka.server.ReplicaManager");
            assertThat(event.getFormattedMessage()).startsWith(APPEND_FAILED + ": " + RETRIED)
                    .contains("CONCURRENT_TRANSACTIONS");
            assertThat(event.getThrowableProxy()).isNull();
        });
    }

    @Test
    void leaves_every_other_error_at_error() {
        // given
        List<Runnable> errors = List.of(
                // another sequence error of the same logger: a real gap, not a retry
                () -> context.getLogger("kafka.server.ReplicaManager").error(APPEND_FAILED,
                        new OutOfOrderSequenceException("Out of order sequence number for producer 7 at offset 9 in"
                                + " partition p-0: 51 (incoming seq. number), 49 (current end sequence number)")),
                // another exception of the same logger
                () -> context.getLogger("kafka.server.ReplicaManager").error(APPEND_FAILED,
                        new ProducerFencedException(RETRIED)),
                // the same exception logged by someone else
                () -> context.getLogger("dev.ledgerstream.somewhere").error(APPEND_FAILED,
                        new OutOfOrderSequenceException(RETRIED)),
                // the same words without the exception
                () -> context.getLogger("kafka.server.ReplicaManager").error(RETRIED));

        // when
        errors.forEach(Runnable::run);

        // then
        assertThat(logged.list).hasSize(errors.size()).allSatisfy(event -> assertThat(event.getLevel()).isEqualTo(Level.ERROR));
    }

    @Test
    void is_installed_by_local_modes_logging_configuration() throws Exception {
        // given
        URL configuration = RetriedSequenceFilter.class.getResource("/logback.xml");
        LoggerContext configured = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(configured);

        // when
        configurator.doConfigure(configuration);

        // then
        assertThat(configured.getTurboFilterList()).hasAtLeastOneElementOfType(RetriedSequenceFilter.class);
    }
}
