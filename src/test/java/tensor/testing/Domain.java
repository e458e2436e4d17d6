package tensor.testing;

import java.util.Random;

/**
 * Where an input's values come from. Each domain mixes uniform draws with edge values that
 * exercise ties, zeros and units, and names the simplest value a shrunk case falls back to.
 * Ops with restricted domains (log, sqrt, div, pow) declare them so every sample is valid.
 */
public enum Domain {
    /** Uniform in [−3, 3], with 0, ±1, ±0.5 and 2 as edge values. */
    REAL(0, new double[] {0, 1, -1, 0.5, -0.5, 2}) {
        @Override
        double uniform(Random r) {
            return -3 + 6 * r.nextDouble();
        }
    },
    /** Uniform in [0.125, 4], with 1, 0.25 and 2 as edge values. */
    POSITIVE(1, new double[] {1, 0.25, 2}) {
        @Override
        double uniform(Random r) {
            return 0.125 + 3.875 * r.nextDouble();
        }
    },
    /** Magnitude in [0.25, 3] with either sign: safe divisors. */
    NONZERO(1, new double[] {1, -1, 0.5, -2}) {
        @Override
        double uniform(Random r) {
            double m = 0.25 + 2.75 * r.nextDouble();
            return r.nextBoolean() ? m : -m;
        }
    },
    /** Small integers in [−3, 3] (exact in every dtype), for ties and integer ops. */
    SMALL_INTEGER(0, new double[] {0, 1, -1}) {
        @Override
        double uniform(Random r) {
            return r.nextInt(7) - 3;
        }
    },
    /** Small integers in [−3, 3] with NaN, ±∞ and −0 as edge values: IEEE's special cases. */
    SPECIAL(0, new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0}) {
        @Override
        double uniform(Random r) {
            return r.nextInt(7) - 3;
        }
    },
    /**
     * Uniform in [−30, 30], with −10, 10, −25 and 0 as edge values: the tails of exp, sigmoid
     * and GELU ({@code gelu(−10) ≈ −7.6e−23}) and the argument reduction of sin and cos.
     */
    WIDE(0, new double[] {-10, 10, -25, 0}) {
        @Override
        double uniform(Random r) {
            return -30 + 60 * r.nextDouble();
        }
    },
    /** Log-uniform in [1e−30, 1e30], with 1 and 1e−20 as edge values. */
    WIDE_POSITIVE(1, new double[] {1, 1e-20}) {
        @Override
        double uniform(Random r) {
            return Math.pow(10, -30 + 60 * r.nextDouble());
        }
    };

    private final double simplest;
    private final double[] edges;

    Domain(double simplest, double[] edges) {
        this.simplest = simplest;
        this.edges = edges;
    }

    abstract double uniform(Random r);

    /** One value: an edge value one time in five, else a uniform draw. */
    double draw(Random r) {
        return r.nextInt(5) == 0 ? edges[r.nextInt(edges.length)] : uniform(r);
    }

    /** The value a shrinker replaces others with. */
    public double simplest() {
        return simplest;
    }
}
