package train.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The workloads {@code zoetrope bench} knows, in the order it runs them. */
public final class Workloads {

    /** Every registered workload. Adding one is one line here. */
    public static final List<Workload> ALL = List.of(
            new Matmul(256),
            new Matmul(512),
            new Matmul(1024),
            Add.large(),
            AdamWStep.large(),
            new DispatchTinyAdd(),
            new Softmax(4096, 1024),
            new LayerNorm(4096, 1024),
            new CausalAttention(8, 4, 512, 64),
            new CausalAttention(8, 4, 576, 16),
            new Conv3dFwdBwd(4, 32, 8, 32, 3),
            LlamaTrainStep.issueSize(),
            LlamaTrainStep.vidIclMagvitSize(),
            new LfqTokenizerTrainStep());

    private Workloads() {}

    /**
     * The workloads of {@code registry} with the given names, in the order named; all of them when
     * {@code names} is empty.
     *
     * @throws IllegalArgumentException naming the unknown workloads and listing the valid names
     */
    public static List<Workload> select(List<Workload> registry, List<String> names) {
        if (names.isEmpty()) {
            return registry;
        }
        Map<String, Workload> byName = new LinkedHashMap<>();
        registry.forEach(w -> byName.put(w.name(), w));
        List<String> unknown = names.stream().filter(n -> !byName.containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown workload" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + ": valid names are " + String.join(", ", byName.keySet()));
        }
        List<Workload> chosen = new ArrayList<>();
        names.stream().distinct().forEach(n -> chosen.add(byName.get(n)));
        return chosen;
    }
}
