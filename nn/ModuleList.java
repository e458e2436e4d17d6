package nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * An ordered list of child modules named {@code 0, 1, 2, …} (PyTorch's {@code nn.ModuleList}), so
 * a stack of blocks gets the state-dict names {@code blocks.0.…}, {@code blocks.1.…}.
 */
public final class ModuleList<M extends Module> extends Module implements Iterable<M> {
    private final List<M> items = new ArrayList<>();

    public ModuleList() {
    }

    public ModuleList(List<? extends M> modules) {
        modules.forEach(this::add);
    }

    /** Appends a module under the next index and returns it. */
    public M add(M module) {
        child(Integer.toString(items.size()), module);
        items.add(module);
        return module;
    }

    public M get(int index) {
        return items.get(index);
    }

    public int size() {
        return items.size();
    }

    @Override
    public Iterator<M> iterator() {
        return Collections.unmodifiableList(items).iterator();
    }
}
