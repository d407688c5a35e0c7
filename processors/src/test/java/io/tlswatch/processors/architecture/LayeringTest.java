package io.tlswatch.processors.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The decoders are pure Java (STYLE.md): they face hostile bytes and must stay testable without Kafka. */
class LayeringTest {
    private static final JavaClasses PROCESSORS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tlswatch.processors");

    @Test
    void decodersAndClassificationDoNotUseKafka() {
        noClasses().that().resideInAnyPackage("..processors.decode..", "..processors.classify..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..")
                .check(PROCESSORS);
    }

    @Test
    void onlyTheWiringNamesTopics() {
        noClasses().that().resideOutsideOfPackage("..processors.topology..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.tlswatch.schemas.Topics")
                .check(PROCESSORS);
    }
}
