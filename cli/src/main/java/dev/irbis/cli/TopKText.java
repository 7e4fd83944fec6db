package dev.irbis.cli;

import dev.irbis.engine.api.Prediction;
import java.util.List;

/** A top-k result as text: rank, probability, a bar as long as the probability, label and class index. */
final class TopKText {
    private static final int BAR = 20;

    private TopKText() {
    }

    static String format(List<Prediction> top) {
        StringBuilder b = new StringBuilder();
        int rankWidth = Integer.toString(top.size()).length();
        for (int i = 0; i < top.size(); i++) {
            Prediction p = top.get(i);
            float prob = Float.isNaN(p.probability()) ? 0 : Math.clamp(p.probability(), 0f, 1f);
            int filled = Math.round(prob * BAR);
            b.append(String.format("  %" + rankWidth + "d  %6.2f%%  |%s%s|  %s (%d)%n", i + 1, p.probability() * 100,
                    "#".repeat(filled), " ".repeat(BAR - filled), p.label(), p.classIndex()));
        }
        return b.toString();
    }

    /** One JSON object (one line) for an image's result. */
    static String json(String image, String model, String preprocessing, double millis, List<Prediction> top) {
        StringBuilder b = new StringBuilder("{\"image\":").append(JsonText.quote(image))
                .append(",\"model\":").append(JsonText.quote(model))
                .append(",\"preprocessing\":").append(JsonText.quote(preprocessing))
                .append(",\"millis\":").append(JsonText.number(Math.round(millis * 1000) / 1000.0))
                .append(",\"top\":[");
        for (int i = 0; i < top.size(); i++) {
            Prediction p = top.get(i);
            b.append(i == 0 ? "" : ",").append("{\"rank\":").append(i + 1)
                    .append(",\"index\":").append(p.classIndex())
                    .append(",\"label\":").append(JsonText.quote(p.label()))
                    .append(",\"probability\":").append(JsonText.number(p.probability())).append('}');
        }
        return b.append("]}").toString();
    }
}
