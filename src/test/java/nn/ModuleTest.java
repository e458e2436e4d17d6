package nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.Variable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tensor.DType;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;

class ModuleTest {
    /** A small tree: {@code proj} (Linear), {@code blocks.0/1} (each a Linear and a buffer), {@code scale}. */
    static final class Block extends Module {
        final Linear fc;
        final Buffer running;

        Block(int dim, Generator init) {
            fc = child("fc", new Linear(dim, dim, init));
            running = buffer("running_mean", Tensor.zeros(dim));
        }
    }

    static final class Net extends Module {
        final Parameter scale;
        final Linear proj;
        final ModuleList<Block> blocks;

        Net(Generator init) {
            scale = param("scale", Tensor.ones(3));
            proj = child("proj", new Linear(4, 3, false, init));
            blocks = child("blocks", new ModuleList<>());
            blocks.add(new Block(3, init));
            blocks.add(new Block(3, init));
        }
    }

    private static Map<String, List<Integer>> shapes(Map<String, Tensor> state) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(k, java.util.Arrays.stream(v.shape().dims()).boxed().toList()));
        return out;
    }

    @Test
    void stateDictNamesAndOrderFollowPyTorch() {
        try (Net net = new Net(new Generator(1))) {
            // torch: own params, own buffers, then children in registration order
            Map<String, List<Integer>> expected = new LinkedHashMap<>();
            expected.put("scale", List.of(3));
            expected.put("proj.weight", List.of(3, 4));
            expected.put("blocks.0.running_mean", List.of(3));
            expected.put("blocks.0.fc.weight", List.of(3, 3));
            expected.put("blocks.0.fc.bias", List.of(3));
            expected.put("blocks.1.running_mean", List.of(3));
            expected.put("blocks.1.fc.weight", List.of(3, 3));
            expected.put("blocks.1.fc.bias", List.of(3));
            assertEquals(expected, shapes(net.stateDict()));
            assertEquals(List.of("scale", "proj.weight", "blocks.0.fc.weight", "blocks.0.fc.bias",
                    "blocks.1.fc.weight", "blocks.1.fc.bias"), List.copyOf(net.namedParameters().keySet()));
            assertEquals(3 + 12 + 2 * 12, net.numParameters());
            assertEquals(List.of("", "proj", "blocks", "blocks.0", "blocks.0.fc", "blocks.1", "blocks.1.fc"),
                    List.copyOf(net.namedModules().keySet()));
        }
    }

    @Test
    void trainAndEvalReachEveryDescendant() {
        try (Net net = new Net(new Generator(1))) {
            assertTrue(net.blocks.get(1).fc.isTraining());
            net.eval();
            assertTrue(net.namedModules().values().stream().noneMatch(Module::isTraining));
            net.train();
            assertTrue(net.namedModules().values().stream().allMatch(Module::isTraining));
        }
    }

    @Test
    void sameSeedSameParameters() {
        try (Net a = new Net(new Generator(7)); Net b = new Net(new Generator(7)); Net c = new Net(new Generator(8))) {
            assertArrayEquals(a.blocks.get(1).fc.weight.value().toFloatArray(), b.blocks.get(1).fc.weight.value().toFloatArray());
            assertFalse(java.util.Arrays.equals(a.proj.weight.value().toFloatArray(), c.proj.weight.value().toFloatArray()));
        }
    }

    @Test
    void registrationRejectsDotsAndDuplicates() {
        class Bad extends Module {
            Bad(String first, String second) {
                param(first, Tensor.ones(1));
                buffer(second, Tensor.ones(1));
            }
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Bad("a.b", "c")).getMessage().contains("a.b"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Bad("w", "w")).getMessage().contains("already"));
    }

    @Test
    void parametersLiveOutsideScopesAndGradientsAccumulateUntilZeroGrad() {
        try (Net net = new Net(new Generator(2))) {
            for (int step = 0; step < 2; step++) {
                try (MemoryScope scope = MemoryScope.open()) {
                    Variable x = Variable.constant(Tensor.ones(2, 4));
                    net.proj.forward(x).sum().backward();
                }
            }
            assertFalse(net.proj.weight.value().isClosed());
            assertArrayEquals(new float[] {4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4}, net.proj.weight.grad().toFloatArray());
            net.zeroGrad();
            assertNull(net.proj.weight.grad());
        }
    }

    @Test
    void parameterMadeInsideAScopeSurvivesIt() {
        Parameter p;
        try (MemoryScope scope = MemoryScope.open()) {
            p = Parameter.of(Tensor.ones(2));
        }
        assertArrayEquals(new float[] {1, 1}, p.value().toFloatArray());
        p.close();
    }

    @Test
    void loadStateDictRoundTripsAndReportsEveryProblemAtOnce() {
        try (Net source = new Net(new Generator(3)); Net target = new Net(new Generator(4))) {
            target.loadStateDict(source.stateDict(), true);
            source.stateDict().forEach((k, v) ->
                    assertArrayEquals(v.toFloatArray(), target.stateDict().get(k).toFloatArray(), k));

            float[] before = target.proj.weight.value().toFloatArray();
            Map<String, Tensor> bad = new LinkedHashMap<>(source.stateDict());
            bad.remove("blocks.1.fc.bias");
            bad.put("blocks.0.fc.weight", Tensor.zeros(3, 2));
            bad.put("extra.weight", Tensor.zeros(1));
            bad.put("proj.weight", Tensor.zeros(3, 4)); // valid, but must not be applied
            StateDictMismatchException e = assertThrows(StateDictMismatchException.class,
                    () -> target.loadStateDict(bad, true));
            assertTrue(e.getMessage().contains("blocks.1.fc.bias"), e.getMessage());
            assertTrue(e.getMessage().contains("blocks.0.fc.weight: the module has [3, 3], the state dict [3, 2]"), e.getMessage());
            assertTrue(e.getMessage().contains("extra.weight"), e.getMessage());
            assertEquals(3, e.missing().size() + e.unexpected().size() + e.mismatched().size());
            assertArrayEquals(before, target.proj.weight.value().toFloatArray());
        }
    }

    @Test
    void nonStrictLoadReportsWhatItSkippedButStillRejectsWrongShapes() {
        try (Net net = new Net(new Generator(5))) {
            Module.LoadResult r = net.loadStateDict(Map.of("scale", Tensor.full(2, DType.F32, 3), "other", Tensor.ones(1)), false);
            assertArrayEquals(new float[] {2, 2, 2}, net.scale.value().toFloatArray());
            assertEquals(List.of("other"), r.unexpectedKeys());
            assertEquals(7, r.missingKeys().size());
            assertThrows(StateDictMismatchException.class, () -> net.loadStateDict(Map.of("scale", Tensor.ones(4)), false));
        }
    }

    @Test
    void toDTypeCastsParametersAndFloatingBuffersKeepingHolders() {
        try (Net net = new Net(new Generator(6))) {
            Parameter w = net.proj.weight;
            float[] values = w.value().toFloatArray();
            net.to(DType.F64);
            assertSame(w, net.proj.weight);
            assertEquals(DType.F64, w.dtype());
            assertEquals(DType.F64, net.blocks.get(0).running.dtype());
            double[] widened = w.value().toDoubleArray();
            for (int i = 0; i < values.length; i++) {
                assertEquals(values[i], widened[i], 0);
            }
        }
    }

    @Test
    void sharedParameterIsListedOnce() {
        class Tied extends Module {
            Tied() {
                Linear a = child("a", new Linear(2, 2, new Generator(1)));
                Module b = child("b", new Module() {
                    {
                        param("weight", a.weight);
                    }
                });
                assertNotNull(b);
            }
        }
        try (Tied t = new Tied()) {
            assertEquals(List.of("a.weight", "a.bias"), List.copyOf(t.namedParameters().keySet()));
            assertEquals(List.of("a.weight", "a.bias", "b.weight"), List.copyOf(t.stateDict().keySet()));
        }
    }

    @Test
    void saveAndLoadRoundTripBitForBit(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("net.safetensors");
        try (Net source = new Net(new Generator(9)); Net target = new Net(new Generator(10))) {
            source.blocks.get(1).running.set(Tensor.of(new float[] {Float.NaN, -0f, 3}, 3));
            source.save(file, Map.of("step", "5"));
            assertEquals(Map.of("step", "5"), target.load(file));
            source.stateDict().forEach((k, v) -> {
                float[] want = v.toFloatArray();
                float[] got = target.stateDict().get(k).toFloatArray();
                for (int i = 0; i < want.length; i++) {
                    assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]), k + "[" + i + "]");
                }
            });
        }
    }

    @Test
    void loadingAWrongShapeNamesTheParameterAndChangesNothing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("other.safetensors");
        class Wider extends Module {
            Wider() {
                child("proj", new Linear(5, 3, false, new Generator(1)));
            }
        }
        try (Wider wider = new Wider(); Net net = new Net(new Generator(11))) {
            wider.save(file);
            float[] before = net.proj.weight.value().toFloatArray();
            StateDictMismatchException e = assertThrows(StateDictMismatchException.class, () -> net.load(file));
            assertTrue(e.getMessage().contains("proj.weight: the module has [3, 4], the state dict [3, 5]"), e.getMessage());
            assertTrue(e.getMessage().contains("missing [scale [3]"), e.getMessage());
            assertArrayEquals(before, net.proj.weight.value().toFloatArray());
        }
    }

    @Test
    void loadingWritesInPlaceSoOptimizersKeepTheirVariables() {
        try (Net source = new Net(new Generator(12)); Net target = new Net(new Generator(13))) {
            Variable held = target.proj.weight.variable();
            Tensor heldValue = held.value();
            target.loadStateDict(source.stateDict(), true);
            assertSame(held, target.proj.weight.variable());
            assertSame(heldValue, target.proj.weight.value());
            assertArrayEquals(source.proj.weight.value().toFloatArray(), heldValue.toFloatArray());
        }
    }
}
