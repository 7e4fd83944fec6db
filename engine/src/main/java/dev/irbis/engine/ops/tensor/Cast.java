package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.UnsupportedOperatorException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * ONNX Cast (opsets 6, 9, 13, 19, 21) between every pair of Irbis types. Floating to integer
 * truncates toward zero; values beyond the target's range wrap like a C cast through int64 (the
 * ONNX spec leaves them undefined); NaN becomes 0; anything non-zero becomes true. Float to FLOAT16
 * rounds to nearest even. The 'saturate' attribute (19+) only concerns float8 types, which Irbis
 * does not have.
 */
public final class Cast implements Operator {
    private final DataType to;

    public Cast(Node node) {
        int code = (int) node.attributes().requireLong("to");
        to = DataType.fromOnnx(code);
        if (to == null) {
            throw new UnsupportedOperatorException("Cast to " + DataType.onnxName(code) + " is not supported: Irbis has no "
                    + DataType.onnxName(code) + " tensors");
        }
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        Tensor y = ctx.allocate(to, x.shape());
        convert(x, y);
        return new Tensor[] {y};
    }

    static void convert(Tensor x, Tensor y) {
        DataType from = x.dataType();
        DataType to = y.dataType();
        MemorySegment s = x.data();
        MemorySegment d = y.data();
        long n = x.size();
        if (from == to) {
            MemorySegment.copy(s, 0, d, 0, s.byteSize());
        } else if (from == DataType.FLOAT && to == DataType.INT64) {
            for (long i = 0; i < n; i++) {
                d.setAtIndex(ValueLayout.JAVA_LONG, i, (long) s.getAtIndex(ValueLayout.JAVA_FLOAT, i));
            }
        } else if (from == DataType.INT64 && to == DataType.FLOAT) {
            for (long i = 0; i < n; i++) {
                d.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) s.getAtIndex(ValueLayout.JAVA_LONG, i));
            }
        } else if (from == DataType.DOUBLE && to == DataType.FLOAT16) {
            for (long i = 0; i < n; i++) {
                d.setAtIndex(ValueLayout.JAVA_SHORT, i, HalfRounding.fromDouble(s.getAtIndex(ValueLayout.JAVA_DOUBLE, i)));
            }
        } else if (from.isFloatingPoint() || from == DataType.UINT64) {
            // Through double: exact for every floating source; UINT64 keeps its unsigned value.
            for (long i = 0; i < n; i++) {
                to.setDouble(d, i, from.getDouble(s, i));
            }
        } else {
            // Integer and bool sources: through long, exact, so int64 to float rounds only once.
            for (long i = 0; i < n; i++) {
                to.setLong(d, i, from.getLong(s, i));
            }
        }
    }
}
