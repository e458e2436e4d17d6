package tensor;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import tensor.catalogue.BadCalls;
import tensor.catalogue.Catalogue;
import tensor.cl.OpenCl;
import tensor.testing.BackendParityCheck;
import tensor.testing.GradientCheck;
import tensor.testing.GradientParityCheck;
import tensor.testing.MemoryCheck;
import tensor.testing.OpMatrix;
import tensor.testing.ReferenceCheck;

/**
 * The op test matrix (DESIGN §6): every op of the catalogue against its double-precision
 * reference on the CPU in F64 (tight) and F32 (tolerance scaled to the reduction length); every
 * differentiable op's autograd gradients against central finite differences in F64; the OpenCL
 * backend's forward values and gradients against the CPU's in F32 (skipped without a device,
 * failed under {@code CI=true}); that no op (forward, or forward and backward in a scope) leaves
 * device memory behind; and every bad call failing with a message that names the op,
 * the shapes and the axis. Replay a failure with the properties it prints.
 */
class OpMatrixTest {

    @TestFactory
    Stream<DynamicNode> cpuF64MatchesReference() {
        return OpMatrix.tests(Catalogue.all(), ReferenceCheck.cpu(DType.F64));
    }

    @TestFactory
    Stream<DynamicNode> cpuF32MatchesReference() {
        return OpMatrix.tests(Catalogue.all(), ReferenceCheck.cpu(DType.F32));
    }

    @TestFactory
    Stream<DynamicNode> gradientsMatchFiniteDifferences() {
        return OpMatrix.tests(Catalogue.all(), new GradientCheck());
    }

    @TestFactory
    Stream<DynamicNode> opsLeaveNoMemoryBehind() {
        return OpMatrix.tests(Catalogue.all(), new MemoryCheck());
    }

    @TestFactory
    Stream<DynamicNode> openClMatchesCpu() {
        return OpMatrix.tests(Catalogue.all(), new BackendParityCheck("cl", OpenCl::backend),
                new GradientParityCheck("cl", OpenCl::backend));
    }

    @TestFactory
    Stream<DynamicNode> badCallsFailWithClearMessages() {
        return BadCalls.tests();
    }
}
