package org.fairpath.fairness.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairpath.fairness.input.Display;
import org.fairpath.fairness.stats.Interval;
import org.fairpath.fairness.stats.Intervals;

/**
 * Turns group rates into findings, the same way for every audit kind: every reportable group against the reference
 * group, and the highest against the lowest group among those with at least the minimum size, each with an interval
 * that is simultaneous over all pairs of the grouping (Bonferroni), and a verdict that says what that interval shows.
 */
final class Verdicts {

    /** One rate of one group: {@code x / n}. */
    record Rate(long x, long n) {
    }

    /**
     * One metric taking part in a check (two for equalized odds).
     *
     * @param name            its name in sentences, e.g. "selection rate"
     * @param rates           each group's rate (groups with n = 0 have no value)
     * @param undefinedReason why no comparison is possible when fewer than two groups have a value
     * @param groupReason     why one group has no value (its denominator is 0), e.g. "no cases with a favourable
     *                        true outcome in the group"
     */
    record Component(String name, Map<List<String>, Rate> rates, String undefinedReason, String groupReason) {

        /** A component whose groups, when valueless, are so for the same reason as the whole check. */
        Component(String name, Map<List<String>, Rate> rates, String undefinedReason) {
            this(name, rates, undefinedReason, undefinedReason);
        }

        boolean defined(List<String> g) {
            return rates.getOrDefault(g, new Rate(0, 0)).n() > 0;
        }
    }

    private Verdicts() {
    }

    /**
     * The findings of one check for one grouping.
     *
     * @param check      machine-readable name, e.g. {@code demographic_parity_ratio}
     * @param what       the quantity in words, e.g. "the selection-rate ratio"
     * @param ratio      whether the check is a ratio (passes within [t, 1/t]) or a difference (within [-t, t])
     * @param cases      each group's number of cases (decides the minimum size and the default reference)
     * @param reference  the named reference group, or empty for the largest reportable group
     */
    static List<Finding> check(String check, String what, boolean ratio, List<String> grouping,
                               Map<List<String>, Long> cases, List<Component> components, List<String> reference,
                               double threshold, double confidence, int minGroupSize) {
        return check(check, what, ratio, grouping, cases, components, reference, threshold, confidence, minGroupSize,
                1);
    }

