package architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tensor.Devices;

/**
 * The architecture of DESIGN.md §1, checked on the main classes: arrows point down only
 * (train → video → nn → autograd → tensor), JOCL stays inside {@code tensor.cl}, Jackson inside
 * {@code tensor.io} and {@code train}, and the tensor core reaches the OpenCL backend only through
 * {@link Devices}, which picks the backend.
 */
class LayeringTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("tensor", "autograd", "nn", "video", "train");
    }

    @Test
    void arrowsPointDownOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("train").definedBy("train..")
                .layer("video").definedBy("video..")
                .layer("nn").definedBy("nn..")
                .layer("autograd").definedBy("autograd..")
                .layer("tensor").definedBy("tensor..")
                .whereLayer("train").mayNotBeAccessedByAnyLayer()
                .whereLayer("video").mayOnlyBeAccessedByLayers("train")
                .whereLayer("nn").mayOnlyBeAccessedByLayers("video", "train")
                .whereLayer("autograd").mayOnlyBeAccessedByLayers("nn", "video", "train")
                .check(main);
    }

    @Test
    void joclOnlyInsideTheOpenClBackend() {
        noClasses().that().resideOutsideOfPackage("tensor.cl..")
                .should().dependOnClassesThat().resideInAPackage("org.jocl..")
                .because("JOCL is an implementation detail of tensor.cl")
                .check(main);
    }

    @Test
    void jacksonOnlyInSafetensorsIoAndTraining() {
        noClasses().that().resideOutsideOfPackages("tensor.io..", "train..")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
                .because("JSON is for safetensors headers (tensor.io), configs and reports (train)")
                .check(main);
    }

    @Test
    void tensorCoreReachesTheOpenClBackendOnlyThroughDevices() {
        noClasses().that().resideInAPackage("tensor..")
                .and().resideOutsideOfPackage("tensor.cl..")
                .and().doNotBelongToAnyOf(Devices.class)
                .should().dependOnClassesThat().resideInAPackage("tensor.cl..")
                .because("only Devices chooses a backend; everything else talks to tensor.Backend")
                .check(main);
    }
}
