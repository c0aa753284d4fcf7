package org.fairpath.fairness.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Chart geometry shared by the report's SVG charts: axis ticks at round numbers and text labels placed so they do
 * not overlap. Text widths are estimated from the number of characters (no font metrics in a library); the
 * estimate is deliberately generous, and the browser test measures the real boxes.
 */
final class Layout {

    /** The multiples of a power of ten that ticks may step by. */
    private static final double[] NICE = {1, 2, 2.5, 5};

    /** Width of one character as a share of the font size: generous for digits and lower case in sans-serif. */
    private static final double CHAR_WIDTH = 0.62;

    private Layout() {
    }

    /**
     * Ticks from 0 up to the first tick at or above {@code max}, evenly spaced by a step of 1, 2, 2.5 or 5 times a
     * power of ten, with at most {@code maxIntervals} intervals; the smallest such step is chosen.
     *
     * @throws IllegalArgumentException when {@code max} is not finite and positive, or {@code maxIntervals < 1}
     */
    static double[] niceTicks(double max, int maxIntervals) {
        if (!(max > 0) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("max must be finite and positive; got " + max);
        }
        if (maxIntervals < 1) {
            throw new IllegalArgumentException("maxIntervals must be at least 1; got " + maxIntervals);
        }
        double power = Math.pow(10, Math.floor(Math.log10(max / maxIntervals)));
        for (int k = 0; k < 3; k++, power *= 10) {
            for (double m : NICE) {
                double step = m * power;
                long intervals = (long) Math.ceil(max / step - 1e-9);
                if (intervals <= maxIntervals) {
                    double[] ticks = new double[(int) intervals + 1];
                    for (int i = 0; i < ticks.length; i++) {
                        // rounded to the step's precision, so 3 x 0.1 is 0.3, not 0.30000000000000004
                        ticks[i] = Math.round(i * step / power * 1e6) / 1e6 * power;
                    }
                    return ticks;
                }
            }
        }
        throw new AssertionError("no step found for " + max); // unreachable: 10 x power covers max
    }

    /** Estimated width in pixels of {@code text} at {@code fontSize} pixels. */
    static double textWidth(String text, double fontSize) {
        return text.codePointCount(0, text.length()) * fontSize * CHAR_WIDTH;
    }

    /**
     * Rows for labels centred at {@code centres} with the given widths, so that labels in one row keep at least
     * {@code gap} pixels apart: each label, left to right, takes the first row where it fits. Returns each label's row
     * (0 = first), in the order given.
     */
    static int[] rows(double[] centres, double[] widths, double gap) {
        Integer[] order = new Integer[centres.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(centres[a] - widths[a] / 2, centres[b] - widths[b] / 2));
        List<Double> rowEnds = new ArrayList<>();
        int[] row = new int[centres.length];
        for (int i : order) {
            double left = centres[i] - widths[i] / 2;
            int r = 0;
            while (r < rowEnds.size() && rowEnds.get(r) + gap > left) {
                r++;
            }
            if (r == rowEnds.size()) {
                rowEnds.add(0.0);
            }
            rowEnds.set(r, centres[i] + widths[i] / 2);
            row[i] = r;
        }
        return row;
    }

    /** {@code centre} moved so a label of {@code width} lies within [lo, hi] (left-aligned when it cannot fit). */
    static double clampCentre(double centre, double width, double lo, double hi) {
        if (width >= hi - lo) {
            return lo + width / 2;
        }
        return Math.max(lo + width / 2, Math.min(hi - width / 2, centre));
    }
}
