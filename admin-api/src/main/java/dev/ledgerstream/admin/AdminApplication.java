package dev.ledgerstream.admin;

import dev.ledgerstream.servicekit.ServiceConfigName;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The admin API (SPEC 7): tenant-scoped reads of the PostgreSQL ledger, the audit export and the
 * dashboard, on port 8081 ({@code ADMIN_PORT}). Everything it needs comes from
 * {@code AdminProperties}, so that local mode can run it in the same JVM as the other services.
 */
@SpringBootApplication
@ServiceConfigName("admin-api")
public class AdminApplication {

    public static void main(String[] args) {
        SpringApplication.run(AdminApplication.class, args);
    }
}
