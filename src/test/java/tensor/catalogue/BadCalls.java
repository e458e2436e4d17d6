package tensor.catalogue;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import tensor.Attention;
import tensor.ConvSpec;
import tensor.DType;
import tensor.Generator;
import tensor.Shape;
import tensor.ShapeException;
import tensor.Tensor;
import tensor.cpu.CpuBackend;
import tensor.testing.NdArray;
import tensor.testing.TensorArrays;

/**
 * Calls every op can refuse: wrong shapes, bad axes, dtype mismatches. Each must throw a
 * {@link ShapeException} whose message starts with the op's name (case and underscores aside)
 * and mentions the shapes, the axis or the dtype at fault.
 */
public final class BadCalls {
    private BadCalls() {}

    /** A call that must fail, the op it must name, and what else the message must mention. */
    public record BadCall(String description, String op, Runnable call, List<String> mentions) {}

    private static Tensor t(DType dtype, int... shape) {
        return TensorArrays.toTensor(NdArray.zeros(shape), dtype, CpuBackend.instance());
    }

    private static Tensor f(int... shape) {
        return t(DType.F32, shape);
    }

    private static Tensor i(int... shape) {
        return t(DType.I32, shape);
    }

    private static BadCall bad(String description, String op, Runnable call, String... mentions) {
        return new BadCall(description, op, call, List.of(mentions));
    }

