package tensor.testing;

import java.util.Random;
import java.util.function.IntToDoubleFunction;

/**
 * The seeded source a sample generator draws from: shapes bounded by {@link #size()} (the
 * largest dimension; the shrinker lowers it), broadcasting partners, axes and values. The same
 * seed and size always give the same sample.
 */
public final class Cases {
    private final Random random;
    private final int size;

    public Cases(long seed, int size) {
        this.random = new Random(seed);
        this.size = Math.max(1, size);
    }

    /** The largest dimension a shape may have. */
    public int size() {
        return size;
    }

    /** Uniform in {@code [lo, hi]}. */
    public int nextInt(int lo, int hi) {
        return lo + random.nextInt(hi - lo + 1);
    }

    public boolean nextBoolean() {
        return random.nextBoolean();
    }

    @SafeVarargs
    public final <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    /** A dimension in {@code [1, size]}, 1 more often than uniform (size-1 axes broadcast). */
    public int dim() {
        return random.nextInt(5) == 0 ? 1 : nextInt(1, size);
    }

    /** A rank in {@code [minRank, maxRank]} and dimensions from {@link #dim()}. */
    public int[] shape(int minRank, int maxRank) {
        int[] s = new int[nextInt(minRank, maxRank)];
        for (int a = 0; a < s.length; a++) {
            s[a] = dim();
        }
        return s;
    }

    /** Like {@link #shape}, but one time in eight one axis is empty (size 0). */
    public int[] shapeOrEmpty(int minRank, int maxRank) {
        int[] s = shape(minRank, maxRank);
        if (s.length > 0 && random.nextInt(8) == 0) {
            s[random.nextInt(s.length)] = 0;
        }
        return s;
    }

    /**
     * A shape that broadcasts with {@code s}: some trailing axes of {@code s}, each possibly
     * replaced by 1, sometimes with one extra leading axis.
     */
    public int[] broadcastPartner(int[] s) {
        int keep = nextInt(0, s.length);
        boolean extra = random.nextInt(4) == 0;
        int[] p = new int[keep + (extra ? 1 : 0)];
        if (extra) {
            p[0] = nextInt(1, 2);
        }
        for (int k = 0; k < keep; k++) {
            int d = s[s.length - keep + k];
            p[p.length - keep + k] = random.nextInt(3) == 0 ? 1 : d;
        }
        return p;
    }

    /** An axis of a rank ≥ 1 shape, written negatively half of the time. */
    public int axis(int rank) {
        int a = random.nextInt(rank);
        return random.nextBoolean() ? a : a - rank;
    }

    /** A non-empty set of distinct axes in random order and random sign convention. */
    public int[] axes(int rank) {
        int mask = nextInt(1, (1 << rank) - 1);
        int[] axes = new int[Integer.bitCount(mask)];
        int k = 0;
        for (int a = 0; a < rank; a++) {
            if ((mask & (1 << a)) != 0) {
                axes[k++] = random.nextBoolean() ? a : a - rank;
            }
        }
        for (int i = axes.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = axes[i];
            axes[i] = axes[j];
            axes[j] = t;
        }
        return axes;
    }

    /** A permutation of {@code 0..n-1}. */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Values drawn from a domain. */
    public NdArray values(int[] shape, Domain domain) {
        return fill(shape, i -> domain.draw(random));
    }

    /** A value input named {@code name}. */
    public Input value(String name, int[] shape, Domain domain) {
        return Input.value(name, values(shape, domain), domain);
    }

    /** An I32 input with values in {@code [lo, hi]}. */
    public Input ints(String name, int[] shape, int lo, int hi) {
        return Input.ints(name, fill(shape, i -> nextInt(lo, hi)));
    }

    private static NdArray fill(int[] shape, IntToDoubleFunction f) {
        NdArray a = NdArray.zeros(shape);
        double[] v = a.data();
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(i);
        }
        return a;
    }
}
