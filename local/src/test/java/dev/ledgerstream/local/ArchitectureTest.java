package dev.ledgerstream.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of docs/architecture.md, over the production classes of every module (this
 * module depends on all of them): the ledger rules are pure, the contract knows no rules, the
 * chassis knows no domain, and no service reaches into another.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ArchitectureTest {

    private static final List<String> SERVICES = List.of("ingest", "stream", "sink", "admin");
    private static JavaClasses classes;

    @BeforeAll
    static void importEveryModule() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ledgerstream");
    }

    @Test
    void the_ledger_rules_use_no_kafka_spring_jdbc_or_network() {
        noClasses().that().resideInAPackage("dev.ledgerstream.ledger..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework..",
                        "java.sql..", "java.net..", "com.zaxxer..")
                .check(classes);
    }

    @Test
    void the_contract_knows_no_rules_and_no_framework() {
        noClasses().that().resideInAPackage("dev.ledgerstream.schemas..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ledgerstream.ledger..", "org.springframework..",
                        "dev.ledgerstream.ingest..", "dev.ledgerstream.stream..", "dev.ledgerstream.sink..",
                        "dev.ledgerstream.admin..")
                .check(classes);
    }

    @Test
    void the_service_kit_knows_no_other_module() {
        noClasses().that().resideInAPackage("dev.ledgerstream.servicekit..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ledgerstream.schemas..",
                        "dev.ledgerstream.ledger..", "dev.ledgerstream.ingest..", "dev.ledgerstream.stream..",
                        "dev.ledgerstream.sink..", "dev.ledgerstream.admin..", "dev.ledgerstream.reconcile..",
                        "dev.ledgerstream.local..")
                .check(classes);
    }

    @Test
    void no_service_depends_on_another_service() {
        for (String service : SERVICES) {
            String[] others = SERVICES.stream().filter(other -> !other.equals(service))
                    .map(other -> "dev.ledgerstream." + other + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.ledgerstream." + service + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .orShould().dependOnClassesThat().resideInAnyPackage("dev.ledgerstream.local..",
                            "dev.ledgerstream.reconcile..")
                    .check(classes);
        }
    }

    @Test
    void the_reconcile_tool_uses_the_sink_only_for_its_writer_and_migrations() {
        noClasses().that().resideInAPackage("dev.ledgerstream.reconcile..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ledgerstream.sink.config..",
                        "dev.ledgerstream.sink.consume..", "dev.ledgerstream.sink.ops..", "dev.ledgerstream.ingest..",
                        "dev.ledgerstream.admin..", "dev.ledgerstream.stream..", "org.springframework..")
                .check(classes);
    }

    @Test
    void the_commands_know_nothing_of_the_launcher_that_runs_them() {
        // LocalMode builds the demo, the action command and the go/no-go from its settings; none of
        // them reaches back into LocalMode or LocalSettings, so there is no circle between them.
        noClasses().that().resideInAnyPackage("dev.ledgerstream.local.demo..", "dev.ledgerstream.local.actions..",
                        "dev.ledgerstream.local.check..")
                .should().dependOnClassesThat().resideInAPackage("dev.ledgerstream.local")
                .check(classes);
    }
}
