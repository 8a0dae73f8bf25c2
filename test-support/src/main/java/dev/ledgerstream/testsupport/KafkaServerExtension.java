package dev.ledgerstream.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What {@link WithKafka} registers. */
final class KafkaServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final Logger log = LoggerFactory.getLogger(KafkaServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        // Start before the first test so that start-up neither counts against a test's timeout nor hides in its failure.
        TestServers.kafka();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        KafkaServer kafka = TestServers.kafka();
        if (kafka.canRestart() && !kafka.isRunning()) {
            log.warn("{} left the Kafka broker stopped; starting it again for the next classes", context.getDisplayName());
            kafka.start();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return TestServers.kafka();
    }
}
