package org.fairpath.fairness.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.fairpath.fairness.input.AuditData;

/**
 * Fairlearn 0.12's numbers, reproduced exactly so an oversight team can reconcile them: for each group attribute and
 * for the intersection of all of them, what {@code MetricFrame} gives for selection rate, TPR, FPR, FNR, TNR,
 * precision, accuracy, count and ROC AUC (by group and overall, group min and max, difference and ratio with the
 * methods {@code between_groups} and {@code to_overall}), and the fairness functions (demographic parity, equalized
 * odds, equal opportunity; difference and ratio; {@code agg} worst case and mean).
 *
 * <p>Fairlearn's conventions, not fairpath's: a 0/0 rate is 0 (scikit-learn's normalised confusion matrix and
 * {@code zero_division=0}), in a group and in the overall value; ROC AUC of a group with one class only is NaN; an
 * intersection cell without rows is listed with every value NaN and is skipped by min, max, difference and ratio;
 * groups are in sorted order (intersections: every combination of the sorted levels); no interval, no suppression.
 * NaN stands for Fairlearn's {@code null}. Immutable.
 */
public final class FairlearnFrames {

    /** Fairlearn's metric names, in the order of its reference output. */
    public static final List<String> METRICS = List.of("selection_rate", "tpr", "fpr", "fnr", "tnr", "precision",
            "accuracy", "count", "roc_auc");

    /**
     * One group: its label ({@code gender=F|age_band=<25}) and every metric (all NaN for an empty cell).
     */
    public record Group(Map<String, String> key, String label, Map<String, Double> metrics) {
    }

    /**
     * One grouping's numbers.
     *
     * @param name     the attributes joined by '&amp;'
     * @param features the attributes
     * @param groups   every group in Fairlearn's order, empty intersection cells included
     * @param empty    the number of empty cells
     */
    public record Grouping(String name, List<String> features, List<Group> groups, int empty,
                           Map<String, Double> groupMin, Map<String, Double> groupMax,
                           Map<String, Double> differenceBetweenGroups, Map<String, Double> differenceToOverall,
                           Map<String, Double> ratioBetweenGroups, Map<String, Double> ratioToOverall,
                           Map<String, Double> fairnessBetweenGroups, Map<String, Double> fairnessToOverall) {
    }

    private final Map<String, Double> overall;
    private final List<Grouping> groupings;

    private FairlearnFrames(Map<String, Double> overall, List<Grouping> groupings) {
        this.overall = overall;
        this.groupings = groupings;
    }

