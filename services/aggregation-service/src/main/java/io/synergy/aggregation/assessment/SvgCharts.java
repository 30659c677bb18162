package io.synergy.aggregation.assessment;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The assessment report's charts, drawn as SVG on the server: the same drawing goes into the HTML page and, through the
 * PDF renderer's SVG support, into the PDF, so a printed report shows what the screen shows. No script runs in the
 * reader's browser and nothing is fetched. Every label is escaped (a unit's name is operator input).
 */
public final class SvgCharts {

    /** One labelled value of a chart; an absent value (a year that is not computable) draws nothing. */
    public record Point(String label, Double value) {

        public Point {
            Objects.requireNonNull(label, "label");
        }
    }

    private static final int WIDTH = 640;
    private static final int LEFT = 48;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 32;

    private SvgCharts() {}

    /**
     * A line over the points in their order (e.g. the synergy degree D by year) on a fixed scale {@code [min, max]}, with
     * grid lines at quarters of the scale and each value written beside its point.
     */
    public static String line(List<Point> points, double min, double max, String title) {
        int height = 220;
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = height - TOP - BOTTOM;
        StringBuilder svg = open(height, title);
        grid(svg, min, max, plotHeight);
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double x = LEFT + (points.size() == 1 ? plotWidth / 2 : plotWidth * i / (points.size() - 1));
            svg.append(text(x, height - BOTTOM + 18, "middle", p.label()));
            if (p.value() == null || !Double.isFinite(p.value())) {
                continue;
            }
            double y = TOP + plotHeight * (1 - (clamp(p.value(), min, max) - min) / (max - min));
            path.append(path.isEmpty() ? "M" : " L").append(fmt(x)).append(' ').append(fmt(y));
            svg.append("<circle cx=\"")
                    .append(fmt(x))
                    .append("\" cy=\"")
                    .append(fmt(y))
                    .append("\" r=\"3.5\" fill=\"#1d6fa5\"/>");
            svg.append(text(x, y - 8, "middle", String.format(Locale.ROOT, "%.3f", p.value())));
        }
        if (!path.isEmpty()) {
            svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#1d6fa5\" stroke-width=\"2\"/>");
        }
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars from zero to {@code max}, one row per point in its order (e.g. the district ranking by D). */
    public static String bars(List<Point> points, double max, String title) {
        int row = 22;
        int labelWidth = 150;
        int height = TOP + row * Math.max(points.size(), 1) + 8;
        double plotWidth = WIDTH - labelWidth - 64;
        StringBuilder svg = open(height, title);
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double y = TOP + row * i;
            svg.append(text(labelWidth - 6, y + 14, "end", p.label()));
            if (p.value() == null || !Double.isFinite(p.value())) {
                svg.append(text(labelWidth + 4, y + 14, "start", "—"));
                continue;
            }
            double w = plotWidth * clamp(p.value(), 0, max) / max;
            svg.append("<rect x=\"")
                    .append(labelWidth)
                    .append("\" y=\"")
                    .append(fmt(y + 3))
                    .append("\" width=\"")
                    .append(fmt(w))
                    .append("\" height=\"")
                    .append(row - 6)
                    .append("\" fill=\"#3a8f5c\"/>");
            svg.append(text(labelWidth + w + 4, y + 14, "start", String.format(Locale.ROOT, "%.3f", p.value())));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(int height, String title) {
        return new StringBuilder()
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" font-size=\"11\" font-family=\"sans-serif\" role=\"img\"><title>")
                .append(escape(title))
                .append("</title>");
    }

    private static void grid(StringBuilder svg, double min, double max, double plotHeight) {
        for (int q = 0; q <= 4; q++) {
            double y = TOP + plotHeight * (1 - q / 4.0);
            svg.append("<line x1=\"")
                    .append(LEFT)
                    .append("\" x2=\"")
                    .append(WIDTH - RIGHT)
                    .append("\" y1=\"")
                    .append(fmt(y))
                    .append("\" y2=\"")
                    .append(fmt(y))
                    .append("\" stroke=\"#dddddd\"/>");
            svg.append(text(LEFT - 6, y + 4, "end", String.format(Locale.ROOT, "%.2f", min + (max - min) * q / 4)));
        }
    }

    private static String text(double x, double y, String anchor, String content) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\">" + escape(content)
                + "</text>";
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
