package dev.ledgerstream.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class the shared real Kafka broker ({@link TestServers#kafka()}): started before
 * the class if it is not yet, injectable as a {@link KafkaServer} parameter, and started again
 * after the class if a test left it stopped.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaServerExtension.class)
public @interface WithKafka {
}
