package dev.irbis.bench;

import dev.irbis.kernels.gemm.Gemm;
import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Irbis's pure-Java GEMM ({@code dev.irbis.kernels.gemm.VectorGemm(ThreadBudget)}, the Vector API kernel),
 * looked up by name: the benchmarks compile and run before that class exists, and the "pure Java"
 * configurations are simply left out of a run (with a note) until it does.
 */
public final class PureJavaGemm {
    public static final String CLASS_NAME = "dev.irbis.kernels.gemm.VectorGemm";

    private PureJavaGemm() {
    }

    /** A factory making the pure-Java GEMM on a thread budget, if the class is on the class path. */
    public static Optional<Function<ThreadBudget, Gemm>> factory() {
        Constructor<?> ctor;
        try {
            Class<?> c = Class.forName(CLASS_NAME);
            if (!Gemm.class.isAssignableFrom(c)) {
                return Optional.empty();
            }
            ctor = c.getConstructor(ThreadBudget.class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return Optional.empty();
        }
        return Optional.of(budget -> newInstance(ctor, budget));
    }

    public static boolean available() {
        return factory().isPresent();
    }

    /** The factory, or a clear failure for a benchmark that asked for pure Java explicitly. */
    public static Function<ThreadBudget, Gemm> require() {
        return factory().orElseThrow(() -> new IllegalStateException(
                "the pure-Java GEMM " + CLASS_NAME + "(ThreadBudget) is not on the class path; "
                        + "leave the pure-Java engine out of this run"));
    }

    private static Gemm newInstance(Constructor<?> ctor, ThreadBudget budget) {
        try {
            return (Gemm) ctor.newInstance(budget);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot create " + CLASS_NAME, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + CLASS_NAME, e);
        }
    }
}
