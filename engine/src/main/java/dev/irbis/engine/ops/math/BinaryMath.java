package dev.irbis.engine.ops.math;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.ops.OperatorFactory;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;

/**
 * ONNX Add, Sub, Mul, Div (opsets 7, 13, 14) and Pow (7, 12, 13, 15): numpy broadcasting of two
 * inputs. Add..Div need equal input types; Pow (12+) may mix base and exponent types and its output
 * has the base's type. The pre-7 {@code broadcast}/{@code axis} attributes are outside Irbis's opset range.
 */
public final class BinaryMath implements Operator {
    private final ArithmeticOp op;
    private final String opType;

    private BinaryMath(Node node, ArithmeticOp op) {
        this.op = op;
        this.opType = node.opType();
    }

    static OperatorFactory factory(ArithmeticOp op) {
        return node -> new BinaryMath(node, op);
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor a = in[0];
        Tensor b = in[1];
        if (a.dataType() == DataType.BOOL || b.dataType() == DataType.BOOL) {
            throw new ShapeMismatchException(opType + " does not accept BOOL inputs");
        }
        if (op != ArithmeticOp.POW && a.dataType() != b.dataType()) {
            throw new ShapeMismatchException(opType + " needs inputs of one type, got A " + a.dataType() + " and B "
                    + b.dataType());
        }
        return new Tensor[] {BroadcastArithmetic.apply(op, a, b, a.dataType(), ctx)};
    }
}
