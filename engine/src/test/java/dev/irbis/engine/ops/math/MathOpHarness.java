package dev.irbis.engine.ops.math;

import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.ir.Attributes;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.OperatorRegistry;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.gemm.ScalarGemm;
import java.util.ArrayList;
import java.util.List;

/** Builds one node through the default registry and runs it on given inputs (null = omitted optional input). */
final class MathOpHarness {
    private MathOpHarness() {
    }

    static Tensor run(String opType, int opset, Tensor[] inputs, Attribute... attrs) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            names.add(inputs[i] == null ? "" : "in" + i);
        }
        Node node = new Node("n", opType, "", opset, names, List.of("out"), Attributes.of(attrs));
        return OperatorRegistry.defaultRegistry().create(node).run(inputs, new ExecContext(new ScalarGemm(), 1))[0];
    }

    static Tensor longs(DataType type, long[] shape, long... values) {
        Tensor t = Tensor.allocateCollected(type, shape);
        for (int i = 0; i < values.length; i++) {
            t.setLong(i, values[i]);
        }
        return t;
    }

    static Tensor doubles(DataType type, long[] shape, double... values) {
        Tensor t = Tensor.allocateCollected(type, shape);
        for (int i = 0; i < values.length; i++) {
            t.setDouble(i, values[i]);
        }
        return t;
    }

    static long[] shape(long... dims) {
        return dims;
    }
}
