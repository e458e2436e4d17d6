package tensor.testing;

import java.util.ArrayList;
import java.util.List;
import tensor.Backend;
import tensor.DType;
import tensor.Devices;
import tensor.MemoryScope;
import tensor.Tensor;

/**
 * One execution of an op on a sample: the inputs are made on {@code backend} (value inputs in
 * {@code dtype}, the rest I32), the op runs with that backend current, and the outputs are read
 * back to the host; a {@link MemoryScope} frees every tensor made on the way. {@link #inputs} are
 * the values the op really saw (rounded to F32 when {@code dtype} is F32), which is what its
 * reference must be computed from.
 */
public record OpRun(List<NdArray> inputs, List<NdArray> outputs, List<DType> outputTypes) {

    public static <P> OpRun execute(OpInfo<P> op, Sample<P> sample, Backend backend, DType dtype) {
        try (MemoryScope scope = MemoryScope.open(); Devices.Selection current = Devices.use(backend)) {
            List<Tensor> tensors = new ArrayList<>();
            List<NdArray> seen = new ArrayList<>();
            for (Input in : sample.inputs()) {
                Tensor t = TensorArrays.toTensor(in.values(), in.kind() == Input.Kind.FLOAT ? dtype : DType.I32, backend);
                tensors.add(t);
                seen.add(TensorArrays.toArray(t));
            }
            List<NdArray> values = new ArrayList<>();
            List<DType> types = new ArrayList<>();
            for (Tensor t : op.apply(sample.params(), new Args<>(List.copyOf(tensors), dtype))) {
                values.add(TensorArrays.toArray(t));
                types.add(t.dtype());
            }
            return new OpRun(seen, values, types);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
