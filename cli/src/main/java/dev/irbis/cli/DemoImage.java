package dev.irbis.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/** The picture {@code irbis demo} classifies: a small red car under a sky, drawn with Java2D, always the same. */
final class DemoImage {
    static final int WIDTH = 320;
    static final int HEIGHT = 240;

    private DemoImage() {
    }

    static BufferedImage draw() {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, new Color(90, 150, 230), 0, 160, new Color(200, 225, 250)));
            g.fillRect(0, 0, WIDTH, 160);
            g.setColor(new Color(255, 210, 60));
            g.fill(new Ellipse2D.Double(240, 20, 50, 50));
            g.setColor(new Color(70, 140, 60));
            g.fillRect(0, 160, WIDTH, 80);
            g.setColor(new Color(90, 90, 95));
            g.fillRect(0, 185, WIDTH, 30);
            // The car: body, cabin, windows, wheels.
            g.setColor(new Color(200, 30, 35));
            g.fill(new RoundRectangle2D.Double(70, 140, 180, 50, 20, 20));
            g.fill(new RoundRectangle2D.Double(110, 105, 100, 45, 25, 25));
            g.setColor(new Color(180, 215, 240));
            g.fill(new RoundRectangle2D.Double(120, 113, 38, 28, 8, 8));
            g.fill(new RoundRectangle2D.Double(164, 113, 38, 28, 8, 8));
            g.setColor(new Color(25, 25, 25));
            g.fill(new Ellipse2D.Double(88, 172, 40, 40));
            g.fill(new Ellipse2D.Double(192, 172, 40, 40));
            g.setColor(new Color(170, 170, 170));
            g.fill(new Ellipse2D.Double(99, 183, 18, 18));
            g.fill(new Ellipse2D.Double(203, 183, 18, 18));
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(2));
            g.draw(new RoundRectangle2D.Double(70, 140, 180, 50, 20, 20));
        } finally {
            g.dispose();
        }
        return img;
    }
}
