package tensor.cpu;

import java.util.Arrays;

/**
 * The shape of a reduction of a contiguous tensor after simplification: axes of size 1 dropped and
 * neighbouring axes that are both reduced or both kept merged into one group. What remains
 * alternates between kept and reduced groups, e.g. {@code [kept 12, reduced 5, kept 64]}.
 * Offsets enumerate, in row-major order, the storage offsets of all index combinations of a set of
 * groups (the other groups at index 0).
 */
final class ReduceLayout {
    private final int[] sizes;
    private final int[] strides;
    private final boolean[] reduced;

    private ReduceLayout(int[] sizes, int[] strides, boolean[] reduced) {
        this.sizes = sizes;
        this.strides = strides;
        this.reduced = reduced;
    }

    /** Groups the axes of a contiguous tensor of shape {@code dims} reduced over sorted {@code axes}. */
    static ReduceLayout of(int[] dims, int[] axes) {
        boolean[] isReduced = new boolean[dims.length];
        for (int a : axes) {
            isReduced[a] = true;
        }
        int[] sizes = new int[dims.length + 1];
        boolean[] flags = new boolean[dims.length + 1];
        int n = 0;
        for (int a = 0; a < dims.length; a++) {
            if (dims[a] == 1) {
                continue;
            }
            if (n > 0 && flags[n - 1] == isReduced[a]) {
                sizes[n - 1] *= dims[a];
            } else {
                sizes[n] = dims[a];
                flags[n] = isReduced[a];
                n++;
            }
        }
        if (n == 0) { // a single element: one kept group of size 1
            sizes[0] = 1;
            n = 1;
        }
        int[] strides = new int[n];
        int s = 1;
        for (int i = n - 1; i >= 0; i--) {
            strides[i] = s;
            s *= sizes[i];
        }
        return new ReduceLayout(Arrays.copyOf(sizes, n), strides, Arrays.copyOf(flags, n));
    }

    boolean lastReduced() {
        return reduced[sizes.length - 1];
    }

    /** Size of the innermost group. */
    int lastLength() {
        return sizes[sizes.length - 1];
    }

    /** Offsets of all kept index combinations: one per output, in output order. */
    int[] keptOffsets() {
        return offsets(false, sizes.length);
    }

    /** Offsets of the kept groups except the innermost (which must be kept). */
    int[] keptOffsetsExceptLast() {
        return offsets(false, sizes.length - 1);
    }

    /** Offsets of all reduced index combinations. */
    int[] reducedOffsets() {
        return offsets(true, sizes.length);
    }

    /** Offsets of the reduced groups except the innermost (which must be reduced). */
    int[] reducedOffsetsExceptLast() {
        return offsets(true, sizes.length - 1);
    }

    /** Row-major offsets over the groups before {@code end} whose flag is {@code ofReduced}. */
    private int[] offsets(boolean ofReduced, int end) {
        int count = 1;
        for (int g = 0; g < end; g++) {
            if (reduced[g] == ofReduced) {
                count *= sizes[g];
            }
        }
        int[] out = new int[count];
        int filled = 1; // out[0] = 0; expand group by group, outermost first
        for (int g = 0; g < end; g++) {
            if (reduced[g] != ofReduced) {
                continue;
            }
            // each existing prefix offset becomes sizes[g] consecutive entries
            for (int i = filled - 1; i >= 0; i--) {
                int base = out[i];
                for (int k = sizes[g] - 1; k >= 0; k--) {
                    out[i * sizes[g] + k] = base + k * strides[g];
                }
            }
            filled *= sizes[g];
        }
        return out;
    }
}
