package dev.irbis.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irbis.engine.ResourceLimitException;
import dev.irbis.engine.api.Model;
import dev.irbis.engine.ir.Attributes;
import dev.irbis.engine.ir.Dim;
import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ir.ValueInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void reshapedViewsShareTheMemoryAndFreeItWhenTheLastHolderCloses() {
        java.util.concurrent.atomic.AtomicInteger released = new java.util.concurrent.atomic.AtomicInteger();
        java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofShared();
        Tensor t = Tensor.lent(DataType.FLOAT, new long[] {2, 3}, arena.allocate(24), seg -> released.incrementAndGet());
        t.setFloat(5, 42f);
        Tensor flat = t.reshaped(6);
        Tensor cube = flat.reshaped(1, 6, 1);
        assertEquals(42f, cube.getFloat(5));
        assertEquals(3, cube.rank());
        t.close();
        flat.close();
        flat.close();
        assertEquals(0, released.get(), "a view still holds the memory");
        assertEquals(42f, cube.getFloat(5));
        cube.close();
        assertEquals(1, released.get(), "freed once, by the last holder");
        assertThrows(IllegalStateException.class, () -> t.reshaped(6), "a closed tensor cannot be viewed");
        assertThrows(IllegalArgumentException.class, () -> Tensor.ofFloats(new long[] {2}, 1f, 2f).reshaped(3));
        arena.close();
    }

    @Test
    void refusesTensorsLargerThanHalfThePhysicalMemoryBeforeAllocating() {
        ResourceLimitException e = assertThrows(ResourceLimitException.class, () -> Tensor.allocate(DataType.FLOAT, 1L << 20, 1L << 20, 64));
        assertTrue(e.getMessage().contains("FLOAT[1048576, 1048576, 64]"), e.getMessage());
        assertThrows(ResourceLimitException.class, () -> Tensor.allocate(DataType.FLOAT, Long.MAX_VALUE / 2, 4));
    }

    @Test
    void hostileExpandAtRunTimeIsAnErrorNamingTheNode() {
        // Expand's target shape arrives as an input, so only the run can see the size.
        Graph g = new Graph("g", List.of(new ValueInfo("x", DataType.FLOAT, List.of(Dim.of(1))),
                new ValueInfo("shape", DataType.INT64, List.of(Dim.of(3)))),
                List.of(new ValueInfo("y", DataType.FLOAT, null)),
                List.of(new Node("expand", "Expand", "", 13, List.of("x", "shape"), List.of("y"), Attributes.EMPTY)),
                Map.of(), Map.of("", 13), Map.of());
        try (Model m = new Model(g, List.of(), Model.Options.defaults().withThreads(1))) {
            ResourceLimitException e = assertThrows(ResourceLimitException.class, () -> m.run(Map.of(
                    "x", Tensor.ofFloats(new long[] {1}, 1f), "shape", Tensor.ofLongs(new long[] {3}, 1L << 20, 1L << 20, 1L << 10))));
            assertTrue(e.getMessage().startsWith("node 'expand' (Expand)"), e.getMessage());
        }
    }

    @Test
    void closingTwiceReleasesOnce() {
        int[] released = new int[1];
        Tensor t = Tensor.lent(DataType.FLOAT, new long[] {2}, java.lang.foreign.Arena.ofAuto().allocate(8), s -> released[0]++);
        t.close();
        t.close();
        assertEquals(1, released[0]);
    }
}
