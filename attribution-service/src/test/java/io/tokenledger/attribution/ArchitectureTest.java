package io.tokenledger.attribution;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tokenledger.attribution");

    @Test
    void domainIsFrameworkFree() {
        noClasses().that().resideInAPackage("io.tokenledger.attribution.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "io.grpc..",
                        "io.tokenledger.api..", "io.smallrye..", "org.jboss..", "com.google.protobuf..",
                        "io.micrometer..", "java.sql..", "javax.sql..")
                .check(classes);
    }

    @Test
    void grpcEdgeNeverTouchesPersistence() {
        noClasses().that().resideInAPackage("io.tokenledger.attribution.grpc..")
                .should().dependOnClassesThat().resideInAPackage("io.tokenledger.attribution.persistence..")
                .check(classes);
    }

    @Test
    void applicationDependsOnPortsNotOnPersistence() {
        noClasses().that().resideInAPackage("io.tokenledger.attribution.application..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tokenledger.attribution.persistence..",
                        "io.tokenledger.attribution.grpc..", "io.tokenledger.api..")
                .check(classes);
    }
}
