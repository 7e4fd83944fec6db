package dev.irbis.kernels.pool;

import dev.irbis.kernels.conv.WindowGeometry;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Average pooling over {@code planes} independent planes (N * C), float32, same layout as
 * {@link MaxPooling}. The sum covers the real input positions of each window (padding adds 0).
 * The divisor is the number of those positions, or with {@code countIncludePad} the number of
 * window taps inside the explicitly padded input {@code [-padBegin, in + padEnd)}: taps that only
 * exist because of ceil mode are never counted. A window with nothing to count yields NaN
 * (0 / 0). Sums are accumulated in double. Single-threaded.
 */
public final class AveragePooling {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private AveragePooling() {
    }

    public static void run(MemorySegment x, MemorySegment y, boolean countIncludePad, long planes, WindowGeometry g) {
        long inPlane = g.inSize();
        long yi = 0;
        for (long p = 0; p < planes; p++) {
            long xBase = p * inPlane;
            for (int od = 0; od < g.outD; od++) {
                for (int oh = 0; oh < g.outH; oh++) {
                    for (int ow = 0; ow < g.outW; ow++, yi++) {
                        double sum = 0;
                        long count = 0;
                        for (int kd = 0; kd < g.kD; kd++) {
                            int id = od * g.sD - g.pD + kd * g.dD;
                            boolean realD = id >= 0 && id < g.inD;
                            boolean paddedD = id >= -g.pD && id < g.inD + g.peD;
                            for (int kh = 0; kh < g.kH; kh++) {
                                int ih = oh * g.sH - g.pH + kh * g.dH;
                                boolean realH = realD && ih >= 0 && ih < g.inH;
                                boolean paddedH = paddedD && ih >= -g.pH && ih < g.inH + g.peH;
                                long row = xBase + ((long) id * g.inH + ih) * g.inW;
                                for (int kw = 0; kw < g.kW; kw++) {
                                    int iw = ow * g.sW - g.pW + kw * g.dW;
                                    boolean real = realH && iw >= 0 && iw < g.inW;
                                    if (real) {
                                        sum += x.getAtIndex(F, row + iw);
                                    }
                                    if (countIncludePad ? paddedH && iw >= -g.pW && iw < g.inW + g.peW : real) {
                                        count++;
                                    }
                                }
                            }
                        }
                        y.setAtIndex(F, yi, (float) (sum / count));
                    }
                }
            }
        }
    }
}