    /**
     * Computes Fairlearn's numbers for {@code data}.
     *
     * @throws IllegalArgumentException if an outcome is unknown (Fairlearn has no unknown outcomes: drop those cases
     *                                  first) or a score is missing
     */
    public static FairlearnFrames of(AuditData data) {
        int n = data.rows();
        byte[] y = data.outcomes();
        for (int i = 0; i < n; i++) {
            if (y[i] < 0) {
                throw new IllegalArgumentException("row " + (i + 1) + " has no known outcome; Fairlearn's metrics need"
                        + " every outcome: leave out the cases whose outcome is unknown");
            }
        }
        double[] s = data.scores();
        if (s != null) {
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(s[i])) {
                    throw new IllegalArgumentException("row " + (i + 1) + " has no score; ROC AUC needs every score");
                }
            }
        }
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        Map<String, Double> overall = Collections.unmodifiableMap(metrics(data, all));
        List<Grouping> groupings = new ArrayList<>();
        List<String> attrs = data.attributes();
        for (int a = 0; a < attrs.size(); a++) {
            groupings.add(grouping(data, new int[] {a}, overall));
        }
        if (attrs.size() > 1) {
            int[] every = new int[attrs.size()];
            Arrays.setAll(every, i -> i);
            groupings.add(grouping(data, every, overall));
        }
        return new FairlearnFrames(overall, List.copyOf(groupings));
    }

    private static Grouping grouping(AuditData data, int[] attrs, Map<String, Double> overall) {
        List<String> features = new ArrayList<>();
        List<List<String>> sortedLevels = new ArrayList<>();
        for (int a : attrs) {
            features.add(data.attributes().get(a));
            sortedLevels.add(new ArrayList<>(new TreeSet<>(data.levels(a))));
        }
        // rows of each combination, keyed by the level codes
        Map<List<String>, List<Integer>> rows = new LinkedHashMap<>();
        for (int r = 0; r < data.rows(); r++) {
            List<String> key = new ArrayList<>(attrs.length);
            for (int a : attrs) {
                key.add(data.levels(a).get(data.code(a, r)));
            }
            rows.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<Group> groups = new ArrayList<>();
        int empty = 0;
        for (List<String> key : product(sortedLevels)) {
            Map<String, String> k = new LinkedHashMap<>();
            StringBuilder label = new StringBuilder();
            for (int j = 0; j < key.size(); j++) {
                k.put(features.get(j), key.get(j));
                label.append(j == 0 ? "" : "|").append(features.get(j)).append('=').append(key.get(j));
            }
            List<Integer> rs = rows.get(key);
            Map<String, Double> m;
            if (rs == null) {
                empty++;
                m = new LinkedHashMap<>();
                for (String name : METRICS) {
                    m.put(name, Double.NaN);
                }
            } else {
                m = metrics(data, rs.stream().mapToInt(Integer::intValue).toArray());
            }
            groups.add(new Group(Collections.unmodifiableMap(k), label.toString(), Collections.unmodifiableMap(m)));
        }
        Map<String, Double> min = new LinkedHashMap<>();
        Map<String, Double> max = new LinkedHashMap<>();
        Map<String, Double> diffBetween = new LinkedHashMap<>();
        Map<String, Double> diffOverall = new LinkedHashMap<>();
        Map<String, Double> ratioBetween = new LinkedHashMap<>();
        Map<String, Double> ratioOverall = new LinkedHashMap<>();
        for (String name : METRICS) {
            if (name.equals("count")) {
                continue;
            }
            double lo = Double.NaN;
            double hi = Double.NaN;
            double dOverall = Double.NaN;
            double rOverall = Double.NaN;
            double o = overall.get(name);
            for (Group g : groups) {
                double v = g.metrics().get(name);
                if (Double.isNaN(v)) {
                    continue; // pandas' min and max skip NaN
                }
                lo = Double.isNaN(lo) ? v : Math.min(lo, v);
                hi = Double.isNaN(hi) ? v : Math.max(hi, v);
                dOverall = Double.isNaN(dOverall) ? Math.abs(v - o) : Math.max(dOverall, Math.abs(v - o));
                // numpy: 0/0 is NaN, x/0 is +inf; np.minimum propagates NaN; pandas' min then skips it
                double r = npMinimum(v / o, o / v);
                if (!Double.isNaN(r)) {
                    rOverall = Double.isNaN(rOverall) ? r : Math.min(rOverall, r);
                }
            }
            min.put(name, lo);
            max.put(name, hi);
            diffBetween.put(name, hi - lo);
            diffOverall.put(name, dOverall);
            ratioBetween.put(name, lo / hi);
            ratioOverall.put(name, rOverall);
        }
        return new Grouping(String.join("&", features), List.copyOf(features), List.copyOf(groups), empty,
                Collections.unmodifiableMap(min), Collections.unmodifiableMap(max),
                Collections.unmodifiableMap(diffBetween), Collections.unmodifiableMap(diffOverall),
                Collections.unmodifiableMap(ratioBetween), Collections.unmodifiableMap(ratioOverall),
                fairness(diffBetween, ratioBetween), fairness(diffOverall, ratioOverall));
    }

    private static double npMinimum(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.min(a, b);
    }

    /** The fairness functions from one method's differences and ratios. */
    private static Map<String, Double> fairness(Map<String, Double> diff, Map<String, Double> ratio) {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("demographic_parity_difference", diff.get("selection_rate"));
        f.put("demographic_parity_ratio", ratio.get("selection_rate"));
        f.put("equalized_odds_difference", pyMax(diff.get("tpr"), diff.get("fpr")));
        f.put("equalized_odds_ratio", pyMin(ratio.get("tpr"), ratio.get("fpr")));
        f.put("equal_opportunity_difference", diff.get("tpr"));
        f.put("equal_opportunity_ratio", ratio.get("tpr"));
        f.put("equalized_odds_difference_mean", nanMean(diff.get("tpr"), diff.get("fpr")));
        f.put("equalized_odds_ratio_mean", nanMean(ratio.get("tpr"), ratio.get("fpr")));
        return Collections.unmodifiableMap(f);
    }

    /** pandas' mean: NaN parts are skipped; NaN only when every part is. */
    private static double nanMean(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : (a + b) / 2;
    }

    /** Python's built-in {@code min([a, b])}: b replaces a only when {@code b < a}, so a NaN b is passed over. */
    private static double pyMin(double a, double b) {
        return b < a ? b : a;
    }

    /** Python's built-in {@code max([a, b])}. */
    private static double pyMax(double a, double b) {
        return b > a ? b : a;
    }

    private static List<List<String>> product(List<List<String>> levels) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        for (List<String> l : levels) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : out) {
                for (String v : l) {
                    List<String> k = new ArrayList<>(prefix);
                    k.add(v);
                    next.add(List.copyOf(k));
                }
            }
            out = next;
        }
        return out;
    }

    /** The metrics of the given rows, with scikit-learn's 0/0 = 0. */
    private static Map<String, Double> metrics(AuditData data, int[] rows) {
        byte[] d = data.decisions();
        byte[] y = data.outcomes();
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int r : rows) {
            if (d[r] == 1) {
                if (y[r] == 1) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (y[r] == 1) {
                fn++;
            } else {
                tn++;
            }
        }
        long n = rows.length;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("selection_rate", div(tp + fp, n));
        m.put("tpr", div(tp, tp + fn));
        m.put("fpr", div(fp, fp + tn));
        m.put("fnr", div(fn, tp + fn));
        m.put("tnr", div(tn, fp + tn));
        m.put("precision", div(tp, tp + fp));
        m.put("accuracy", div(tp + tn, n));
        m.put("count", (double) n);
        m.put("roc_auc", data.scores() == null ? Double.NaN : auc(data.scores(), y, rows));
        return m;
    }

    private static double div(long a, long b) {
        return b == 0 ? 0.0 : (double) a / b;
    }

    /**
     * ROC AUC as the Mann-Whitney statistic with mid-ranks for ties (equal to scikit-learn's trapezoidal area), exact in
     * integers until the one final division; NaN with one class only.
     */
    static double auc(double[] score, byte[] y, int[] rows) {
        Integer[] order = new Integer[rows.length];
        for (int i = 0; i < rows.length; i++) {
            order[i] = rows[i];
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        long pos = 0;
        long twiceRankSum = 0; // sum over positives of 2 * (mid-rank), ranks from 1
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            long twiceMid = (i + 1) + (j + 1); // 2 * average of ranks i+1..j+1
            for (int k = i; k <= j; k++) {
                if (y[order[k]] == 1) {
                    pos++;
                    twiceRankSum += twiceMid;
                }
            }
            i = j + 1;
        }
        long neg = rows.length - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        // U = rankSum - pos (pos + 1) / 2; AUC = U / (pos neg) = (2 rankSum - pos (pos + 1)) / (2 pos neg)
        return (double) (twiceRankSum - pos * (pos + 1)) / (2.0 * pos * neg);
    }

    /** Every metric over all rows (0/0 is 0, as in Fairlearn's overall value). */
    public Map<String, Double> overall() {
        return overall;
    }

    /** Each attribute alone, then the intersection of all of them (when there are several). */
    public List<Grouping> groupings() {
        return groupings;
    }
}
