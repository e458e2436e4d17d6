package nn.attention;

import tensor.Tensor;

/** Dense {@code [P, P]} keep-masks over a video grid, built from a rule on positions: the brute-force oracle for the grid patterns. */
final class GridMasks {
    private GridMasks() {}

    interface Rule {
        boolean sees(int[] query, int[] key);
    }

    static int[] coords(VideoGrid g, int p) {
        return new int[] {p / (g.h() * g.w()), p / g.w() % g.h(), p % g.w()};
    }

    static Tensor keep(VideoGrid queries, VideoGrid keys, Rule rule) {
        int[] m = new int[queries.size() * keys.size()];
        for (int i = 0; i < queries.size(); i++) {
            for (int j = 0; j < keys.size(); j++) {
                m[i * keys.size() + j] = rule.sees(coords(queries, i), coords(keys, j)) ? 1 : 0;
            }
        }
        return Tensor.of(m, queries.size(), keys.size());
    }

    static Tensor keep(VideoGrid grid, Rule rule) {
        return keep(grid, grid, rule);
    }
}
