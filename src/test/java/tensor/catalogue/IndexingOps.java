package tensor.catalogue;

import static tensor.testing.OpInfo.NoParams.NONE;

import autograd.Variable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import tensor.Tensor;
import tensor.TopK;
import tensor.testing.Domain;
import tensor.testing.Kinks;
import tensor.testing.NdArray;
import tensor.testing.OpInfo;
import tensor.testing.OpInfo.NoParams;
import tensor.testing.Sample;

/** Gather, index-select, scatter-add, one-hot, embedding and top-k, with valid random indices. */
public final class IndexingOps {
    private IndexingOps() {}

    public record AxisParam(int axis) {}

    public record Classes(int classes) {}

    public record TopKParams(int k, int axis, boolean largest) {}

    public static List<OpInfo<?>> all() {
        return List.of(gather(), indexSelect(), scatterAdd(), oneHot(), embedding(), topk());
    }

    private static int norm(int axis, int rank) {
        return axis < 0 ? axis + rank : axis;
    }

    /** {@code out[i] = x[i with i_axis replaced by index[i]]}; the index may be longer or shorter along the axis. */
    static OpInfo<AxisParam> gather() {
        return OpInfo.<AxisParam>named("gather")
                .samples(c -> {
                    int[] s = c.shape(1, 4);
                    int axis = c.axis(s.length);
                    int[] is = s.clone();
                    is[norm(axis, s.length)] = c.nextInt(0, c.size());
                    return Sample.of(new AxisParam(axis), c.value("x", s, Domain.REAL),
                            c.ints("index", is, 0, s[norm(axis, s.length)] - 1));
                })
                .op((p, in) -> in.get(0).gather(p.axis(), in.get(1)))
                .reference((p, in) -> {
                    NdArray x = in.get(0), index = in.get(1);
                    int a = norm(p.axis(), x.rank());
                    return NdArray.build(index.shape(), i -> {
                        int[] src = i.clone();
                        src[a] = (int) index.get(i);
                        return x.get(src);
                    });
                })
                .differentiable((p, in) -> in.get(0).gather(p.axis(), in.get(1).value()))
                .build();
    }

    static OpInfo<AxisParam> indexSelect() {
        return OpInfo.<AxisParam>named("indexSelect")
                .samples(c -> {
                    int[] s = c.shape(1, 4);
                    int axis = c.axis(s.length);
                    return Sample.of(new AxisParam(axis), c.value("x", s, Domain.REAL),
                            c.ints("index", new int[] {c.nextInt(0, c.size())}, 0, s[norm(axis, s.length)] - 1));
                })
                .op((p, in) -> in.get(0).indexSelect(p.axis(), in.get(1)))
                .reference((p, in) -> {
                    NdArray x = in.get(0), index = in.get(1);
                    int a = norm(p.axis(), x.rank());
                    int[] shape = x.shape();
                    shape[a] = index.numel();
                    return NdArray.build(shape, i -> {
                        int[] src = i.clone();
                        src[a] = (int) index.data()[i[a]];
                        return x.get(src);
                    });
                })
                .differentiable((p, in) -> in.get(0).indexSelect(p.axis(), in.get(1).value()))
                .build();
    }

    /** {@code target + Σ src} accumulated at the indices; repeated indices must add up. */
    static OpInfo<AxisParam> scatterAdd() {
        return OpInfo.<AxisParam>named("scatterAdd")
                .samples(c -> {
                    int[] s = c.shape(1, 4);
                    int axis = c.axis(s.length);
                    int[] ss = s.clone();
                    ss[norm(axis, s.length)] = c.nextInt(0, c.size());
                    return Sample.of(new AxisParam(axis), c.value("target", s, Domain.REAL),
                            c.ints("index", ss, 0, s[norm(axis, s.length)] - 1), c.value("src", ss, Domain.REAL));
                })
                .op((p, in) -> in.get(0).scatterAdd(p.axis(), in.get(1), in.get(2)))
                .reference((p, in) -> {
                    NdArray target = in.get(0), index = in.get(1), src = in.get(2);
                    int a = norm(p.axis(), target.rank());
                    NdArray out = new NdArray(target.shape(), target.data().clone());
                    for (int f = 0; f < src.numel(); f++) {
                        int[] i = src.unflat(f);
                        int[] dst = i.clone();
                        dst[a] = (int) index.get(i);
                        out.set(out.get(dst) + src.get(i), dst);
                    }
                    return out;
                })
                .reductionLength(s -> 1 + s.inputs().get(2).values().numel())
                .differentiable((p, in) -> in.get(0).scatterAdd(p.axis(), in.get(1).value(), in.get(2)))
                .build();
    }

