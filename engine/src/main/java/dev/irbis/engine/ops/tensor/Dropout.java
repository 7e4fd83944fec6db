package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.UnsupportedOperatorException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;

/**
 * ONNX Dropout at inference: the output is the input (a view) and the optional mask says every
 * element was kept. Opsets 7 to 9 have a 'ratio' attribute and a mask of the input's type (ones);
 * 10 makes the mask BOOL; from 12 'ratio' and 'training_mode' are optional inputs. Training mode
 * with a ratio above 0 drops random elements, which Irbis, an inference engine, does not do.
 */
public final class Dropout implements Operator {
    private final int opset;
    private final boolean wantsMask;

    public Dropout(Node node) {
        opset = node.opset();
        wantsMask = node.outputs().size() > 1 && !node.outputs().get(1).isEmpty();
        if (opset < 12) {
            float ratio = node.attributes().getFloat("ratio", 0.5f);
            if (!(ratio >= 0 && ratio < 1)) {
                throw new ModelFormatException("Dropout ratio " + ratio + " is outside [0, 1)");
            }
        }
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        if (opset >= 12) {
            checkInferenceOnly(in);
        }
        Tensor y = x.reshaped(x.shape());
        Tensor mask = null;
        if (wantsMask) {
            DataType maskType = opset < 10 ? x.dataType() : DataType.BOOL;
            mask = ctx.allocate(maskType, x.shape());
            AxisMappedCopy.fill(mask.data(), 0, mask.size(), maskType.byteSize(), ElementBytes.of(maskType, 1));
        }
        return new Tensor[] {y, mask};
    }

    private static void checkInferenceOnly(Tensor[] in) {
        Tensor training = in.length > 2 ? in[2] : null;
        if (training == null) {
            return;
        }
        if (training.size() != 1) {
            throw new ShapeMismatchException("Dropout training_mode must be a single boolean, got " + training);
        }
        if (training.getLong(0) == 0) {
            return;
        }
        double ratio = 0.5;
        Tensor r = in.length > 1 ? in[1] : null;
        if (r != null) {
            if (r.size() != 1) {
                throw new ShapeMismatchException("Dropout ratio must be a single number, got " + r);
            }
            ratio = r.getDouble(0);
        }
        if (ratio > 0) {
            throw new UnsupportedOperatorException("Dropout with training_mode=true and ratio " + ratio
                    + " drops random elements, which only happens in training; Irbis runs inference only "
                    + "(export the model in eval mode, or set training_mode to false)");
        }
    }
}
