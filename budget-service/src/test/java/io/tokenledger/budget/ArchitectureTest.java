package io.tokenledger.budget;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tokenledger.budget");

    @Test
    void domainIsFrameworkFree() {
        noClasses().that().resideInAPackage("io.tokenledger.budget.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta..", "io.grpc..", "io.tokenledger.api..", "io.smallrye..", "org.jboss..",
                        "io.vertx..", "com.fasterxml..")
                .check(CLASSES);
    }

    @Test
    void grpcNeverTouchesPersistence() {
        noClasses().that().resideInAPackage("io.tokenledger.budget.grpc..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tokenledger.budget.persistence..", "io.tokenledger.budget.redis..")
                .check(CLASSES);
    }
}
