package dev.ledgerstream.servicekit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name of a service's own configuration file, on its Spring Boot application class:
 * {@code @ServiceConfigName("ingest-api")} makes the service read {@code ingest-api.yml} (Spring
 * Boot's {@code spring.config.name}) however it is started: its {@code main}, a test, or local mode,
 * where the four services share one class path and each must still find its own file rather than
 * the first {@code application.yml} found (issue 12). {@link ServiceConfigNames} applies it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ServiceConfigName {

    /** The file's base name, e.g. {@code ingest-api} for {@code ingest-api.yml}. */
    String value();
}
