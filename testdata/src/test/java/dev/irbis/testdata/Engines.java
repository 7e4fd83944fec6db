package dev.irbis.testdata;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.irbis.engine.api.Model;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.loader.OnnxLoader;
import java.lang.foreign.ValueLayout;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/** Runs a model's first input -> first output in Irbis and in ONNX Runtime (the reference). */
final class Engines {
    private Engines() {
    }

    static float[] irbis(Path model, float[] input, long... shape) {
        try (Model m = OnnxLoader.load(model)) {
            return irbis(m, input, shape);
        }
    }

    static float[] irbis(Model m, float[] input, long... shape) {
        try (Tensor in = Tensor.allocate(DataType.FLOAT, shape)) {
            for (int i = 0; i < input.length; i++) {
                in.data().setAtIndex(ValueLayout.JAVA_FLOAT, i, input[i]);
            }
            try (Tensor out = m.run(in)) {
                return out.toFloatArray();
            }
        }
    }

    /**
     * ONNX Runtime with graph optimisations off: its default Pad fusion folds BiT's zero Pad into the
     * following MaxPool, which then pads with -inf and gives different numbers at the borders.
     */
    static float[] ort(Path model, float[] input, long... shape) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            opts.setIntraOpNumThreads(2);
            try (OrtSession session = env.createSession(model.toString(), opts);
                 OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape)) {
                String name = session.getInputNames().iterator().next();
                try (OrtSession.Result r = session.run(Map.of(name, in))) {
                    FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
                    float[] out = new float[fb.remaining()];
                    fb.get(out);
                    return out;
                }
            }
        }
    }
}
