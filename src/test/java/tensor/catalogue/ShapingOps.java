package tensor.catalogue;

import static tensor.testing.OpInfo.NoParams.NONE;

import autograd.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tensor.Tensor;
import tensor.testing.Cases;
import tensor.testing.Domain;
import tensor.testing.Input;
import tensor.testing.NdArray;
import tensor.testing.OpInfo;
import tensor.testing.OpInfo.NoParams;
import tensor.testing.Sample;

/** Reshaping, reordering, slicing, broadcasting, joining, splitting, padding, flipping, tiling. */
public final class ShapingOps {
    private ShapingOps() {}

    public record Dims(int[] dims) {
        @Override
        public String toString() {
            return Arrays.toString(dims);
        }
    }

    public record AxisParam(int axis) {}

    public record AxisPair(int a, int b) {}

    public record Slice(int axis, int start, int end, int step) {}

    public record Split(int axis, int[] sizes) {
        @Override
        public String toString() {
            return "axis=" + axis + ", sizes=" + Arrays.toString(sizes);
        }
    }

    public record Chunk(int axis, int n) {}

    public record Pad(int[] before, int[] after, double value) {
        @Override
        public String toString() {
            return "before=" + Arrays.toString(before) + ", after=" + Arrays.toString(after) + ", value=" + value;
        }
    }

    public static List<OpInfo<?>> all() {
        return List.of(reshape(false), reshape(true), flatten(), squeeze(), unsqueeze(), permute(), transpose(),
                slice(), expand(), contiguous(), concat(), stack(), split(), chunk(), pad(), flip(), repeat());
    }

    private static int norm(int axis, int rank) {
        return axis < 0 ? axis + rank : axis;
    }

    private static Input x(Cases c, int[] shape) {
        return c.value("x", shape, Domain.REAL);
    }

    /** The same elements in a shuffled and regrouped shape; one size may be −1. */
    static OpInfo<Dims> reshape(boolean fromTransposed) {
        return OpInfo.<Dims>named(fromTransposed ? "reshapeOfTransposed" : "reshape")
                .samples(c -> {
                    int[] s = fromTransposed ? c.shape(2, 4) : c.shapeOrEmpty(0, 4);
                    List<Integer> dims = new ArrayList<>();
                    for (int d : s) {
                        dims.add(d);
                    }
                    java.util.Collections.shuffle(dims, new java.util.Random(c.nextInt(0, 1000)));
                    if (dims.size() >= 2 && c.nextBoolean()) {
                        dims.set(0, dims.get(0) * dims.remove(1));
                    }
                    if (c.nextBoolean()) {
                        dims.add(c.nextInt(0, dims.size()), 1);
                    }
                    int[] target = dims.stream().mapToInt(Integer::intValue).toArray();
                    if (target.length > 0 && NdArray.numel(s) > 0 && c.nextBoolean()) {
                        target[c.nextInt(0, target.length - 1)] = -1;
                    }
                    return Sample.of(new Dims(target), x(c, s));
                })
                .op((p, in) -> {
                    if (!fromTransposed) {
                        return in.get(0).reshape(p.dims());
                    }
                    try (Tensor transposed = in.get(0).transpose(0, -1)) {
                        return transposed.reshape(p.dims());
                    }
                })
                .reference((p, in) -> {
                    NdArray x = fromTransposed ? in.get(0).permute(swapFirstLast(in.get(0).rank())) : in.get(0);
                    return x.reshape(resolve(p.dims(), x.numel()));
                })
                .differentiable((p, in) -> (fromTransposed ? in.get(0).transpose(0, -1) : in.get(0)).reshape(p.dims()))
                .build();
    }

    private static int[] swapFirstLast(int rank) {
        int[] order = new int[rank];
        for (int a = 0; a < rank; a++) {
            order[a] = a;
        }
        order[0] = rank - 1;
        order[rank - 1] = 0;
        return order;
    }

