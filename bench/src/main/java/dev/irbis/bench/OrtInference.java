package dev.irbis.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * ONNX Runtime on the CPU: intra-op threads = {@code threads}, one inter-op thread, sequential execution.
 * {@link OrtSession.SessionOptions.OptLevel#ALL_OPT} is the speed baseline; {@code NO_OPT} is the numeric
 * reference (ORT's Pad+MaxPool fusion changes BiT's border values, so the reference runs unoptimised).
 */
public final class OrtInference implements Inference {
    private final OrtSession session;
    private final OnnxTensor input;
    private final String inputName;

    public OrtInference(Path file, float[] data, long[] shape, int threads, OrtSession.SessionOptions.OptLevel level) {
        this(file, data, shape, threads, level, null);
    }

    /**
     * As {@link #OrtInference(Path, float[], long[], int, OrtSession.SessionOptions.OptLevel)}, with ONNX Runtime's
     * profiler on when {@code profilePrefix} is not null: every node of every run goes to a trace file named from
     * the prefix, which {@link #endProfiling} closes and names.
     */
    public OrtInference(Path file, float[] data, long[] shape, int threads, OrtSession.SessionOptions.OptLevel level,
                        Path profilePrefix) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setOptimizationLevel(level);
            if (profilePrefix != null) {
                opts.enableProfiling(profilePrefix.toString());
            }
            opts.setIntraOpNumThreads(threads);
            opts.setInterOpNumThreads(1);
            opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            session = env.createSession(file.toString(), opts);
            input = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
            inputName = session.getInputNames().iterator().next();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Object run() {
        try (OrtSession.Result r = session.run(Map.of(inputName, input))) {
            return r.size(); // the output is computed; copying it out would add time Irbis does not spend
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime run failed: " + e.getMessage(), e);
        }
    }

    @Override
    public float[] output() {
        return output(input);
    }

    /** The output for another input of the same shape (the session's own input stays as it was). */
    public float[] outputFor(float[] data) {
        long[] shape = input.getInfo().getShape();
        try (OnnxTensor other = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(data), shape)) {
            return output(other);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot take the input: " + e.getMessage(), e);
        }
    }

    private float[] output(OnnxTensor in) {
        try (OrtSession.Result r = session.run(Map.of(inputName, in))) {
            FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] out = new float[fb.remaining()];
            fb.get(out);
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime run failed: " + e.getMessage(), e);
        }
    }

    /** Stops the profiler; returns the trace file (ONNX Runtime's JSON, one event per line). */
    public Path endProfiling() {
        try {
            return Path.of(session.endProfiling());
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot end profiling: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        input.close();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
