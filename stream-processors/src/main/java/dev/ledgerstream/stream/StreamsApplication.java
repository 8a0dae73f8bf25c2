package dev.ledgerstream.stream;

import dev.ledgerstream.servicekit.ServiceConfigName;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The stream processors: the exactly-once ledger on Kafka Streams (SPEC 5). */
@SpringBootApplication
@ServiceConfigName("stream-processors")
public class StreamsApplication {

    public static void main(String[] args) {
        SpringApplication.run(StreamsApplication.class, args);
    }
}