    private static int[] resolve(int[] dims, int numel) {
        int known = 1;
        for (int d : dims) {
            known *= d == -1 ? 1 : d;
        }
        int k = known;
        return Arrays.stream(dims).map(d -> d == -1 ? numel / k : d).toArray();
    }

    static OpInfo<NoParams> flatten() {
        return OpInfo.<NoParams>named("flatten")
                .samples(c -> Sample.of(NONE, x(c, c.shape(0, 4))))
                .op((p, in) -> in.get(0).flatten())
                .reference((p, in) -> in.get(0).reshape(in.get(0).numel()))
                .differentiable((p, in) -> in.get(0).flatten())
                .build();
    }

    static OpInfo<AxisParam> squeeze() {
        return OpInfo.<AxisParam>named("squeeze")
                .samples(c -> {
                    int[] s = c.shapeOrEmpty(1, 4);
                    int axis = c.axis(s.length);
                    s[norm(axis, s.length)] = 1;
                    return Sample.of(new AxisParam(axis), x(c, s));
                })
                .op((p, in) -> in.get(0).squeeze(p.axis()))
                .reference((p, in) -> {
                    int[] s = in.get(0).shape();
                    int a = norm(p.axis(), s.length);
                    int[] out = new int[s.length - 1];
                    for (int i = 0, k = 0; i < s.length; i++) {
                        if (i != a) {
                            out[k++] = s[i];
                        }
                    }
                    return in.get(0).reshape(out);
                })
                .differentiable((p, in) -> in.get(0).squeeze(p.axis()))
                .build();
    }

    static OpInfo<AxisParam> unsqueeze() {
        return OpInfo.<AxisParam>named("unsqueeze")
                .samples(c -> {
                    int[] s = c.shapeOrEmpty(0, 3);
                    return Sample.of(new AxisParam(c.axis(s.length + 1)), x(c, s));
                })
                .op((p, in) -> in.get(0).unsqueeze(p.axis()))
                .reference((p, in) -> {
                    int[] s = in.get(0).shape();
                    int a = norm(p.axis(), s.length + 1);
                    int[] out = new int[s.length + 1];
                    for (int i = 0, k = 0; i < out.length; i++) {
                        out[i] = i == a ? 1 : s[k++];
                    }
                    return in.get(0).reshape(out);
                })
                .differentiable((p, in) -> in.get(0).unsqueeze(p.axis()))
                .build();
    }

    static OpInfo<Dims> permute() {
        return OpInfo.<Dims>named("permute")
                .samples(c -> {
                    int[] s = c.shapeOrEmpty(0, 4);
                    return Sample.of(new Dims(c.permutation(s.length)), x(c, s));
                })
                .op((p, in) -> in.get(0).permute(p.dims()))
                .reference((p, in) -> in.get(0).permute(p.dims()))
                .differentiable((p, in) -> in.get(0).permute(p.dims()))
                .build();
    }

    static OpInfo<AxisPair> transpose() {
        return OpInfo.<AxisPair>named("transpose")
                .samples(c -> {
                    int[] s = c.shapeOrEmpty(1, 4);
                    return Sample.of(new AxisPair(c.axis(s.length), c.axis(s.length)), x(c, s));
                })
                .op((p, in) -> in.get(0).transpose(p.a(), p.b()))
                .reference((p, in) -> {
                    int r = in.get(0).rank();
                    int[] order = new int[r];
                    for (int i = 0; i < r; i++) {
                        order[i] = i;
                    }
                    int a = norm(p.a(), r), b = norm(p.b(), r);
                    order[a] = b;
                    order[b] = a;
                    return in.get(0).permute(order);
                })
                .differentiable((p, in) -> in.get(0).transpose(p.a(), p.b()))
                .build();
    }

