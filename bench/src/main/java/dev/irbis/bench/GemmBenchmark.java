package dev.irbis.bench;

import dev.irbis.kernels.gemm.Gemm;
import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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

/** One row-major sgemm C = A * B (beta 0) at a ResNet-50 conv shape; the runner turns the time into GFLOP/s. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GemmBenchmark {
    @Param({"64x64x3136"})
    public String shape;

    @Param({"1"})
    public int threads;

    @Param({"openblas"})
    public String engine;

    private GemmShape s;
    private Arena arena;
    private ThreadBudget budget;
    private Gemm gemm;
    private MemorySegment a;
    private MemorySegment b;
    private MemorySegment c;

    @Setup(Level.Trial)
    public void setUp() {
        s = GemmShape.parse(shape);
        arena = Arena.ofShared();
        a = random(arena, (long) s.m() * s.k(), 1);
        b = random(arena, (long) s.k() * s.n(), 2);
        c = arena.allocate((long) s.m() * s.n() * Float.BYTES, 64);
        budget = new ThreadBudget(threads);
        gemm = KernelGemm.byId(engine).create(budget);
    }

    static MemorySegment random(Arena arena, long count, long seed) {
        MemorySegment seg = arena.allocate(count * Float.BYTES, 64);
        SplittableRandom r = new SplittableRandom(seed);
        for (long i = 0; i < count; i++) {
            seg.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) r.nextGaussian());
        }
        return seg;
    }

    @Benchmark
    public MemorySegment sgemm() {
        gemm.sgemm(false, false, s.m(), s.n(), s.k(), 1f, a, 0, s.k(), b, 0, s.n(), 0f, c, 0, s.n());
        return c;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        budget.close();
        arena.close();
    }
}
