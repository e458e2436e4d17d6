package tensor.cl;

import java.util.Arrays;
import tensor.Tensor;

/**
 * The layout argument of the strided kernels (the {@code Strided} struct of {@code common.cl}):
 * an iteration space and where up to three operands keep each of its elements.
 *
 * <p>Adjacent axes are merged whenever every operand steps through them as through one axis
 * ({@code stride[d] = stride[d+1] · size[d+1]}) and axes of size 1 are dropped, so a contiguous
 * tensor becomes one axis of stride 1, {@code [4096, 1024] + [1024]} two axes, and the kernels
 * divide only as often as the layout really needs.
 */
final class Strided {
    /** The kernels' {@code MAX_RANK}. */
    static final int MAX_RANK = 8;
    private static final int OPERANDS = 3;

    private final int[] dims;
    private final int[][] strides;
    private final int[] offsets;
    private final int numel;

    private Strided(int[] dims, int[][] strides, int[] offsets, int numel) {
        this.dims = dims;
        this.strides = strides;
        this.offsets = offsets;
        this.numel = numel;
    }

    /** The layout of {@code operands} (each with the shape {@code dims}, broadcast already) over {@code dims}. */
    static Strided of(String op, int[] dims, Tensor... operands) {
        int[][] strides = new int[operands.length][];
        int[] offsets = new int[operands.length];
        for (int k = 0; k < operands.length; k++) {
            strides[k] = operands[k].strides();
            offsets[k] = operands[k].offset();
        }
        return of(op, dims, strides, offsets);
    }

    /** The layout of operands with the given per-axis {@code strides[k]} and {@code offsets[k]} over {@code dims}. */
    static Strided of(String op, int[] dims, int[][] strides, int[] offsets) {
        int n = strides.length;
        int[] mergedDims = new int[dims.length];
        int[][] merged = new int[n][dims.length];
        int rank = 0;
        long numel = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            int size = dims[d];
            numel *= size;
            if (size == 1) {
                continue;
            }
            if (rank > 0 && mergesInto(strides, d, merged, rank - 1, mergedDims[rank - 1])) {
                mergedDims[rank - 1] *= size;
                continue;
            }
            mergedDims[rank] = size;
            for (int k = 0; k < n; k++) {
                merged[k][rank] = strides[k][d];
            }
            rank++;
        }
        if (rank > MAX_RANK) {
            throw new ClException(op + ": the OpenCL kernels take at most " + MAX_RANK
                    + " axes that cannot be merged, got shape " + Arrays.toString(dims));
        }
        // Collected innermost first; the kernels want outermost first.
        int[] outDims = new int[rank];
        int[][] outStrides = new int[n][rank];
        for (int r = 0; r < rank; r++) {
            outDims[r] = mergedDims[rank - 1 - r];
            for (int k = 0; k < n; k++) {
                outStrides[k][r] = merged[k][rank - 1 - r];
            }
        }
        return new Strided(outDims, outStrides, offsets.clone(), (int) numel);
    }

    private static boolean mergesInto(int[][] strides, int d, int[][] merged, int group, int groupSize) {
        for (int k = 0; k < strides.length; k++) {
            if ((long) strides[k][d] != (long) merged[k][group] * groupSize) {
                return false;
            }
        }
        return true;
    }

    int numel() {
        return numel;
    }

    int rank() {
        return dims.length;
    }

    /** Whether every operand is one dense run (stride 1, or a single element), so a *_contiguous kernel applies. */
    boolean contiguous() {
        if (dims.length == 0) {
            return true;
        }
        if (dims.length > 1) {
            return false;
        }
        for (int[] s : strides) {
            if (s[0] != 1) {
                return false;
            }
        }
        return true;
    }

    /** Whether operand 0 steps by one element along the innermost axis (rank ≥ 1). */
    boolean unitInnerStride() {
        return dims.length > 0 && strides[0][dims.length - 1] == 1;
    }

    /** Element offset of operand {@code k}'s first element. */
    int offset(int k) {
        return offsets[k];
    }

    /** Size of the innermost axis (1 for rank 0): dimension 0 of a strided launch. */
    int inner() {
        return dims.length == 0 ? 1 : dims[dims.length - 1];
    }

    /** Positions of the other axes: dimension 1 of a strided launch. */
    int outer() {
        return numel / Math.max(1, inner());
    }

    /** The struct's words: {@code rank, numel, inner, outer, dims[8], strides[3][8], offsets[3]}. */
    int[] words() {
        int head = 4;
        int[] w = new int[head + MAX_RANK + OPERANDS * MAX_RANK + OPERANDS];
        w[0] = dims.length;
        w[1] = numel;
        w[2] = inner();
        w[3] = outer();
        System.arraycopy(dims, 0, w, head, dims.length);
        for (int k = 0; k < strides.length; k++) {
            System.arraycopy(strides[k], 0, w, head + MAX_RANK + k * MAX_RANK, dims.length);
            w[head + MAX_RANK + OPERANDS * MAX_RANK + k] = offsets[k];
        }
        return w;
    }
}