    /** Python slice bounds: negatives count from the end, then both clamp to {@code [0, n]}. */
    static OpInfo<Slice> slice() {
        return OpInfo.<Slice>named("slice")
                .samples(c -> {
                    int[] s = c.shapeOrEmpty(1, 4);
                    int axis = c.axis(s.length);
                    int n = s[norm(axis, s.length)];
                    return Sample.of(new Slice(axis, c.nextInt(-n - 2, n + 2), c.nextInt(-n - 2, n + 2), c.nextInt(1, 3)), x(c, s));
                })
                .op((p, in) -> in.get(0).slice(p.axis(), p.start(), p.end(), p.step()))
                .reference((p, in) -> {
                    NdArray x = in.get(0);
                    int a = norm(p.axis(), x.rank());
                    int n = x.dim(a);
                    int start = clampBound(p.start(), n), end = clampBound(p.end(), n);
                    int count = Math.max(0, (end - start + p.step() - 1) / p.step());
                    int[] shape = x.shape();
                    shape[a] = count;
                    return NdArray.build(shape, i -> {
                        int[] src = i.clone();
                        src[a] = start + i[a] * p.step();
                        return x.get(src);
                    });
                })
                .differentiable((p, in) -> in.get(0).slice(p.axis(), p.start(), p.end(), p.step()))
                .build();
    }

    private static int clampBound(int b, int n) {
        return Math.max(0, Math.min(n, b < 0 ? b + n : b));
    }

    /** Size-1 axes grow, −1 keeps a size, and new leading axes may appear. */
    static OpInfo<Dims> expand() {
        return OpInfo.<Dims>named("expand")
                .samples(c -> {
                    int[] s = c.shape(0, 3);
                    int lead = c.nextInt(0, 1);
                    int[] target = new int[s.length + lead];
                    for (int i = 0; i < lead; i++) {
                        target[i] = c.dim();
                    }
                    for (int a = 0; a < s.length; a++) {
                        target[lead + a] = s[a] == 1 ? c.pick(1, c.dim(), 0) : c.pick(s[a], -1);
                    }
                    return Sample.of(new Dims(target), x(c, s));
                })
                .op((p, in) -> in.get(0).expand(p.dims()))
                .reference((p, in) -> {
                    int[] s = in.get(0).shape();
                    int[] t = p.dims().clone();
                    for (int a = 0; a < s.length; a++) {
                        int k = t.length - s.length + a;
                        if (t[k] == -1) {
                            t[k] = s[a];
                        }
                    }
                    return in.get(0).broadcastTo(t);
                })
                .differentiable((p, in) -> in.get(0).expand(p.dims()))
                .build();
    }

    static OpInfo<NoParams> contiguous() {
        return OpInfo.<NoParams>named("contiguousOfTransposed")
                .samples(c -> Sample.of(NONE, x(c, c.shape(2, 4))))
                .op((p, in) -> in.get(0).transpose(0, 1).contiguous())
                .reference((p, in) -> {
                    int[] order = java.util.stream.IntStream.range(0, in.get(0).rank()).toArray();
                    order[0] = 1;
                    order[1] = 0;
                    return in.get(0).permute(order);
                })
                .differentiable((p, in) -> in.get(0).transpose(0, 1).contiguous())
                .build();
    }

    /** Parts of equal shape except along the axis (where a size may be 0). */
    static OpInfo<AxisParam> concat() {
        return OpInfo.<AxisParam>named("concat")
                .samples(c -> {
                    int[] s = c.shape(1, 4);
                    int axis = c.axis(s.length);
                    Input[] parts = new Input[c.nextInt(1, 3)];
                    for (int k = 0; k < parts.length; k++) {
                        int[] ps = s.clone();
                        ps[norm(axis, s.length)] = c.nextInt(0, c.size());
                        parts[k] = c.value("part" + k, ps, Domain.REAL);
                    }
                    return Sample.of(new AxisParam(axis), parts);
                })
                .op((p, in) -> Tensor.concat(p.axis(), in.values()))
                .reference((p, in) -> concatArrays(in.values(), norm(p.axis(), in.get(0).rank())))
                .differentiable((p, in) -> Variable.concat(p.axis(), in.values()))
                .build();
    }

