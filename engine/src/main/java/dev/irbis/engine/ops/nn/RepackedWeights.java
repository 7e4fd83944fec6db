package dev.irbis.engine.ops.nn;

import dev.irbis.engine.tensor.Tensor;
import java.util.function.Supplier;

/**
 * One node's weights repacked for a kernel (Winograd-transformed, or blocked for {@code FewChannelConv}), built on
 * first use and kept
 * while the same W tensor arrives: weights are initializers, so they do on every run. A second distinct W means
 * W is computed in the graph, where repacking would be paid on every run; {@link #varies} then tells the node
 * to use a kernel that reads W as it is. Safe for concurrent runs (two may pack at once; both results are equal).
 */
final class RepackedWeights<T> {
    private record Entry<T>(Tensor source, T packed) {
    }

    private volatile Entry<T> entry;
    private volatile boolean varies;

    T get(Tensor w, Supplier<T> pack) {
        Entry<T> cached = entry;
        if (cached != null && cached.source() == w) {
            return cached.packed();
        }
        if (cached != null) {
            varies = true;
        }
        T packed = pack.get();
        entry = new Entry<>(w, packed);
        return packed;
    }

    boolean varies() {
        return varies;
    }
}
