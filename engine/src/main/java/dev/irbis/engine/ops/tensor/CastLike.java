package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.Tensor;

/**
 * ONNX CastLike (opsets 15, 19, 21): Cast to the element type of the second input, with Cast's
 * conversion rules. Functions such as LayerNormalization's expansion use it.
 */
public final class CastLike implements Operator {
    public CastLike(Node node) {
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor y = ctx.allocate(in[1].dataType(), in[0].shape());
        Cast.convert(in[0], y);
        return new Tensor[] {y};
    }
}