    static NdArray concatArrays(List<NdArray> parts, int axis) {
        int[] shape = parts.get(0).shape();
        int[] offsets = new int[parts.size() + 1];
        for (int k = 0; k < parts.size(); k++) {
            offsets[k + 1] = offsets[k] + parts.get(k).dim(axis);
        }
        shape[axis] = offsets[parts.size()];
        return NdArray.build(shape, i -> {
            int k = 0;
            while (i[axis] >= offsets[k + 1]) {
                k++;
            }
            int[] src = i.clone();
            src[axis] -= offsets[k];
            return parts.get(k).get(src);
        });
    }

    static OpInfo<AxisParam> stack() {
        return OpInfo.<AxisParam>named("stack")
                .samples(c -> {
                    int[] s = c.shapeOrEmpty(0, 3);
                    Input[] parts = new Input[c.nextInt(1, 3)];
                    for (int k = 0; k < parts.length; k++) {
                        parts[k] = c.value("part" + k, s, Domain.REAL);
                    }
                    return Sample.of(new AxisParam(c.axis(s.length + 1)), parts);
                })
                .op((p, in) -> Tensor.stack(p.axis(), in.values()))
                .reference((p, in) -> {
                    int r = in.get(0).rank();
                    int a = norm(p.axis(), r + 1);
                    List<NdArray> lifted = new ArrayList<>();
                    for (NdArray part : in.values()) {
                        int[] s = part.shape();
                        int[] t = new int[r + 1];
                        for (int i = 0, k = 0; i <= r; i++) {
                            t[i] = i == a ? 1 : s[k++];
                        }
                        lifted.add(part.reshape(t));
                    }
                    return concatArrays(lifted, a);
                })
                .differentiable((p, in) -> Variable.stack(p.axis(), in.values()))
                .build();
    }

    static OpInfo<Split> split() {
        return OpInfo.<Split>named("split")
                .samples(c -> {
                    int[] s = c.shapeOrEmpty(1, 3);
                    int axis = c.axis(s.length);
                    int left = s[norm(axis, s.length)];
                    List<Integer> sizes = new ArrayList<>();
                    while (left > 0 || sizes.isEmpty()) {
                        int piece = c.nextInt(0, left);
                        sizes.add(piece);
                        left -= piece;
                    }
                    return Sample.of(new Split(axis, sizes.stream().mapToInt(Integer::intValue).toArray()), x(c, s));
                })
                .ops((p, in) -> in.get(0).split(p.axis(), p.sizes()))
                .references((p, in) -> pieces(in.get(0), norm(p.axis(), in.get(0).rank()), p.sizes()))
                .differentiableOutputs((p, in) -> in.get(0).split(p.axis(), p.sizes()))
                .build();
    }

    static List<NdArray> pieces(NdArray x, int axis, int[] sizes) {
        List<NdArray> out = new ArrayList<>();
        int start = 0;
        for (int size : sizes) {
            int[] shape = x.shape();
            shape[axis] = size;
            int from = start;
            out.add(NdArray.build(shape, i -> {
                int[] src = i.clone();
                src[axis] += from;
                return x.get(src);
            }));
            start += size;
        }
        return out;
    }

    /** Pieces of {@code ceil(n / chunks)} along the axis, the last one shorter (PyTorch's chunk). */
    static OpInfo<Chunk> chunk() {
        return OpInfo.<Chunk>named("chunk")
                .samples(c -> {
                    int[] s = c.shape(1, 3);
                    return Sample.of(new Chunk(c.axis(s.length), c.nextInt(1, 4)), x(c, s));
                })
                .ops((p, in) -> in.get(0).chunk(p.axis(), p.n()))
                .references((p, in) -> {
                    int a = norm(p.axis(), in.get(0).rank());
                    int n = in.get(0).dim(a);
                    int size = (n + p.n() - 1) / p.n();
                    List<Integer> sizes = new ArrayList<>();
                    for (int left = n; left > 0; left -= size) {
                        sizes.add(Math.min(size, left));
                    }
                    return pieces(in.get(0), a, sizes.stream().mapToInt(Integer::intValue).toArray());
                })
                .differentiableOutputs((p, in) -> in.get(0).chunk(p.axis(), p.n()))
                .build();
    }

