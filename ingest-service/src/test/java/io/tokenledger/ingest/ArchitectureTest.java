package io.tokenledger.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.tokenledger.ingest");

    @Test
    void domain_depends_on_no_framework() {
        noClasses().that().resideInAPackage("io.tokenledger.ingest.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "io.grpc..",
                        "io.tokenledger.api..", "io.smallrye..", "org.jboss..", "com.google.protobuf..")
                .check(classes);
    }

    @Test
    void grpc_edge_never_touches_persistence() {
        noClasses().that().resideInAPackage("io.tokenledger.ingest.grpc..")
                .should().dependOnClassesThat().resideInAPackage("io.tokenledger.ingest.persistence..")
                .check(classes);
    }

    @Test
    void application_does_not_reach_into_adapters() {
        noClasses().that().resideInAPackage("io.tokenledger.ingest.application..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tokenledger.ingest.persistence..",
                        "io.tokenledger.ingest.client..", "io.tokenledger.ingest.grpc..", "io.grpc..")
                .check(classes);
    }
}
