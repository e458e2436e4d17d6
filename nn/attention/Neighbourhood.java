package nn.attention;

import tensor.Backend;
import tensor.Tensor;

/**
 * Which keys each query of 3D nearby attention sees: a {@code kT × kH × kW} box of key positions
 * (dilation {@code dT, dH, dW}) around the query's place in the key grid. The table is built once
 * per configuration and cached: {@code index} (I32, {@code [Pq·K]}, {@code K = kT·kH·kW}) lists
 * the key positions slot by slot, and {@code keep} (I32, {@code [Pq, 1, K]}) marks the slots that
 * fall inside the grid; the others point at position 0 and are masked out.
 *
 * <p>Query {@code (t, h, w)} of a {@code Tq × Hq × Wq} grid sits at
 * {@code (⌊t·Tk/Tq⌋, ⌊h·Hk/Hq⌋, ⌊w·Wk/Wq⌋)} of the key grid (itself for self-attention). Per axis,
 * with kernel {@code k} and dilation {@code d}, the slots are at offsets
 * <ul>
 *   <li>causal: {@code −(k−1)·d, …, −d, 0} (at or before the query, on every axis);</li>
 *   <li>non-causal: {@code −(k−1)/2·d, …, 0, …, (k−1)/2·d} ({@code k} odd; NÜWA's extent
 *       {@code e} is {@code k = 2e + 1}).</li>
 * </ul>
 */
record Neighbourhood(VideoGrid queries, VideoGrid keys, VideoGrid kernel, VideoGrid dilation, boolean causal) {

    Neighbourhood {
        if (!causal && (kernel.t() % 2 == 0 || kernel.h() % 2 == 0 || kernel.w() % 2 == 0)) {
            throw new IllegalArgumentException("3DNA: a non-causal neighbourhood is centred, so its kernel must be odd "
                    + "on every axis, got " + kernel.t() + "×" + kernel.h() + "×" + kernel.w());
        }
    }

    int slots() {
        return kernel.size();
    }

    Tensor index(Backend backend) {
        return ConstantCache.get(backend, new Part(this, false), () -> Tensor.of(build(false), queries.size() * slots()));
    }

    Tensor keep(Backend backend) {
        return ConstantCache.get(backend, new Part(this, true), () -> Tensor.of(build(true), queries.size(), 1, slots()));
    }

    private record Part(Neighbourhood of, boolean keep) {
    }

    /** The flat key position of every (query, slot), or whether it lies inside the key grid. */
    private int[] build(boolean keepFlags) {
        int k = slots();
        int[] out = new int[queries.size() * k];
        for (int t = 0; t < queries.t(); t++) {
            for (int h = 0; h < queries.h(); h++) {
                for (int w = 0; w < queries.w(); w++) {
                    int ct = t * keys.t() / queries.t();
                    int ch = h * keys.h() / queries.h();
                    int cw = w * keys.w() / queries.w();
                    int slot = queries.index(t, h, w) * k;
                    for (int i = 0; i < kernel.t(); i++) {
                        for (int j = 0; j < kernel.h(); j++) {
                            for (int l = 0; l < kernel.w(); l++) {
                                int pt = ct + offset(i, 0);
                                int ph = ch + offset(j, 1);
                                int pw = cw + offset(l, 2);
                                boolean inside = pt >= 0 && pt < keys.t() && ph >= 0 && ph < keys.h()
                                        && pw >= 0 && pw < keys.w();
                                out[slot++] = keepFlags ? (inside ? 1 : 0) : inside ? keys.index(pt, ph, pw) : 0;
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The offset of slot {@code i} along grid axis {@code axis}. */
    private int offset(int i, int axis) {
        int k = kernel.dim(axis);
        int d = dilation.dim(axis);
        return causal ? (i - (k - 1)) * d : (i - (k - 1) / 2) * d;
    }
}