    static OpInfo<Pad> pad() {
        return OpInfo.<Pad>named("pad")
                .samples(c -> {
                    int[] s = c.shapeOrEmpty(1, 4);
                    int[] before = new int[s.length], after = new int[s.length];
                    for (int a = 0; a < s.length; a++) {
                        before[a] = c.nextInt(0, 2);
                        after[a] = c.nextInt(0, 2);
                    }
                    return Sample.of(new Pad(before, after, c.pick(0.0, -1.5)), x(c, s));
                })
                .op((p, in) -> in.get(0).pad(p.before(), p.after(), p.value()))
                .reference((p, in) -> {
                    NdArray x = in.get(0);
                    int[] shape = x.shape();
                    for (int a = 0; a < shape.length; a++) {
                        shape[a] += p.before()[a] + p.after()[a];
                    }
                    return NdArray.build(shape, i -> {
                        int[] src = new int[i.length];
                        for (int a = 0; a < i.length; a++) {
                            src[a] = i[a] - p.before()[a];
                            if (src[a] < 0 || src[a] >= x.dim(a)) {
                                return p.value();
                            }
                        }
                        return x.get(src);
                    });
                })
                .differentiable((p, in) -> in.get(0).pad(p.before(), p.after(), p.value()))
                .build();
    }

    static OpInfo<Dims> flip() {
        return OpInfo.<Dims>named("flip")
                .samples(c -> {
                    int[] s = c.shapeOrEmpty(1, 4);
                    return Sample.of(new Dims(c.axes(s.length)), x(c, s));
                })
                .op((p, in) -> in.get(0).flip(p.dims()))
                .reference((p, in) -> {
                    NdArray x = in.get(0);
                    int[] axes = ReductionOps.normalise(p.dims(), x.rank());
                    return NdArray.build(x.shape(), i -> {
                        int[] src = i.clone();
                        for (int a : axes) {
                            src[a] = x.dim(a) - 1 - i[a];
                        }
                        return x.get(src);
                    });
                })
                .differentiable((p, in) -> in.get(0).flip(p.dims()))
                .build();
    }

    /** PyTorch's repeat: as many repeats as axes, or more (new leading axes). */
    static OpInfo<Dims> repeat() {
        return OpInfo.<Dims>named("repeat")
                .samples(c -> {
                    int[] s = c.shapeOrEmpty(0, 3);
                    int[] repeats = new int[s.length + c.nextInt(0, 1)];
                    for (int a = 0; a < repeats.length; a++) {
                        repeats[a] = c.nextInt(1, 3);
                    }
                    return Sample.of(new Dims(repeats), x(c, s));
                })
                .op((p, in) -> in.get(0).repeat(p.dims()))
                .reference((p, in) -> {
                    int[] r = p.dims();
                    int[] s = in.get(0).shape();
                    int[] lifted = new int[r.length];
                    Arrays.fill(lifted, 1);
                    System.arraycopy(s, 0, lifted, r.length - s.length, s.length);
                    NdArray x = in.get(0).reshape(lifted);
                    int[] shape = new int[r.length];
                    for (int a = 0; a < r.length; a++) {
                        shape[a] = lifted[a] * r[a];
                    }
                    return NdArray.build(shape, i -> {
                        int[] src = new int[i.length];
                        for (int a = 0; a < i.length; a++) {
                            src[a] = i[a] % lifted[a];
                        }
                        return x.get(src);
                    });
                })
                .differentiable((p, in) -> in.get(0).repeat(p.dims()))
                .build();
    }
}
