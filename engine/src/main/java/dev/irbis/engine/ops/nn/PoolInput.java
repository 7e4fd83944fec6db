package dev.irbis.engine.ops.nn;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.conv.WindowGeometry;
import java.util.Arrays;

/** Shape checks and output shapes shared by the windowed pooling operators (input X [N, C, spatial...]). */
final class PoolInput {
    private PoolInput() {
    }

    static long[] spatial(Tensor x, String op) {
        if (x.rank() < 3) {
            throw new ShapeMismatchException(op + " input X must have rank 3 to 5 ([N, C, spatial...]), got shape "
                    + Shape.format(x.shape()));
        }
        return Arrays.copyOfRange(x.shape(), 2, x.rank());
    }

    static long[] outputShape(Tensor x, WindowGeometry g) {
        long[] out = x.shape();
        System.arraycopy(WindowAttributes.spatialOut(g, x.rank() - 2), 0, out, 2, x.rank() - 2);
        return out;
    }
}
