package dev.ledgerstream.ingest;

import dev.ledgerstream.servicekit.ServiceConfigName;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The ingest API: verifies, validates and produces raw events to Kafka (SPEC 3). */
@SpringBootApplication
@ServiceConfigName("ingest-api")
public class IngestApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestApplication.class, args);
    }
}
