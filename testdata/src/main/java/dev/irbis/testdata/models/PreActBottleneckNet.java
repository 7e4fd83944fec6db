package dev.irbis.testdata.models;

/**
 * The body of a pre-activation bottleneck ResNet (v2, BiT): per block {@code p = relu(norm1(x))},
 * shortcut = strided 1x1 conv of {@code p} in each stage's first block (else {@code x}), then
 * {@code conv1(p) -> norm2 -> relu -> conv2 (3x3, strided) -> norm3 -> relu -> conv3}, plus the shortcut.
 * conv3 writes straight into the residual stream, so its weights are scaled by 0.2 to keep the stream
 * from doubling at every block (weight-standardised convs ignore the scale; there the norms keep it sane).
 */
final class PreActBottleneckNet {
    private PreActBottleneckNet() {
    }

    static String body(String x, ResNetShape s, PreActLayers nets, LayerWriter layers, boolean mxNames) {
        int cin = s.stemWidth();
        for (int stage = 0; stage < s.layers().length; stage++) {
            int mid = s.midWidths()[stage];
            int cout = s.outWidth(stage);
            for (int b = 0; b < s.layers()[stage]; b++) {
                int stride = b == 0 && stage > 0 ? 2 : 1;
                String m = mxNames ? "stage" + (stage + 1) + ".unit" + (b + 1) : "stages." + stage + ".blocks." + b;
                String p = nets.norm(x, m + (mxNames ? ".bn1" : ".norm1"), cin);
                p = layers.relu(p, m + (mxNames ? ".relu1" : ".norm1.act"));
                String shortcut = b == 0 ? nets.conv(p, m + (mxNames ? ".sc" : ".downsample.conv"), cin, cout, 1, stride, 1.0) : x;
                String y = nets.conv(p, m + ".conv1", cin, mid, 1, 1, 1.0);
                y = nets.norm(y, m + (mxNames ? ".bn2" : ".norm2"), mid);
                y = layers.relu(y, m + (mxNames ? ".relu2" : ".norm2.act"));
                y = nets.conv(y, m + ".conv2", mid, mid, 3, stride, 1.0);
                y = nets.norm(y, m + (mxNames ? ".bn3" : ".norm3"), mid);
                y = layers.relu(y, m + (mxNames ? ".relu3" : ".norm3.act"));
                y = nets.conv(y, m + ".conv3", mid, cout, 1, 1, 0.2);
                x = layers.add(y, shortcut, m + (mxNames ? ".plus" : ""));
                cin = cout;
            }
        }
        return x;
    }
}
