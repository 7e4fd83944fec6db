package dev.irbis.testdata.models;

/**
 * Node names as torch.onnx (torchscript) writes them: module path {@code layer1.0.conv1} and op
 * {@code Conv} give {@code /layer1/layer1.0/conv1/Conv}.
 */
final class TorchNames {
    private TorchNames() {
    }

    static String node(String modulePath, String op) {
        StringBuilder sb = new StringBuilder();
        String prev = null;
        for (String token : modulePath.isEmpty() ? new String[0] : modulePath.split("\\.")) {
            if (!token.isEmpty() && Character.isDigit(token.charAt(0)) && prev != null) {
                prev = prev + "." + token;
            } else {
                prev = token;
            }
            sb.append('/').append(prev);
        }
        return sb.append('/').append(op).toString();
    }
}
