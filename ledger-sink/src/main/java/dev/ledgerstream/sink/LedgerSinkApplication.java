package dev.ledgerstream.sink;

import dev.ledgerstream.servicekit.ServiceConfigName;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The ledger sink: migrates the PostgreSQL ledger, then writes the ledger topics into it (SPEC 6). */
@SpringBootApplication
@ServiceConfigName("ledger-sink")
public class LedgerSinkApplication {

    public static void main(String[] args) {
        SpringApplication.run(LedgerSinkApplication.class, args);
    }
}
