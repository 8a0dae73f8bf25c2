package dev.ledgerstream.stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The stream processors: the exactly-once ledger on Kafka Streams (SPEC 5). */
@SpringBootApplication
public class StreamsApplication {

    public static void main(String[] args) {
        SpringApplication.run(StreamsApplication.class, args);
    }
}
