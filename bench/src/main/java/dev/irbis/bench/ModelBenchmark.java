package dev.irbis.bench;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import dev.irbis.testdata.models.ModelFamily;
import dev.irbis.testdata.models.RandomInput;
import java.io.IOException;
import java.nio.file.Path;
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
 * One inference of a whole generated model on a seeded N(0, 1) batch. Latency at batch 1, throughput
 * (images/s = batch / time) at batch 8, both sampled per call so the runner can quote medians.
 * Before timing an Irbis engine, its output is checked against ONNX Runtime without optimisations
 * ({@link OutputCheck}, with the reference's own one-ulp sensitivity measured on a perturbed copy of the batch);
 * a mismatch fails the benchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ModelBenchmark {
    /** The input seed of testdata's end-to-end tests, so a failure here reproduces there. */
    static final long INPUT_SEED = 1000;

    @Param({"resnet50-v1"})
    public String model;

    @Param({"1"})
    public int batch;

    @Param({"1"})
    public int threads;

    @Param({"irbis", "ort"})
    public String engine;

    private Inference inference;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path cache = BenchModel.cacheDir();
        Path file = BenchModel.existing(model, cache);
        if (file == null) {
            // The runner generates models before forking; this covers running the benchmark class directly.
            file = BenchModel.getOrGenerate(model, cache);
        }
        ModelFamily family = BenchModel.family(model);
        int s = family.inputSize();
        long[] shape = {batch, 3, s, s};
        float[] data = RandomInput.gaussian(INPUT_SEED, batch * 3 * s * s);
        Engine e = Engine.byId(engine);
        if (e == Engine.ORT) {
            inference = new OrtInference(file, data, shape, threads, OptLevel.ALL_OPT);
            return;
        }
        float[] ref;
        double sensitivity;
        try (OrtInference reference = new OrtInference(file, data, shape, threads, OptLevel.NO_OPT)) {
            ref = reference.output();
            sensitivity = OutputCheck.maxDiff(reference.outputFor(OutputCheck.perturbByOneUlp(data, INPUT_SEED + 1)), ref);
        }
        IrbisInference irbis = new IrbisInference(file, data, shape, threads, e == Engine.IRBIS_JAVA);
        inference = irbis;
        String label = model + " batch " + batch + " threads " + threads + " " + engine + " (gemm " + irbis.gemmName() + ")";
        double diff = OutputCheck.requireClose(label, irbis.output(), ref, sensitivity, batch);
        System.out.printf("%n# output check passed: %s, max |diff| vs ONNX Runtime NO_OPT %.2e (bound %.2e; reference's one-ulp"
                + " sensitivity %.2e), top-5 identical%n", label, diff, OutputCheck.bound(ref, sensitivity), sensitivity);
    }

    @Benchmark
    public Object infer() {
        return inference.run();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (inference != null) {
            inference.close();
        }
    }
}
