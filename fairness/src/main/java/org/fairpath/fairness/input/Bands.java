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
            double v;
            try {
                v = Double.parseDouble(values[i].strip());
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("cannot band '" + Values.visible(values[i]) + "': not a number;"
                        + " bands apply to numeric attributes only");
            }
            out[i] = label(v, cuts);
        }
        return out;
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
