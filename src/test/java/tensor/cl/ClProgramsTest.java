package tensor.cl;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Kernels are compiled once and reused; a build failure names the file and carries the compiler's log. */
class ClProgramsTest {
    private final ClBackend cl = OpenCl.backend();

    @Test
    void kernelsAreCompiledOnceAndReused() {
        String options = ClBackend.typeOptions(tensor.DType.F32) + " -DP=float";
        assertSame(cl.kernel("elementwise.cl", "fill", options), cl.kernel("elementwise.cl", "fill", options));
    }

    @Test
    void aBuildFailureNamesTheFileAndCarriesTheLog() {
        String broken = "__kernel void broken(__global float *x) {\n    x[0] = undefined_name;\n}\n";
        ClBuildException e = assertThrows(ClBuildException.class,
                () -> cl.programs().program("broken.cl", broken, "-DT=float"));
        assertTrue(e.getMessage().startsWith("cl-kernels/broken.cl failed to build"), e.getMessage());
        assertTrue(e.buildLog().contains("undefined_name"), e.buildLog());
        assertTrue(e.getMessage().contains("-DT=float"), e.getMessage());
    }

    @Test
    void buildsAreQuietAboutWarnings() {
        // a literal that does not fit: a warning by default in every clang-based OpenCL compiler
        String warns = "__kernel void warns(__global int *x) {\n    x[0] = 1.5e10;\n}\n";
        org.jocl.cl_program program = cl.programs().program("warns.cl", warns, "-DT=float");
        assertTrue(!cl.programs().buildLog(program).contains("warning"), cl.programs().buildLog(program));
    }

    @Test
    void anImpossibleWorkGroupSaysWhatTheDeviceOffers() {
        ClKernel fill = cl.kernel("elementwise.cl", "fill", ClBackend.typeOptions(tensor.DType.F32) + " -DP=float");
        long tooBig = fill.maxGroupSize() * 2;
        tensor.Tensor out = tensor.Tensor.empty(cl, tensor.DType.F32, tensor.Shape.of(4));
        ClException e = assertThrows(ClException.class,
                () -> fill.launch(new long[] {tooBig}, new long[] {tooBig}, out, 4, 1f, 1));
        assertTrue(e.getMessage().contains("CL_INVALID_WORK_GROUP_SIZE"), e.getMessage());
        assertTrue(e.getMessage().contains("the device allows work-groups of"), e.getMessage());
    }
}
