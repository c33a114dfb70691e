package io.tokenledger.pricing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tokenledger.pricing");

    @Test
    void domainDependsOnNoFramework() {
        noClasses().that().resideInAPackage("io.tokenledger.pricing.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "io.grpc..",
                        "io.tokenledger.api..", "io.smallrye..", "org.jboss..", "com.google.protobuf..",
                        "io.micrometer..")
                .check(classes);
    }

    @Test
    void grpcEdgeNeverReachesPersistence() {
        noClasses().that().resideInAPackage("io.tokenledger.pricing.grpc..")
                .should().dependOnClassesThat().resideInAPackage("io.tokenledger.pricing.persistence..")
                .check(classes);
    }

    @Test
    void applicationUsesPersistenceOnlyThroughPorts() {
        noClasses().that().resideInAPackage("io.tokenledger.pricing.application..")
                .should().dependOnClassesThat().resideInAPackage("io.tokenledger.pricing.persistence..")
                .check(classes);
    }
}
