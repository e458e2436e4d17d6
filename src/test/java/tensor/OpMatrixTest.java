package tensor;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import tensor.catalogue.BadCalls;
import tensor.catalogue.Catalogue;
import tensor.testing.BackendParityCheck;
import tensor.testing.OpMatrix;
import tensor.testing.ReferenceCheck;

/**
 * The op test matrix (DESIGN §6): every op of the catalogue against its double-precision
 * reference on the CPU in F64 (tight) and F32 (tolerance scaled to the reduction length), the
 * OpenCL backend against the CPU when a device exists, and every bad call failing with a message
 * that names the op, the shapes and the axis. Replay a failure with the properties it prints.
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
    Stream<DynamicNode> openClMatchesCpu() {
        return OpMatrix.tests(Catalogue.all(), new BackendParityCheck("cl", () -> OpenCl.DEVICE));
    }

    @TestFactory
    Stream<DynamicNode> badCallsFailWithClearMessages() {
        return BadCalls.tests();
    }

    /** The OpenCL backend, selected once on first use, or null when none can be selected. */
    private static final class OpenCl {
        static final Backend DEVICE = select();

        private static Backend select() {
            try {
                return Devices.select("cl");
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
