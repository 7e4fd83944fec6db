package dev.irbis.loader;

import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;

/**
 * A model file read into a graph, not yet compiled: for inspection ({@code irbis info}) or to hand to
 * {@link dev.irbis.engine.api.Model}. Holds the weights' memory until closed or handed over.
 */
public record LoadedGraph(Path file, Graph graph, long irVersion, String producer, List<AutoCloseable> resources)
        implements AutoCloseable {
    @Override
    public void close() {
        graph.initializers().values().forEach(Tensor::close);
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception ignored) {
                // Best effort: one failed unmap must not keep the others mapped.
            }
        }
    }
}
