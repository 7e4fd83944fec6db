package dev.irbis.engine.api;

import dev.irbis.engine.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Feeds images to a model in batches it accepts: all at once when the batch dimension is dynamic,
 * else in chunks of the fixed batch size, the last chunk padded by repeating its last image (the
 * padding's results are dropped).
 */
final class ImageBatches {
    private ImageBatches() {
    }

    /** One result row per image, from {@code runBatch} applied to each preprocessed batch tensor. */
    static List<float[]> map(List<BufferedImage> images, Preprocessing preprocessing, ImageInputShape shape,
                             Function<Tensor, List<float[]>> runBatch) {
        if (images.isEmpty()) {
            return List.of();
        }
        int chunk = shape.fixedBatch() > 0 ? shape.fixedBatch() : images.size();
        List<float[]> all = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += chunk) {
            List<BufferedImage> part = new ArrayList<>(images.subList(from, Math.min(images.size(), from + chunk)));
            int real = part.size();
            while (part.size() < chunk) {
                part.add(part.getLast());
            }
            try (Tensor t = preprocessing.toTensor(part, shape)) {
                all.addAll(runBatch.apply(t).subList(0, real));
            }
        }
        return all;
    }
}