    /**
     * As the other {@code check}, when this check is one of {@code families} alike (e.g. one per time window): the
     * intervals are then simultaneous over all of them.
     */
    static List<Finding> check(String check, String what, boolean ratio, List<String> grouping,
                               Map<List<String>, Long> cases, List<Component> components, List<String> reference,
                               double threshold, double confidence, int minGroupSize, int families) {
        String by = String.join(" x ", grouping);
        List<Finding> out = new ArrayList<>();
        List<List<String>> eligible = new ArrayList<>();
        cases.forEach((g, n) -> {
            if (n >= minGroupSize) {
                eligible.add(g);
            }
        });
        if (eligible.size() < 2) {
            out.add(undefined(check, grouping, threshold, String.format(Locale.ROOT, "%s by %s cannot be checked: "
                    + "%d of %d groups have at least the minimum of %d cases (%s).", capitalise(what), by,
                    eligible.size(), cases.size(), minGroupSize, sizes(cases))));
            return out;
        }
        // a group is reportable when at least one component has a value in it; one without any still gets a
        // finding (UNDEFINED, with the cause), so no group of the minimum size drops out of the audit unseen
        List<List<String>> reportable = new ArrayList<>();
        List<List<String>> complete = new ArrayList<>();
        for (List<String> g : eligible) {
            if (components.stream().anyMatch(c -> c.defined(g))) {
                reportable.add(g);
            }
            if (components.stream().allMatch(c -> c.defined(g))) {
                complete.add(g);
            }
        }
        if (reportable.size() < 2) {
            String cause = components.stream().filter(c -> eligible.stream()
                            .filter(g -> c.rates().getOrDefault(g, new Rate(0, 0)).n() > 0).count() < 2)
                    .map(Component::undefinedReason).findFirst().orElse("fewer than two groups have a value");
            out.add(undefined(check, grouping, threshold, String.format(Locale.ROOT, "%s by %s cannot be checked: "
                    + "%s.", capitalise(what), by, cause)));
            return out;
        }
        if (ratio) {
            for (Component c : components) {
                if (reportable.stream().filter(c::defined).allMatch(g -> c.rates().get(g).x() == 0)) {
                    out.add(undefined(check, grouping, threshold, String.format(Locale.ROOT, "%s by %s cannot be "
                            + "checked: no reported group has any case counted in its %s (every rate is 0, so every "
                            + "ratio is 0/0).", capitalise(what), by, c.name())));
                    return out;
                }
            }
        }
        List<String> ref;
        if (!reference.isEmpty()) {
            if (!reportable.contains(reference)) {
                out.add(undefined(check, grouping, threshold, String.format(Locale.ROOT, "%s by %s cannot be "
                        + "checked against the reference group %s: it %s.", capitalise(what), by, reference,
                        !cases.containsKey(reference) ? "does not occur" + closest(reference, cases.keySet())
                                : cases.get(reference) < minGroupSize ? "has " + cases.get(reference)
                                + " cases, fewer than the minimum of " + minGroupSize : "has no value")));
                return out;
            }
            ref = reference;
        } else {
            // the largest group with every component, else the largest with any
            ref = (complete.isEmpty() ? reportable : complete).stream().max(Comparator.comparingLong(cases::get))
                    .orElseThrow();
        }
        int k = reportable.size();
        long comparisons = (long) k * (k - 1) / 2 * components.size() * Math.max(1, families);
        double level = 1 - (1 - confidence) / comparisons;
        for (List<String> g : eligible) {
            if (g.equals(ref)) {
                continue;
            }
            if (components.stream().noneMatch(c -> c.defined(g) && c.defined(ref))) {
                out.add(undefinedPair(check, what, grouping, g, ref, components, threshold, confidence));
            } else {
                out.add(compare(check, what, ratio, grouping, g, ref, true, components, threshold, confidence, level,
                        comparisons));
            }
        }
        // the widest pair: lowest against highest of the component with the largest spread, among the groups
        // where that component has a value
        List<String> lo = null;
        List<String> hi = null;
        double spread = -1;
        for (Component c : components) {
            List<List<String>> with = reportable.stream().filter(c::defined).toList();
            if (with.size() < 2) {
                continue;
            }
            List<String> cl = with.stream().min(Comparator.comparingDouble(g -> value(c, g))).orElseThrow();
            List<String> ch = with.stream().max(Comparator.comparingDouble(g -> value(c, g))).orElseThrow();
            double s = ratio ? 1 - value(c, cl) / value(c, ch) : value(c, ch) - value(c, cl);
            if (s > spread) {
                spread = s;
                lo = cl;
                hi = ch;
            }
        }
        boolean isReferencePair = lo == null || lo.equals(ref) || hi.equals(ref);
        if (!isReferencePair && !lo.equals(hi)) {
            out.add(ratio ? compare(check, what, true, grouping, lo, hi, false, components, threshold, confidence,
                    level, comparisons)
                    : compare(check, what, false, grouping, hi, lo, false, components, threshold, confidence, level,
                    comparisons));
        }
        return out;
    }

    private static double value(Component c, List<String> g) {
        Rate r = c.rates().get(g);
        return (double) r.x() / r.n();
    }

