package dev.irbis.engine.ops.math;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.ops.OperatorFactory;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.elementwise.FloatBinary;
import java.lang.foreign.MemorySegment;

/**
 * ONNX Sum, Mean, Max, Min (opsets 6/8, 12 for integer Max/Min, 13): one or more inputs of one type,
 * folded left to right with numpy broadcasting (a superset of the same-shape rule of opset 6).
 * Mean is the sum scaled by 1/count.
 */
public final class VariadicMath implements Operator {
    private final ArithmeticOp op;
    private final boolean mean;
    private final String opType;

    private VariadicMath(Node node, ArithmeticOp op, boolean mean) {
        if (node.inputs().isEmpty()) {
            throw new ModelFormatException(node.opType() + " needs at least one input");
        }
        this.op = op;
        this.mean = mean;
        this.opType = node.opType();
    }

    static OperatorFactory factory(ArithmeticOp op) {
        return node -> new VariadicMath(node, op, false);
    }

    static OperatorFactory mean() {
        return node -> new VariadicMath(node, ArithmeticOp.ADD, true);
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        DataType type = in[0].dataType();
        for (int i = 1; i < in.length; i++) {
            if (in[i].dataType() != type) {
                throw new ShapeMismatchException(opType + " needs inputs of one type: input 0 is " + type + ", input " + i
                        + " is " + in[i].dataType());
            }
        }
        if (type == DataType.BOOL) {
            throw new ShapeMismatchException(opType + " does not accept BOOL inputs");
        }
        Tensor acc;
        if (in.length == 1) {
            acc = ctx.allocate(type, in[0].shape());
            MemorySegment.copy(in[0].data(), 0, acc.data(), 0, in[0].data().byteSize());
        } else {
            acc = BroadcastArithmetic.apply(op, in[0], in[1], type, ctx);
            for (int i = 2; i < in.length; i++) {
                Tensor next = BroadcastArithmetic.apply(op, acc, in[i], type, ctx);
                acc.close();
                acc = next;
            }
        }
        if (mean) {
            scale(acc, in.length);
        }
        return new Tensor[] {acc};
    }

    private static void scale(Tensor t, int count) {
        if (t.dataType() == DataType.FLOAT) {
            MemorySegment s = t.data();
            FloatBinary.row(FloatBinary.Op.MUL, s, 0, 1, Tensor.scalarFloat(1f / count).data(), 0, 0, s, 0, t.size());
        } else if (t.dataType().isFloatingPoint()) {
            for (long i = 0; i < t.size(); i++) {
                t.setDouble(i, t.getDouble(i) / count);
            }
        } else {
            for (long i = 0; i < t.size(); i++) {
                t.setLong(i, t.getLong(i) / count);
            }
        }
    }
}