    public static List<BadCall> all() {
        return List.of(
                bad("add of shapes that do not broadcast", "add", () -> f(2, 3).add(f(4)), "[2, 3]", "[4]"),
                bad("mul of F32 and F64", "mul", () -> f(2).mul(t(DType.F64, 2)), "F32", "F64"),
                bad("lt of shapes that do not broadcast", "lt", () -> f(3, 2).lt(f(3)), "[3, 2]", "[3]"),
                bad("log of I32", "log", () -> i(2).log(), "I32"),
                bad("where with an F32 condition", "where", () -> Tensor.where(f(2), f(2), f(2)), "F32"),
                bad("where of shapes that do not broadcast", "where", () -> Tensor.where(i(2), f(3), f(2)), "[3]", "[2]"),
                bad("sum over an axis past the rank", "sum", () -> f(2, 3).sum(2), "axis 2", "[2, 3]"),
                bad("mean over a repeated axis", "mean", () -> f(2, 3).mean(1, -1), "[2, 3]"),
                bad("var over an axis past the rank", "var", () -> f(2).var(1), "axis 1", "[2]"),
                bad("max over an axis below −rank", "max", () -> f(2, 3).max(-3), "axis -3", "[2, 3]"),
                bad("argmax over an axis past the rank", "argmax", () -> f(4).argmax(1), "axis 1", "[4]"),
                bad("argmax over an empty axis", "argmax", () -> f(0, 3).argmax(0), "axis 0", "[0, 3]"),
                bad("logsumexp over an axis past the rank", "logsumexp", () -> f(2).logsumexp(3), "axis 3"),
                bad("softmax over an axis past the rank", "softmax", () -> f(2, 2).softmax(2), "axis 2", "[2, 2]"),
                bad("logSoftmax over an axis past the rank", "logSoftmax", () -> f(2).logSoftmax(-2), "axis -2"),
                bad("cumsum over an axis past the rank", "cumsum", () -> f(2, 2).cumsum(5), "axis 5"),
                bad("reshape to another element count", "reshape", () -> f(2, 3).reshape(4, 2), "[2, 3]", "[4, 2]"),
                bad("reshape with two −1", "reshape", () -> f(2, 3).reshape(-1, -1), "[2, 3]"),
                bad("squeeze of an axis of size 3", "squeeze", () -> f(2, 3).squeeze(1), "axis 1", "[2, 3]"),
                bad("unsqueeze past rank + 1", "unsqueeze", () -> f(2).unsqueeze(3), "axis 3", "[2]"),
                bad("permute with too few axes", "permute", () -> f(2, 3, 4).permute(0, 1), "[2, 3, 4]"),
                bad("permute with a repeated axis", "permute", () -> f(2, 3).permute(0, 0), "[2, 3]"),
                bad("transpose of an axis past the rank", "transpose", () -> f(2, 3).transpose(0, 2), "axis 2", "[2, 3]"),
                bad("slice with step 0", "slice", () -> f(4).slice(0, 0, 4, 0), "step"),
                bad("slice of an axis past the rank", "slice", () -> f(4).slice(1, 0, 1), "axis 1", "[4]"),
                bad("expand of a size-3 axis to 4", "expand", () -> f(3).expand(4), "[3]", "[4]"),
                bad("expand to a lower rank", "expand", () -> f(2, 3).expand(3), "[2, 3]", "[3]"),
                bad("concat of parts that differ off the axis", "concat", () -> Tensor.concat(0, f(2, 3), f(2, 4)), "[2, 3]", "[2, 4]"),
                bad("concat along an axis past the rank", "concat", () -> Tensor.concat(2, f(2, 3), f(2, 3)), "axis 2"),
                bad("stack of different shapes", "stack", () -> Tensor.stack(0, f(2), f(3)), "[2]", "[3]"),
                bad("split into sizes that do not add up", "split", () -> f(5, 2).split(0, 2, 2), "[5, 2]", "axis 0"),
                bad("chunk into 0 pieces", "chunk", () -> f(4).chunk(0, 0), "[4]"),
                bad("pad with fewer widths than axes", "pad", () -> f(2, 3).pad(new int[] {1}, new int[] {1}, 0), "[2, 3]"),
                bad("flip of a repeated axis", "flip", () -> f(2, 3).flip(1, 1), "[2, 3]"),
                bad("repeat with fewer repeats than axes", "repeat", () -> f(2, 3).repeat(2), "[2, 3]"),
                bad("gather with an index of another rank", "gather", () -> f(2, 3).gather(1, i(2)), "[2, 3]", "[2]"),
                bad("gather with an F32 index", "gather", () -> f(2, 3).gather(1, f(2, 1)), "F32"),
                bad("gather along an axis past the rank", "gather", () -> f(2, 3).gather(2, i(2, 3)), "axis 2"),
                bad("indexSelect with a 2-D index", "indexSelect", () -> f(4, 3).indexSelect(0, i(2, 2)), "[2, 2]"),
                bad("scatterAdd with src and index of different shapes", "scatterAdd",
                        () -> f(4, 3).scatterAdd(0, i(2, 3), f(2, 2)), "[2, 3]", "[2, 2]"),
                bad("oneHot of F32 ids", "oneHot", () -> f(3).oneHot(4, DType.F32), "F32"),
                bad("embedding with a 1-D weight", "embedding", () -> Tensor.embedding(f(5), i(2)), "[5]"),
                bad("embedding with F32 ids", "embedding", () -> Tensor.embedding(f(5, 2), f(2)), "F32"),
                bad("topk with k past the axis length", "topk", () -> f(2, 3).topk(4, 1, true), "axis 1", "[2, 3]"),
                bad("matmul with inner sizes 3 and 4", "matmul", () -> f(2, 3).matmul(f(4, 5)), "[2, 3]", "[4, 5]"),
                bad("matmul with batches 2 and 3", "matmul", () -> f(2, 1, 3).matmul(f(3, 3, 1)), "[2, 1, 3]", "[3, 3, 1]"),
                bad("matmul of a scalar", "matmul", () -> f().matmul(f(2)), "[]"),
                bad("matmul of F32 and F64", "matmul", () -> f(2, 2).matmul(t(DType.F64, 2, 2)), "F32", "F64"),
                bad("attention over keys of another batch", "attention",
                        () -> Attention.forward(f(2, 3, 4), f(3, 5, 4), f(3, 5, 4), 1, false), "[2, 3, 4]", "[3, 5, 4]"),
                bad("attention with queries and keys of 4 and 6 features", "attention",
                        () -> Attention.forward(f(3, 4), f(5, 6), f(5, 2), 1, true), "[3, 4]", "[5, 6]"),
                bad("attention with 5 keys and 6 values", "attention",
                        () -> Attention.forward(f(3, 4), f(5, 4), f(6, 2), 1, true), "[5, 4]", "[6, 2]"),
                bad("attention of a vector", "attention", () -> Attention.forward(f(4), f(5, 4), f(5, 2), 1, false), "[4]"),
                bad("conv3d with 3 input channels and weights for 2", "conv3d",
                        () -> Tensor.conv3d(f(1, 3, 4, 4, 4), f(2, 2, 1, 1, 1), null, ConvSpec.defaults()),
                        "[1, 3, 4, 4, 4]", "[2, 2, 1, 1, 1]"),
                bad("conv3d of a rank-4 input", "conv3d",
                        () -> Tensor.conv3d(f(1, 3, 4, 4), f(2, 3, 1, 1, 1), null, ConvSpec.defaults()), "[1, 3, 4, 4]"),
                bad("conv3d with a bias of the wrong length", "conv3d",
                        () -> Tensor.conv3d(f(1, 2, 3, 3, 3), f(4, 2, 1, 1, 1), f(3), ConvSpec.defaults()), "[3]"),
                bad("conv3d with channels that do not divide by groups", "conv3d",
                        () -> Tensor.conv3d(f(1, 3, 2, 2, 2), f(3, 1, 1, 1, 1), null, ConvSpec.symmetric(1, 0, 1, 2)), "[1, 3, 2, 2, 2]"),
                bad("conv2d of a rank-5 input", "conv2d",
                        () -> Tensor.conv2d(f(1, 2, 1, 3, 3), f(2, 2, 1, 1), null, 1, 0, 1, 1), "[1, 2, 1, 3, 3]"),
                bad("conv3dInputGrad with a gradient of the wrong shape", "conv3d",
                        () -> Tensor.conv3dInputGrad(f(1, 2, 2, 2, 2), f(2, 1, 1, 1, 1), Shape.of(1, 1, 3, 3, 3), ConvSpec.defaults()),
                        "[1, 2, 2, 2, 2]"),
                bad("conv3dWeightGrad with a gradient of the wrong shape", "conv3d",
                        () -> Tensor.conv3dWeightGrad(f(1, 1, 3, 3, 3), f(1, 2, 2, 2, 2), Shape.of(2, 1, 1, 1, 1), ConvSpec.defaults()),
                        "[1, 2, 2, 2, 2]"),
                bad("full with a negative size", "full", () -> Tensor.full(1, DType.F32, 2, -1), "[2, -1]"),
                bad("zeros with a negative size", "zeros", () -> Tensor.zeros(-3), "[-3]"),
                bad("randn with a negative size", "randn", () -> Tensor.randn(new Generator(1), DType.F32, 4, -2), "[4, -2]"),
                bad("of with too few values for the shape", "of", () -> Tensor.of(new float[3], 2, 2), "[2, 2]", "3"),
                bad("eye of a negative size", "eye", () -> Tensor.eye(-1), "-1"),
                bad("clamp with lo above hi", "clamp", () -> f(2).clamp(1, 0), "[2]"),
                bad("pad with a negative width", "pad", () -> f(2).pad(new int[] {-1}, new int[] {0}, 0), "axis 0", "[2]"),
                bad("topk along an axis past the rank", "topk", () -> f(3).topk(1, 2, true), "axis 2", "[3]"),
                bad("indexSelect with an F32 index", "indexSelect", () -> f(3).indexSelect(0, f(2)), "F32"),
                bad("add of I32 and F32", "add", () -> i(3).add(f(3)), "I32", "F32"),
                bad("stack of no tensors", "stack", () -> Tensor.stack(0)),
                bad("split with a negative size", "split", () -> f(4).split(0, 5, -1), "axis 0", "[4]"),
                bad("arange with step 0", "arange", () -> Tensor.arange(0, 1, 0, DType.F32), "step"),
                bad("item of two elements", "item", () -> f(2).item(), "[2]"));
    }

    /** One dynamic test per bad call. */
    public static Stream<DynamicNode> tests() {
        return all().stream().map(b -> DynamicTest.dynamicTest(b.op() + ": " + b.description(), () -> check(b)));
    }

    static void check(BadCall b) {
        RuntimeException e = assertThrows(RuntimeException.class, b.call::run, b.description());
        if (!(e instanceof ShapeException)) {
            throw new AssertionError(b.description() + ": expected a ShapeException, got " + e, e);
        }
        String message = e.getMessage();
        String normalised = message.toLowerCase(Locale.ROOT).replace("_", "");
        assertTrue(normalised.startsWith(b.op().toLowerCase(Locale.ROOT)),
                () -> "the message should start with the op name '" + b.op() + "': " + message);
        for (String m : b.mentions()) {
            assertTrue(message.contains(m), () -> "the message should mention " + m + ": " + message);
        }
    }

}