    private static Finding compare(String check, String what, boolean ratio, List<String> grouping, List<String> g,
                                   List<String> against, boolean vsReference, List<Component> components,
                                   double threshold, double confidence, double level, long comparisons) {
        if (components.size() > 1) {
            if (ratio) {
                throw new IllegalArgumentException("a ratio check combines exactly one metric; got "
                        + components.size());
            }
            return combined(check, what, grouping, g, against, vsReference, components, threshold, confidence,
                    level, comparisons);
        }
        Component c = components.get(0);
        Rate a = c.rates().get(g);
        Rate b = c.rates().get(against);
        double shownValue;
        Interval shown;
        if (ratio && a.x() == 0 && b.x() == 0) {
            return new Finding(Finding.Level.UNDEFINED, check, grouping, g, against, Double.NaN,
                    Interval.undefined(confidence), threshold, String.format(Locale.ROOT, "%s by %s, %s vs %s, is"
                            + " undefined: both have a %s of 0, and 0/0 has no value.", capitalise(what),
                            String.join(" x ", grouping), label(g), label(against), c.name()));
        }
        if (ratio) {
            shownValue = b.x() == 0 ? Double.POSITIVE_INFINITY : ((double) a.x() / a.n()) / ((double) b.x() / b.n());
            shown = Intervals.koopman(a.x(), a.n(), b.x(), b.n(), level);
        } else {
            shownValue = (double) a.x() / a.n() - (double) b.x() / b.n();
            shown = Intervals.newcombe(a.x(), a.n(), b.x(), b.n(), level);
        }
        double lowAllowed = ratio ? threshold : -threshold;
        double highAllowed = ratio ? 1 / threshold : threshold;
        Finding.Level verdict = shown.upper() < lowAllowed || shown.lower() > highAllowed ? Finding.Level.FAIL
                : shown.lower() >= lowAllowed && shown.upper() <= highAllowed ? Finding.Level.PASS
                : Finding.Level.WARN;
        String allowed = ratio ? String.format(Locale.ROOT, "%.2f to %.2f", threshold, 1 / threshold)
                : String.format(Locale.ROOT, "-%.2f to %.2f", threshold, threshold);
        String says = switch (verdict) {
            case PASS -> "the whole interval lies within the allowed " + allowed;
            case FAIL -> "the whole interval lies beyond the allowed " + allowed;
            default -> "the interval reaches across the allowed " + allowed + ", so the data cannot tell";
        };
        String pair = vsReference ? label(g) + " vs the reference group " + label(against)
                : label(g) + " vs " + label(against) + (ratio ? " (lowest vs highest)" : " (highest vs lowest)");
        String sentence = String.format(Locale.ROOT, "%s by %s, %s, is %s (simultaneous %s%% interval %s to %s "
                        + "over %d comparison%s): %s.", capitalise(what), String.join(" x ", grouping), pair,
                num(shownValue), num(100 * confidence).replaceAll("\\.?0+$", ""), num(shown.lower()),
                num(shown.upper()), comparisons, comparisons == 1 ? "" : "s", says);
        return new Finding(verdict, check, grouping, g, against, shownValue, shown, threshold, sentence);
    }

    /**
     * A check defined as the largest of several absolute gaps (Fairlearn's equalized-odds difference: the larger of
     * the TPR and the FPR difference). The value is that largest gap, named by its component. Its interval follows
     * from the components' simultaneous intervals (they share one Bonferroni family): max(|d1|, |d2|) lies between
     * the largest of the smallest absolute values each interval allows and the largest of their largest. The
     * verdict judges that interval, so it never contradicts what the sentence prints.
     */
    private static Finding combined(String check, String what, List<String> grouping, List<String> g,
                                    List<String> against, boolean vsReference, List<Component> components,
                                    double threshold, double confidence, double level, long comparisons) {
        double value = -1;
        String defining = null;
        double low = 0;
        double high = 0;
        StringBuilder parts = new StringBuilder();
        StringBuilder missing = new StringBuilder();
        for (Component c : components) {
            if (!c.defined(g) || !c.defined(against)) {
                List<String> without = !c.defined(g) ? g : against;
                missing.append("; its ").append(c.name()).append(" is undefined for ").append(label(without))
                        .append(" (").append(c.groupReason()).append("), so only the other part is judged");
                continue;
            }
            Rate a = c.rates().get(g);
            Rate b = c.rates().get(against);
            double gap = (double) a.x() / a.n() - (double) b.x() / b.n();
            Interval i = Intervals.newcombe(a.x(), a.n(), b.x(), b.n(), level);
            double smallest = i.lower() <= 0 && i.upper() >= 0 ? 0 : Math.min(Math.abs(i.lower()), Math.abs(i.upper()));
            double largest = Math.max(Math.abs(i.lower()), Math.abs(i.upper()));
            low = Math.max(low, smallest);
            high = Math.max(high, largest);
            if (Math.abs(gap) > value) {
                value = Math.abs(gap);
                defining = c.name();
            }
            parts.append(parts.length() == 0 ? "" : "; ").append(c.name()).append(' ').append(num(gap))
                    .append(", ").append(num(i.lower())).append(" to ").append(num(i.upper()));
        }
        Interval shown = new Interval(low, high, level);
        Finding.Level verdict = low > threshold ? Finding.Level.FAIL
                : high <= threshold ? Finding.Level.PASS : Finding.Level.WARN;
        String allowed = String.format(Locale.ROOT, "at most %.2f", threshold);
        String says = switch (verdict) {
            case PASS -> "the whole interval lies within the allowed " + allowed;
            case FAIL -> "the whole interval lies beyond the allowed " + allowed;
            default -> "the interval reaches across the allowed " + allowed + ", so the data cannot tell";
        };
        String pair = vsReference ? label(g) + " vs the reference group " + label(against)
                : label(g) + " vs " + label(against) + " (highest vs lowest)";
        String sentence = String.format(Locale.ROOT, "%s by %s, %s, is %s, the largest gap being in its %s "
                        + "(simultaneous %s%% interval %s to %s over %d comparisons; per part, signed: %s%s): %s.",
                capitalise(what), String.join(" x ", grouping), pair, num(value), defining,
                num(100 * confidence).replaceAll("\\.?0+$", ""), num(low), num(high), comparisons, parts, missing,
                says);
        return new Finding(verdict, check, grouping, g, against, value, shown, threshold, sentence);
    }

