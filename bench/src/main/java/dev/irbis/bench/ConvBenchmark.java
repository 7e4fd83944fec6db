package dev.irbis.bench;

import dev.irbis.engine.exec.BufferPool;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.ir.Attributes;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.nn.Conv;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A ResNet-50 conv layer (with bias) through Irbis's Conv operator, im2col or Winograd transforms included,
 * with the OpenBLAS or the pure-Java GEMM on the same threads (3x3 stride-1 layers run Winograd, whose
 * products are Irbis's own under either engine, and the 3-channel stem the direct few-channel kernel, which
 * uses no GEMM).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConvBenchmark {
    @Param({"res2-3x3"})
    public String layer;

    @Param({"1"})
    public int threads;

    @Param({"openblas"})
    public String engine;

    private Conv conv;
    private ThreadBudget budget;
    private BufferPool buffers;
    private ExecContext ctx;
    private Tensor x;
    private Tensor w;
    private Tensor b;

    @Setup(Level.Trial)
    public void setUp() {
        ConvLayer l = ConvLayer.byName(layer);
        Attributes attrs = Attributes.of(
                Attribute.ofInts("kernel_shape", l.kernel(), l.kernel()),
                Attribute.ofInts("strides", l.stride(), l.stride()),
                Attribute.ofInts("pads", l.pad(), l.pad(), l.pad(), l.pad()));
        conv = new Conv(new Node(layer, "Conv", "", 22, List.of("x", "w", "b"), List.of("y"), attrs));
        x = random(7, 1, l.inChannels(), l.size(), l.size());
        w = random(8, l.outChannels(), l.inChannels(), l.kernel(), l.kernel());
        b = random(9, l.outChannels());
        budget = new ThreadBudget(threads);
        // Outputs and scratch are recycled between invocations, as in a model run.
        buffers = new BufferPool(1L << 30);
        ctx = new ExecContext(KernelGemm.byId(engine).createAsInModel(budget), budget, buffers);
    }

    private static Tensor random(long seed, long... shape) {
        Tensor t = Tensor.allocate(DataType.FLOAT, shape);
        MemorySegment seg = t.data();
        SplittableRandom r = new SplittableRandom(seed);
        for (long i = 0; i < t.size(); i++) {
            seg.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) r.nextGaussian());
        }
        return t;
    }

    @Benchmark
    public float conv() {
        try (Tensor y = conv.run(new Tensor[] {x, w, b}, ctx)[0]) {
            return y.data().get(ValueLayout.JAVA_FLOAT, 0);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        x.close();
        w.close();
        b.close();
        budget.close();
        buffers.close();
    }
}
