package dev.irbis.testdata.models;

/**
 * The body of a post-activation bottleneck ResNet (v1): per block
 * {@code relu(bn3(conv3(relu(bn2(conv2(relu(bn1(conv1(x)))))))) + shortcut)}, the shortcut a strided 1x1
 * conv + BN in each stage's first block. The last BN of each branch has gamma and beta scaled by 0.2
 * (as a trained network's are small), so the residual stream grows slowly through depth.
 * {@code strideOn3x3}: torchvision (v1.5) strides the 3x3 conv, the original v1 (MXNet, ONNX zoo) the first 1x1.
 */
final class PostActBottleneckNet {
    private PostActBottleneckNet() {
    }

    static String body(String x, ResNetShape s, ConvBn convBn, LayerWriter layers, boolean strideOn3x3, boolean mxNames) {
        int cin = s.stemWidth();
        for (int stage = 0; stage < s.layers().length; stage++) {
            int mid = s.midWidths()[stage];
            int cout = s.outWidth(stage);
            for (int b = 0; b < s.layers()[stage]; b++) {
                int stride = b == 0 && stage > 0 ? 2 : 1;
                String m = mxNames ? "stage" + (stage + 1) + ".unit" + (b + 1) : "layer" + (stage + 1) + "." + b;
                String shortcut = x;
                if (b == 0) {
                    shortcut = convBn.apply(x, m + (mxNames ? ".sc" : ".downsample.0"), m + (mxNames ? ".sc_bn" : ".downsample.1"),
                            cin, cout, 1, stride, 1.0);
                }
                String y = convBn.apply(x, m + ".conv1", m + ".bn1", cin, mid, 1, strideOn3x3 ? 1 : stride, 1.0);
                y = layers.relu(y, m + ".relu" + (mxNames ? "1" : ""));
                y = convBn.apply(y, m + ".conv2", m + ".bn2", mid, mid, 3, strideOn3x3 ? stride : 1, 1.0);
                y = layers.relu(y, m + (mxNames ? ".relu2" : ".relu_1"));
                y = convBn.apply(y, m + ".conv3", m + ".bn3", mid, cout, 1, 1, 0.2);
                y = layers.add(y, shortcut, m + (mxNames ? ".plus" : ""));
                x = layers.relu(y, m + (mxNames ? ".relu3" : ".relu_2"));
                cin = cout;
            }
        }
        return x;
    }
}
