package dev.ledgerstream.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class the shared real PostgreSQL server ({@link TestServers#postgres()}) and a
 * database of its own: injectable as a {@link PostgresServer} or a {@link TestDatabase} parameter
 * (the same database for every test of the class, and for its {@code @Nested} classes). A server
 * left stopped by a test is started again after the class.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PostgresServerExtension.class)
public @interface WithPostgres {
}
