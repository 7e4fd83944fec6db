package dev.irbis.kernels.conv;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The plain reference convolution: one loop per index, double accumulation. Same contract as
 * {@link ConvGemm#run} (without scratch). Slow; used to test the fast path.
 */
public final class DirectConv {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private DirectConv() {
    }

    public static void run(MemorySegment x, MemorySegment w, MemorySegment bias, MemorySegment y,
                           int n, int c, int m, int group, WindowGeometry g) {
        int cg = c / group;
        int mg = m / group;
        long yi = 0;
        for (int img = 0; img < n; img++) {
            for (int oc = 0; oc < m; oc++) {
                int gr = oc / mg;
                for (int od = 0; od < g.outD; od++) {
                    for (int oh = 0; oh < g.outH; oh++) {
                        for (int ow = 0; ow < g.outW; ow++, yi++) {
                            double acc = bias == null ? 0 : bias.getAtIndex(F, oc);
                            for (int ic = 0; ic < cg; ic++) {
                                long xPlane = ((long) img * c + (long) gr * cg + ic) * g.inSize();
                                long wBase = ((long) oc * cg + ic) * g.kernelSize();
                                acc += window(x, xPlane, w, wBase, g, od, oh, ow);
                            }
                            y.setAtIndex(F, yi, (float) acc);
                        }
                    }
                }
            }
        }
    }

    private static double window(MemorySegment x, long xPlane, MemorySegment w, long wBase, WindowGeometry g,
                                 int od, int oh, int ow) {
        double acc = 0;
        int t = 0;
        for (int kd = 0; kd < g.kD; kd++) {
            for (int kh = 0; kh < g.kH; kh++) {
                for (int kw = 0; kw < g.kW; kw++, t++) {
                    int id = od * g.sD - g.pD + kd * g.dD;
                    int ih = oh * g.sH - g.pH + kh * g.dH;
                    int iw = ow * g.sW - g.pW + kw * g.dW;
                    if (id >= 0 && id < g.inD && ih >= 0 && ih < g.inH && iw >= 0 && iw < g.inW) {
                        long xi = xPlane + ((long) id * g.inH + ih) * g.inW + iw;
                        acc += (double) x.getAtIndex(F, xi) * w.getAtIndex(F, wBase + t);
                    }
                }
            }
        }
        return acc;
    }
}
