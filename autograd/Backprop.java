package autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tensor.MemoryScope;
import tensor.Tensor;

/**
 * The reverse sweep. Visit the graph's variables in reverse topological order; each one's
 * gradient is complete when it is visited, so its node turns it into gradients for its inputs,
 * which are added to theirs. Leaves accumulate into {@link Variable#grad()}.
 *
 * <p>Memory: everything the sweep makes lives in a scope of its own. A pending gradient is
 * closed as soon as it has been used (a count of holders handles a tensor passed to several
 * inputs), and each rule runs in a nested scope so its temporaries go when it returns.
 */
final class Backprop {
    private final Set<Tensor> made = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Variable, Tensor> pending = new IdentityHashMap<>();
    private final Map<Tensor, Integer> holders = new IdentityHashMap<>();

    static void run(Variable root, Tensor seed, boolean retainGraph) {
        try (MemoryScope scope = MemoryScope.open(); Grad.Mode off = Grad.noGrad()) {
            Backprop sweep = new Backprop();
            sweep.add(root, seed);
            for (Variable v : reverseTopologicalOrder(root)) {
                Tensor g = sweep.pending.remove(v);
                if (g == null) {
                    continue;
                }
                if (v.node() == null) {
                    v.accumulate(g);
                } else {
                    sweep.propagate(v.node(), g);
                    if (!retainGraph) {
                        v.node().release();
                    }
                }
                sweep.drop(g);
            }
        }
    }

    private void propagate(Node node, Tensor g) {
        Tensor[] grads;
        try (MemoryScope rule = MemoryScope.open()) {
            grads = node.backward(g);
            for (Tensor t : grads) {
                if (t != null && rule.owns(t)) {
                    made.add(rule.keep(t));
                }
            }
        }
        for (int i = 0; i < grads.length; i++) {
            if (grads[i] != null) {
                Variable input = node.inputs[i];
                if (!grads[i].shape().equals(input.value().shape())) {
                    throw new IllegalStateException("backward of " + node.describe() + " gave a gradient of shape "
                            + grads[i].shape() + " for input " + i + " of shape " + input.value().shape());
                }
                Anomaly.checkBackward(node, i, grads[i]);
                add(input, grads[i]);
            }
        }
    }

    /** Adds {@code g} to the pending gradient of {@code v}. */
    private void add(Variable v, Tensor g) {
        hold(g);
        Tensor previous = pending.get(v);
        if (previous == null) {
            pending.put(v, g);
        } else {
            Tensor sum = previous.add(g);
            made.add(sum);
            hold(sum);
            pending.put(v, sum);
            drop(previous);
            drop(g);
        }
    }

    private void hold(Tensor t) {
        holders.merge(t, 1, Integer::sum);
    }

    /** Lets go of one holder of {@code t}; closes it with the last one if the sweep made it. */
    private void drop(Tensor t) {
        int left = holders.merge(t, -1, Integer::sum);
        if (left == 0) {
            holders.remove(t);
            if (made.remove(t)) {
                t.close();
            }
        }
    }

    /** Variables that need a gradient, each after every variable computed from it. Iterative (graphs get deep). */
    private static List<Variable> reverseTopologicalOrder(Variable root) {
        List<Variable> postOrder = new ArrayList<>();
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> stack = new ArrayDeque<>();   // {variable, next input index}
        stack.push(new Object[] {root, 0});
        seen.add(root);
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            Variable v = (Variable) top[0];
            int next = (Integer) top[1];
            Node node = v.node();
            if (node != null && next < node.inputs.length) {
                top[1] = next + 1;
                Variable input = node.inputs[next];
                if (input.requiresGrad() && seen.add(input)) {
                    stack.push(new Object[] {input, 0});
                }
            } else {
                stack.pop();
                postOrder.add(v);
            }
        }
        Collections.reverse(postOrder);
        return postOrder;
    }
}
