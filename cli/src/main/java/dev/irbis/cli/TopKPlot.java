package dev.irbis.cli;

import dev.irbis.engine.api.Prediction;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws top-k results as a PNG the way Keras tutorials show them: for each image a row with the image
 * on the left and a horizontal bar per class on the right, probability on a fixed 0..1 axis, best on
 * top. Drawn with Java2D (headless), written atomically.
 */
final class TopKPlot {
    /** One row of the chart. */
    record Row(String title, BufferedImage image, List<Prediction> top) {
    }

    private static final int WIDTH = 960;
    private static final int ROW_HEIGHT = 260;
    private static final int THUMB = 220;
    private static final int MARGIN = 20;
    private static final int LABEL_WIDTH = 260;
    private static final Color BAR = new Color(0x1f, 0x77, 0xb4);
    private static final Color BEST = new Color(0xd6, 0x27, 0x28);

    private TopKPlot() {
    }

    static void write(Path file, List<Row> rows) throws IOException {
        AtomicFiles.write(file, png(render(rows)));
    }

    static BufferedImage render(List<Row> rows) {
        BufferedImage img = new BufferedImage(WIDTH, ROW_HEIGHT * rows.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            for (int r = 0; r < rows.size(); r++) {
                drawRow(g, rows.get(r), r * ROW_HEIGHT);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void drawRow(Graphics2D g, Row row, int top) {
        // The image, scaled to fit a square, centred in it.
        BufferedImage im = row.image();
        double s = Math.min((double) THUMB / im.getWidth(), (double) THUMB / im.getHeight());
        int w = Math.max(1, (int) Math.round(im.getWidth() * s));
        int h = Math.max(1, (int) Math.round(im.getHeight() * s));
        g.drawImage(im, MARGIN + (THUMB - w) / 2, top + MARGIN + (THUMB - h) / 2, w, h, null);

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        int chartX = MARGIN * 2 + THUMB;
        g.drawString(fit(g.getFontMetrics(), row.title(), WIDTH - chartX - MARGIN), chartX, top + MARGIN + 4);

        List<Prediction> preds = row.top();
        int barsX = chartX + LABEL_WIDTH;
        int barsW = WIDTH - barsX - MARGIN - 60;
        int areaTop = top + MARGIN + 16;
        int areaH = THUMB - 36;
        int slot = preds.isEmpty() ? areaH : areaH / preds.size();
        int barH = Math.max(4, (int) (slot * 0.7));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < preds.size(); i++) {
            Prediction p = preds.get(i);
            float prob = Float.isNaN(p.probability()) ? 0 : Math.clamp(p.probability(), 0f, 1f);
            int y = areaTop + i * slot + (slot - barH) / 2;
            g.setColor(Color.DARK_GRAY);
            String label = fit(fm, p.label() + " (" + p.classIndex() + ")", LABEL_WIDTH - 8);
            g.drawString(label, barsX - 8 - fm.stringWidth(label), y + barH / 2 + fm.getAscent() / 2 - 1);
            g.setColor(i == 0 ? BEST : BAR);
            g.fillRect(barsX, y, Math.max(1, Math.round(prob * barsW)), barH);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%.1f%%", p.probability() * 100), barsX + Math.round(prob * barsW) + 4,
                    y + barH / 2 + fm.getAscent() / 2 - 1);
        }
        // The probability axis, 0 to 1.
        int axisY = areaTop + areaH + 4;
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawLine(barsX, areaTop - 2, barsX, axisY);
        g.drawLine(barsX, axisY, barsX + barsW, axisY);
        for (int t = 0; t <= 4; t++) {
            int x = barsX + barsW * t / 4;
            g.drawLine(x, axisY, x, axisY + 4);
            String tick = String.format("%.2f", t / 4.0);
            g.drawString(tick, x - fm.stringWidth(tick) / 2, axisY + 4 + fm.getAscent());
        }
    }

    /** The text, shortened with "..." to fit {@code width} pixels. */
    private static String fit(FontMetrics fm, String text, int width) {
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        String t = text;
        while (!t.isEmpty() && fm.stringWidth(t + "...") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "...";
    }

    private static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", bytes)) {
            throw new IOException("no PNG writer available");
        }
        return bytes.toByteArray();
    }
}
