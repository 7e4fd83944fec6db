package dev.irbis.testdata.models;

/** How a BiT (timm ResNetV2) model was exported: which ops write weight standardisation and group norm. */
public enum BitExport {
    /**
     * torch.onnx torchscript exporter, opset 17: each StdConv2d weight is a BatchNormalization(training_mode=1)
     * on a [1, O, I*kh*kw] copy of the weight, its statistics from ReduceMean/Sub/Mul on a transposed copy;
     * GroupNorm as Reshape -> InstanceNormalization -> Reshape -> Mul -> Add; the stem Pad's pads computed
     * by a ConstantOfShape/Concat/Reshape/Slice/Transpose/Reshape/Cast chain.
     */
    TORCHSCRIPT(17),
    /**
     * torch.onnx dynamo exporter, opset 20: Reshape of the weight, ReduceMean/Sub/Mul/ReduceMean statistics
     * feeding an inference-mode BatchNormalization (eps 1e-8), Reshape back; GroupNorm as in torchscript.
     */
    DYNAMO(20),
    /**
     * Opset 21 with the GroupNormalization op (per-channel scale and bias) and the standardisation
     * spelled out: ReduceMean/Sub/Pow/ReduceMean/Add/Sqrt/Div.
     */
    GROUP_NORM_OP(21);

    final int opset;

    BitExport(int opset) {
        this.opset = opset;
    }
}
