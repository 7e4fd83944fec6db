package dev.irbis.engine.passes;

import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ir.ValueInfo;
import java.util.HashSet;
import java.util.Set;

/** Hands out value names that do not clash with any name already in a graph. */
final class UniqueNames {
    private final Set<String> taken = new HashSet<>();

    UniqueNames(Graph g) {
        g.inputs().stream().map(ValueInfo::name).forEach(taken::add);
        g.outputs().stream().map(ValueInfo::name).forEach(taken::add);
        taken.addAll(g.initializers().keySet());
        for (Node n : g.nodes()) {
            taken.addAll(n.inputs());
            taken.addAll(n.outputs());
        }
    }

    String fresh(String base) {
        String name = base;
        for (int i = 1; !taken.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }
}
