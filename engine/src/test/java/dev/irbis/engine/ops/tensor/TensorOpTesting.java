package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.ir.Attributes;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.ops.OperatorRegistry;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.gemm.ScalarGemm;
import java.util.ArrayList;
import java.util.List;

/** Builds single nodes of the default domain and runs them, for the operator tests. */
final class TensorOpTesting {
    static final ExecContext CTX = new ExecContext(new ScalarGemm(), 1);

    private TensorOpTesting() {
    }

    static Node node(String op, int opset, int inputs, int outputs, Attribute... attrs) {
        List<String> in = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            in.add("in" + i);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            out.add("out" + i);
        }
        return new Node("n", op, "", opset, in, out, Attributes.of(attrs));
    }

    static Operator op(String op, int opset, int inputs, int outputs, Attribute... attrs) {
        return OperatorRegistry.defaultRegistry().create(node(op, opset, inputs, outputs, attrs));
    }

    static Tensor run1(Operator op, Tensor... in) {
        return op.run(in, CTX)[0];
    }

    /** 0, 1, 2, ... as FLOAT of the given shape. */
    static Tensor iota(long... shape) {
        Tensor t = Tensor.allocateCollected(DataType.FLOAT, shape);
        for (long i = 0; i < t.size(); i++) {
            t.setFloat(i, i);
        }
        return t;
    }

    static Tensor iota(DataType type, long... shape) {
        Tensor t = Tensor.allocateCollected(type, shape);
        for (long i = 0; i < t.size(); i++) {
            t.setLong(i, i % 100);
        }
        return t;
    }

    static Tensor longs(long... v) {
        return Tensor.ofLongs(new long[] {v.length}, v);
    }
}
