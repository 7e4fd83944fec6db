package dev.irbis.bench;

import dev.irbis.engine.api.Model;
import dev.irbis.engine.exec.NodeProfile;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.loader.OnnxLoader;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/** Irbis with {@code threads} threads, OpenBLAS or the pure-Java GEMM. */
public final class IrbisInference implements Inference {
    private final Model model;
    private final Tensor input;

    public IrbisInference(Path file, float[] data, long[] shape, int threads, boolean pureJava) {
        Model.Options options = Model.Options.defaults().withThreads(threads);
        if (pureJava) {
            options = options.withPureJavaGemm();
        }
        model = OnnxLoader.load(file, options);
        input = Tensor.allocate(DataType.FLOAT, shape);
        MemorySegment.copy(data, 0, input.data(), ValueLayout.JAVA_FLOAT, 0, data.length);
    }

    /** The GEMM the model really uses, to catch a run that silently fell back to another. */
    public String gemmName() {
        return model.gemm().name();
    }

    @Override
    public Object run() {
        try (Tensor out = model.run(input)) {
            return out.data().get(ValueLayout.JAVA_FLOAT, 0);
        }
    }

    @Override
    public float[] output() {
        try (Tensor out = model.run(input)) {
            return out.toFloatArray();
        }
    }

    /** One run reporting every node to {@code profile}, which then closes the run. */
    public void profile(NodeProfile profile) {
        String name = model.inputs().get(0).name();
        model.run(java.util.Map.of(name, input), profile).values().forEach(Tensor::close);
        profile.endRun();
    }

    @Override
    public void close() {
        input.close();
        model.close();
    }
}
