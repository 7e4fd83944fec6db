package dev.irbis.bench;

import java.util.List;

/** A GEMM problem {@code M x K x N}: C[M, N] = A[M, K] * B[K, N], as a conv layer is run (weights x im2col columns). */
public record GemmShape(int m, int k, int n) {
    /**
     * ResNet-50's conv layers at 224x224, batch 1: 1x1 convs ({@code K = C_in}) and 3x3 convs after im2col
     * ({@code K = 9 C_in}); N is the output's height x width.
     */
    public static final List<String> RESNET50 = List.of(
            "64x64x3136", "256x64x3136", "128x256x784", "512x128x784", "1024x256x196", "2048x512x49",
            "64x576x3136", "128x1152x784", "256x2304x196", "512x4608x49");

    public static GemmShape parse(String s) {
        String[] p = s.split("x");
        if (p.length != 3) {
            throw new IllegalArgumentException("GEMM shape must be MxKxN, got '" + s + "'");
        }
        return new GemmShape(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
    }

    public double flops() {
        return 2.0 * m * k * n;
    }
}