    /** A pair of groups with no component that has a value in both: UNDEFINED, saying which is missing where. */
    private static Finding undefinedPair(String check, String what, List<String> grouping, List<String> g,
                                         List<String> against, List<Component> components, double threshold,
                                         double confidence) {
        StringBuilder why = new StringBuilder();
        for (Component c : components) {
            for (List<String> x : List.of(g, against)) {
                if (!c.defined(x)) {
                    why.append(why.length() == 0 ? "" : "; ").append(label(x)).append(" has no ").append(c.name())
                            .append(" (").append(c.groupReason()).append(')');
                }
            }
        }
        return new Finding(Finding.Level.UNDEFINED, check, grouping, g, against, Double.NaN,
                Interval.undefined(confidence), threshold, String.format(Locale.ROOT, "%s by %s, %s vs the "
                        + "reference group %s, is undefined: %s.", capitalise(what), String.join(" x ", grouping),
                label(g), label(against), why));
    }

    /**
     * " (did you mean 'female'?)" naming every group at the smallest edit distance from a reference that does not
     * occur (case-insensitive, per level summed), when that distance is at most a third of its length (at least 1).
     */
    static String closest(List<String> reference, java.util.Collection<List<String>> groups) {
        int best = Integer.MAX_VALUE;
        List<List<String>> near = new ArrayList<>();
        for (List<String> g : groups) {
            if (g.size() != reference.size()) {
                continue;
            }
            int d = 0;
            for (int i = 0; i < g.size(); i++) {
                d += distance(g.get(i).toLowerCase(Locale.ROOT), reference.get(i).toLowerCase(Locale.ROOT));
            }
            if (d < best) {
                best = d;
                near.clear();
            }
            if (d == best) {
                near.add(g);
            }
        }
        int length = String.join("", reference).length();
        if (near.isEmpty() || best > Math.max(1, length / 3)) {
            return "";
        }
        return " (did you mean " + String.join(" or ", near.stream().map(Verdicts::label).toList()) + "?)";
    }

    /**
     * The edit distance of {@link org.fairpath.core.Names#distance}; long labels (over 64 characters) count as far
     * apart.
     */
    private static int distance(String a, String b) {
        if (a.length() > 64 || b.length() > 64) {
            return a.equals(b) ? 0 : 1000;
        }
        return org.fairpath.core.Names.distance(a, b, Integer.MAX_VALUE);
    }

    private static Finding undefined(String check, List<String> grouping, double threshold, String sentence) {
        return new Finding(Finding.Level.UNDEFINED, check, grouping, List.of(), List.of(), Double.NaN,
                Interval.undefined(0.95), threshold, sentence);
    }

    /** The group's levels as shown in sentences: safe to print, long ones cut (see {@link Display}). */
    private static String label(List<String> g) {
        return "'" + String.join("' x '", g.stream().map(l -> Display.label(l, Display.MAX_LABEL)).toList()) + "'";
    }

    private static String sizes(Map<List<String>, Long> cases) {
        Map<String, Long> m = new LinkedHashMap<>();
        cases.forEach((g, n) -> m.put(String.join(" x ", g.stream().map(l -> Display.label(l, Display.MAX_LABEL))
                .toList()), n));
        String s = m.toString();
        return "cases: " + (s.length() > 300 ? s.substring(0, 300) + "...}" : s);
    }

    private static String num(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "infinity" : "-infinity";
        }
        return String.format(Locale.ROOT, Math.abs(v) < 0.01 && v != 0 ? "%.4f" : "%.3f", v);
    }

    static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
