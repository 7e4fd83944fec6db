package dev.irbis.bench;

/** The whole-model engines, by JMH parameter value. */
public enum Engine {
    /** Irbis with its default GEMM (OpenBLAS). */
    IRBIS("irbis"),
    /** Irbis with OpenBLAS off: the Vector API GEMM on the model's threads. */
    IRBIS_JAVA("irbis-java"),
    /** ONNX Runtime, all graph optimisations on: the speed baseline. */
    ORT("ort");

    private final String id;

    Engine(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public boolean isIrbis() {
        return this != ORT;
    }


    public static Engine byId(String id) {
        for (Engine e : values()) {
            if (e.id.equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + id + "' (irbis, irbis-java or ort)");
    }
}
