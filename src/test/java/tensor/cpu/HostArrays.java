package tensor.cpu;

import tensor.Tensor;

/** Test support: direct access to the Java arrays behind CPU tensors, by storage position. */
public final class HostArrays {
    private HostArrays() {}

    public static double get(Tensor t, int pos) {
        CpuStorage s = (CpuStorage) t.storage();
        return switch (t.dtype()) {
            case F32 -> s.f32[pos];
            case F64 -> s.f64[pos];
            case I32 -> s.i32[pos];
        };
    }

    public static void set(Tensor t, int pos, double v) {
        CpuStorage s = (CpuStorage) t.storage();
        switch (t.dtype()) {
            case F32 -> s.f32[pos] = (float) v;
            case F64 -> s.f64[pos] = v;
            case I32 -> s.i32[pos] = (int) v;
        }
    }

    /** Number of elements in the storage. */
    public static int capacity(Tensor t) {
        return t.storage().numel();
    }
}
