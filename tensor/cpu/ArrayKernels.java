package tensor.cpu;

import java.util.Arrays;
import tensor.DType;
import tensor.Tensor;

/**
 * The few array loops whose code depends on the element type, so that the matmul and convolution
 * drivers ({@link CpuMatmul}, {@link CpuConv3d}) are written once for F32 and F64. Arrays travel as
 * {@code Object} ({@code float[]} or {@code double[]}); each constant casts to its own type.
 */
enum ArrayKernels {
    F32 {
        @Override
        Object array(Tensor t) {
            return CpuBackend.f32(t);
        }

        @Override
        Object allocate(int length) {
            return new float[length];
        }

        @Override
        double get(Object array, int index) {
            return ((float[]) array)[index];
        }

        @Override
        void fill(Object array, int from, int to, double value) {
            Arrays.fill((float[]) array, from, to, (float) value);
        }

        @Override
        void gather(Object src, int srcIndex, int srcStride, Object dst, int dstIndex, int count) {
            float[] s = (float[]) src;
            float[] d = (float[]) dst;
            for (int i = 0; i < count; i++) {
                d[dstIndex + i] = s[srcIndex + i * srcStride];
            }
        }

        @Override
        void scatterAdd(Object src, int srcIndex, Object dst, int dstIndex, int dstStride, int count) {
            float[] s = (float[]) src;
            float[] d = (float[]) dst;
            for (int i = 0; i < count; i++) {
                d[dstIndex + i * dstStride] += s[srcIndex + i];
            }
        }

        @Override
        void multiplyAdd(int m, int n, int k, Object a, MatrixLayout la, Object b, MatrixLayout lb,
                         Object c, int cOff, int ldc) {
            PackedGemmF32.multiplyAdd(m, n, k, (float[]) a, la, (float[]) b, lb, (float[]) c, cOff, ldc);
        }
    },

    F64 {
        @Override
        Object array(Tensor t) {
            return CpuBackend.f64(t);
        }

        @Override
        Object allocate(int length) {
            return new double[length];
        }

        @Override
        double get(Object array, int index) {
            return ((double[]) array)[index];
        }

        @Override
        void fill(Object array, int from, int to, double value) {
            Arrays.fill((double[]) array, from, to, value);
        }

        @Override
        void gather(Object src, int srcIndex, int srcStride, Object dst, int dstIndex, int count) {
            double[] s = (double[]) src;
            double[] d = (double[]) dst;
            for (int i = 0; i < count; i++) {
                d[dstIndex + i] = s[srcIndex + i * srcStride];
            }
        }

        @Override
        void scatterAdd(Object src, int srcIndex, Object dst, int dstIndex, int dstStride, int count) {
            double[] s = (double[]) src;
            double[] d = (double[]) dst;
            for (int i = 0; i < count; i++) {
                d[dstIndex + i * dstStride] += s[srcIndex + i];
            }
        }

        @Override
        void multiplyAdd(int m, int n, int k, Object a, MatrixLayout la, Object b, MatrixLayout lb,
                         Object c, int cOff, int ldc) {
            BlockedGemmF64.multiplyAdd(m, n, k, (double[]) a, la, (double[]) b, lb, (double[]) c, cOff, ldc);
        }
    };

    /** The kernels for a floating dtype. */
    static ArrayKernels of(DType dtype) {
        return switch (dtype) {
            case F32 -> F32;
            case F64 -> F64;
            case I32 -> throw new IllegalArgumentException("no float kernels for I32");
        };
    }

    /** The backing array of a CPU tensor of this dtype. */
    abstract Object array(Tensor t);

    /** A zeroed array of this dtype. */
    abstract Object allocate(int length);

    abstract double get(Object array, int index);

    /** {@code array[from : to] = value}. */
    abstract void fill(Object array, int from, int to, double value);

    /** {@code dst[dstIndex + i] = src[srcIndex + i·srcStride]} for {@code i < count}. */
    abstract void gather(Object src, int srcIndex, int srcStride, Object dst, int dstIndex, int count);

    /** {@code dst[dstIndex + i·dstStride] += src[srcIndex + i]} for {@code i < count}. */
    abstract void scatterAdd(Object src, int srcIndex, Object dst, int dstIndex, int dstStride, int count);

    /** Single-threaded {@code C += A·B}; see {@link PackedGemmF32} and {@link BlockedGemmF64}. */
    abstract void multiplyAdd(int m, int n, int k, Object a, MatrixLayout la, Object b, MatrixLayout lb,
                              Object c, int cOff, int ldc);
}