    static OpInfo<Classes> oneHot() {
        return OpInfo.<Classes>named("oneHot")
                .samples(c -> {
                    int classes = c.nextInt(1, c.size() + 1);
                    return Sample.of(new Classes(classes), c.ints("ids", c.shapeOrEmpty(0, 3), 0, classes - 1));
                })
                .op((p, in) -> in.get(0).oneHot(p.classes(), in.dtype()))
                .reference((p, in) -> {
                    NdArray ids = in.get(0);
                    int[] shape = Arrays.copyOf(ids.shape(), ids.rank() + 1);
                    shape[ids.rank()] = p.classes();
                    return NdArray.build(shape, i -> ids.get(Arrays.copyOf(i, ids.rank())) == i[ids.rank()] ? 1 : 0);
                })
                .build();
    }

    static OpInfo<NoParams> embedding() {
        return OpInfo.<NoParams>named("embedding")
                .samples(c -> {
                    int vocab = c.dim();
                    return Sample.of(NONE, c.value("weight", new int[] {vocab, c.dim()}, Domain.REAL),
                            c.ints("ids", c.shapeOrEmpty(0, 3), 0, vocab - 1));
                })
                .op((p, in) -> Tensor.embedding(in.get(0), in.get(1)))
                .reference((p, in) -> {
                    NdArray w = in.get(0), ids = in.get(1);
                    int[] shape = Arrays.copyOf(ids.shape(), ids.rank() + 1);
                    shape[ids.rank()] = w.dim(1);
                    return NdArray.build(shape, i -> w.get((int) ids.get(Arrays.copyOf(i, ids.rank())), i[ids.rank()]));
                })
                .differentiable((p, in) -> Variable.embedding(in.get(0), in.get(1).value()))
                .build();
    }

    /** Sorted values and their indices; ties go to the lower index (small integers make ties common). */
    static OpInfo<TopKParams> topk() {
        return OpInfo.<TopKParams>named("topk")
                .samples(c -> {
                    int[] s = c.shape(1, 4);
                    int axis = c.axis(s.length);
                    return Sample.of(new TopKParams(c.nextInt(1, s[norm(axis, s.length)]), axis, c.nextBoolean()),
                            c.value("x", s, c.pick(Domain.SMALL_INTEGER, Domain.REAL)));
                })
                .ops((p, in) -> {
                    TopK r = in.get(0).topk(p.k(), p.axis(), p.largest());
                    return List.of(r.values(), r.indices());
                })
                .references((p, in) -> {
                    int a = norm(p.axis(), in.get(0).rank());
                    NdArray order = in.get(0).alongAxis(a, lane -> {
                        Comparator<Integer> byValue = Comparator.comparingDouble(i -> lane[i]);
                        return IntStream.range(0, lane.length).boxed()
                                .sorted(p.largest() ? byValue.reversed().thenComparing(i -> i) : byValue.thenComparing(i -> i))
                                .limit(p.k()).mapToDouble(i -> i).toArray();
                    });
                    NdArray x = in.get(0);
                    NdArray values = NdArray.build(order.shape(), i -> {
                        int[] src = i.clone();
                        src[a] = (int) order.get(i);
                        return x.get(src);
                    });
                    return List.of(values, order);
                })
                .differentiable((p, in) -> in.get(0).topk(p.k(), p.axis(), p.largest()).values())
                .awayFromKinks(Kinks::distinct)
                .build();
    }
}
