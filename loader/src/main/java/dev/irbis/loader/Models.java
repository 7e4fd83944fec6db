package dev.irbis.loader;

import dev.irbis.engine.IrbisException;
import dev.irbis.engine.api.FeatureExtractor;
import dev.irbis.engine.api.ImageClassifier;
import dev.irbis.engine.api.Model;
import dev.irbis.engine.api.Preprocessing;
import java.nio.file.Path;

/** One-call factories for the image API from ONNX files. */
public final class Models {
    private Models() {
    }

    /** A classifier for a model file, with labels from its metadata when present (add others with the builder). */
    public static ImageClassifier classifier(Path model, Preprocessing preprocessing) {
        Model m = OnnxLoader.load(model);
        try {
            return ImageClassifier.builder(m).preprocessing(preprocessing).build();
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** A feature extractor for a model file, the pooled feature value found automatically. */
    public static FeatureExtractor featureExtractor(Path model, Preprocessing preprocessing) {
        return featureExtractor(model, preprocessing, null, Model.Options.defaults());
    }

    /** As {@link #featureExtractor(Path, Preprocessing)}, extracting {@code value} (null: automatic). */
    public static FeatureExtractor featureExtractor(Path model, Preprocessing preprocessing, String value, Model.Options options) {
        LoadedGraph loaded = OnnxLoader.read(model);
        try {
            FeatureExtractor.Builder b = FeatureExtractor.builder(loaded.graph(), loaded.resources())
                    .preprocessing(preprocessing).options(options);
            if (value != null) {
                b.value(value);
            }
            return b.build();
        } catch (IrbisException e) {
            loaded.close();
            throw e.addContext(model.getFileName().toString());
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
    }
}
