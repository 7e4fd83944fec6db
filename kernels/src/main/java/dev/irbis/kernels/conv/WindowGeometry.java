package dev.irbis.kernels.conv;

/**
 * The spatial geometry of a sliding-window operation (convolution or pooling) on one image plane,
 * always held as three spatial dims (depth, height, width): 1-D and 2-D problems get leading dims
 * of size 1 with kernel 1, stride 1, dilation 1 and no padding, so every kernel needs only one loop nest.
 * Input position of output {@code o} and kernel tap {@code k} along a dim is
 * {@code o * stride - padBegin + k * dilation}; positions outside {@code [0, in)} are padding.
 * {@code padEnd} matters only to average pooling with {@code count_include_pad}.
 */
public final class WindowGeometry {
    public final int inD, inH, inW;
    public final int kD, kH, kW;
    public final int sD, sH, sW;
    public final int dD, dH, dW;
    public final int pD, pH, pW;
    public final int peD, peH, peW;
    public final int outD, outH, outW;

    private WindowGeometry(int[] in, int[] k, int[] s, int[] d, int[] pb, int[] pe, int[] out) {
        inD = in[0]; inH = in[1]; inW = in[2];
        kD = k[0]; kH = k[1]; kW = k[2];
        sD = s[0]; sH = s[1]; sW = s[2];
        dD = d[0]; dH = d[1]; dW = d[2];
        pD = pb[0]; pH = pb[1]; pW = pb[2];
        peD = pe[0]; peH = pe[1]; peW = pe[2];
        outD = out[0]; outH = out[1]; outW = out[2];
    }

    /**
     * Builds the geometry from per-dim arrays of one to three spatial dims (all of the same length).
     * Throws IllegalArgumentException for more than three dims or values that do not fit an int.
     */
    public static WindowGeometry of(long[] in, long[] kernel, long[] strides, long[] dilations,
                                    long[] padBegin, long[] padEnd, long[] out) {
        int r = in.length;
        if (r < 1 || r > 3) {
            throw new IllegalArgumentException("1 to 3 spatial dims supported, got " + r);
        }
        return new WindowGeometry(lift(in, r, 1), lift(kernel, r, 1), lift(strides, r, 1), lift(dilations, r, 1),
                lift(padBegin, r, 0), lift(padEnd, r, 0), lift(out, r, 1));
    }

    private static int[] lift(long[] v, int r, int fill) {
        if (v.length != r) {
            throw new IllegalArgumentException("expected " + r + " values, got " + v.length);
        }
        int[] out = {fill, fill, fill};
        for (int i = 0; i < r; i++) {
            out[3 - r + i] = Math.toIntExact(v[i]);
        }
        return out;
    }

    public long inSize() {
        return (long) inD * inH * inW;
    }

    public long outSize() {
        return (long) outD * outH * outW;
    }

    public int kernelSize() {
        return kD * kH * kW;
    }

    /** True when the window is a single tap reading exactly the input position of each output. */
    public boolean isPointwise() {
        return kernelSize() == 1 && sD == 1 && sH == 1 && sW == 1 && pD == 0 && pH == 0 && pW == 0
                && outD == inD && outH == inH && outW == inW;
    }
}
