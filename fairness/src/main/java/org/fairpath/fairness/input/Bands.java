package org.fairpath.fairness.input;

import java.util.Locale;

/** Turns numbers into band labels for grouping, e.g. ages into {@code <25}, {@code 25-49}, {@code 50+}. */
public final class Bands {

    private Bands() {
    }

    /**
     * Labels each value by the increasing {@code cuts}: {@code <c1}, {@code c1-(c2)}, ..., {@code ck+}, where a band
     * includes its lower cut. Null or empty values stay empty (their own group).
     *
     * @throws IllegalArgumentException if the cuts are not increasing and finite, or a value is not a number (bands on
     *                                  a text attribute), naming it
     */
    public static String[] of(String[] values, double... cuts) {
        for (int i = 0; i < cuts.length; i++) {
            if (!Double.isFinite(cuts[i]) || (i > 0 && cuts[i] <= cuts[i - 1])) {
                throw new IllegalArgumentException("cuts must be finite and increasing; got "
                        + java.util.Arrays.toString(cuts));
            }
        }
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null || values[i].isEmpty()) {
                out[i] = "";
                continue;
            }
            double v = value(values[i]);
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("cannot band '" + Values.visible(values[i]) + "': not a number;"
                        + " bands apply to numeric attributes only");
            }
            out[i] = label(v, cuts);
        }
        return out;
    }

    /** The number a cell holds as bands read it (ASCII digits only, as Java's double syntax), or NaN. */
    static double value(String s) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static final String NUM = "(-?\\d+(?:\\.\\d+)?(?:[eE]-?\\d+)?)";
    private static final java.util.regex.Pattern BELOW = java.util.regex.Pattern.compile("<" + NUM);
    private static final java.util.regex.Pattern BETWEEN = java.util.regex.Pattern.compile(NUM + "-" + NUM);
    private static final java.util.regex.Pattern ABOVE = java.util.regex.Pattern.compile(NUM + "\\+");
    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile(NUM);

    /**
     * The order of group labels in reports: band labels ({@code <30}, {@code 30-50}, {@code 50+}) and plain numbers
     * by their numeric lower end ({@code <c} first), before all other labels, which follow in text order. So
     * {@code <5, 5-30, 30-100, 100+}, not the text order {@code 100+, 30-100, 5-30, <5}.
     */
    public static final java.util.Comparator<String> ORDER = Bands::compare;

    private static int compare(String a, String b) {
        double x = lowerEnd(a);
        double y = lowerEnd(b);
        boolean nx = !Double.isNaN(x);
        boolean ny = !Double.isNaN(y);
        if (nx && ny) {
            int c = Double.compare(x, y);
            if (c != 0) {
                return c;
            }
            // a plain number before the band that starts at it; then as text, so the order is total
            return rank(a) != rank(b) ? Integer.compare(rank(a), rank(b)) : a.compareTo(b);
        }
        return nx ? -1 : ny ? 1 : a.compareTo(b);
    }

    private static int rank(String label) {
        return PLAIN.matcher(label).matches() ? 0 : 1;
    }

    /** The numeric lower end of a band label or number, negative infinity for {@code <c}, NaN for other text. */
    private static double lowerEnd(String label) {
        java.util.regex.Matcher m;
        if ((m = BELOW.matcher(label)).matches()) {
            return Double.NEGATIVE_INFINITY;
        }
        if ((m = BETWEEN.matcher(label)).matches() || (m = ABOVE.matcher(label)).matches()
                || (m = PLAIN.matcher(label)).matches()) {
            return Double.parseDouble(m.group(1));
        }
        return Double.NaN;
    }

    private static String label(double v, double[] cuts) {
        if (cuts.length == 0) {
            return "all";
        }
        if (v < cuts[0]) {
            return "<" + fmt(cuts[0]);
        }
        for (int i = 1; i < cuts.length; i++) {
            if (v < cuts[i]) {
                return fmt(cuts[i - 1]) + "-" + fmt(cuts[i]);
            }
        }
        return fmt(cuts[cuts.length - 1]) + "+";
    }

    private static String fmt(double c) {
        return c == Math.rint(c) ? Long.toString((long) c) : String.format(Locale.ROOT, "%s", c);
    }
}
