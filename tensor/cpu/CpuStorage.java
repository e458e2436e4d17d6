package tensor.cpu;

import tensor.Backend;
import tensor.DType;
import tensor.Storage;

/** Host memory: one Java array of the storage's dtype ({@code float[]}, {@code double[]} or {@code int[]}). */
public final class CpuStorage extends Storage {
    private final CpuBackend backend;
    final float[] f32;
    final double[] f64;
    final int[] i32;

    CpuStorage(CpuBackend backend, DType dtype, int numel) {
        super(dtype, numel);
        this.backend = backend;
        this.f32 = dtype == DType.F32 ? new float[numel] : null;
        this.f64 = dtype == DType.F64 ? new double[numel] : null;
        this.i32 = dtype == DType.I32 ? new int[numel] : null;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    protected void free() {
        backend.released(this);
    }
}
