package org.fairpath.fairness.audit;

import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.stats.Estimate;
import org.fairpath.fairness.stats.Intervals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How cases of each group are spread over categories (services suggested, services received, directions of
 * overrides, ...), with each group's share per category (Wilson intervals) and Pearson's chi-square test of
 * independence between group and category. Immutable.
 *
 * <p>Groups below the minimum size are suppressed: their shares are withheld and they are left out of the test, but
 * they count in the overall distribution. The test is flagged unreliable when an expected count is below 5.
 */
public final class Allocation {

    private final String attribute;
    private final List<String> categories;
    private final Map<String, long[]> counts;
    private final long[] overall;
    private final List<String> suppressed;
    private final double chiSquare;
    private final int degreesOfFreedom;
    private final double pValue;
    private final boolean reliable;
    private final double confidence;

    private Allocation(String attribute, List<String> categories, Map<String, long[]> counts, long[] overall,
                       List<String> suppressed, double chiSquare, int df, double pValue, boolean reliable,
                       double confidence) {
        this.attribute = attribute;
        this.categories = List.copyOf(categories);
        this.counts = counts;
        this.overall = overall;
        this.suppressed = List.copyOf(suppressed);
        this.chiSquare = chiSquare;
        this.degreesOfFreedom = df;
        this.pValue = pValue;
        this.reliable = reliable;
        this.confidence = confidence;
    }

    /**
     * Cross-tabulates {@code groups} against {@code categories} (null or empty values are {@value AuditData#MISSING}).
     *
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static Allocation of(String attribute, String[] groups, String[] categories, AuditSettings settings) {
        if (groups.length != categories.length) {
            throw new IllegalArgumentException(attribute + " has " + groups.length + " values; categories has "
                    + categories.length);
        }
        TreeSet<String> cats = new TreeSet<>();
        for (String c : categories) {
            cats.add(label(c));
        }
        List<String> catList = new ArrayList<>(cats);
        Map<String, long[]> table = new TreeMap<>(org.fairpath.fairness.input.Bands.ORDER);
        long[] overall = new long[catList.size()];
        for (int i = 0; i < groups.length; i++) {
            int c = Collections.binarySearch(catList, label(categories[i]));
            table.computeIfAbsent(label(groups[i]), g -> new long[catList.size()])[c]++;
            overall[c]++;
        }
        List<String> suppressed = new ArrayList<>();
        Map<String, long[]> reported = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : table.entrySet()) {
            if (sum(e.getValue()) < settings.effectiveMinGroupSize()) {
                suppressed.add(e.getKey());
            } else {
                reported.put(e.getKey(), e.getValue());
            }
        }
        // chi-square of independence over reported groups and the categories they use
        long[] colTotals = new long[catList.size()];
        long n = 0;
        for (long[] row : reported.values()) {
            for (int c = 0; c < row.length; c++) {
                colTotals[c] += row[c];
                n += row[c];
            }
        }
        int usedColumns = 0;
        for (long t : colTotals) {
            usedColumns += t > 0 ? 1 : 0;
        }
        double chi2 = Double.NaN;
        double p = Double.NaN;
        int df = (reported.size() - 1) * (usedColumns - 1);
        boolean reliable = false;
        if (df > 0) {
            chi2 = 0;
            reliable = true;
            for (long[] row : reported.values()) {
                long rowTotal = sum(row);
                for (int c = 0; c < row.length; c++) {
                    if (colTotals[c] == 0) {
                        continue;
                    }
                    double expected = (double) rowTotal * colTotals[c] / n;
                    reliable &= expected >= 5;
                    chi2 += (row[c] - expected) * (row[c] - expected) / expected;
                }
            }
            p = org.fairpath.fairness.stats.Tests.chiSquareSurvival(chi2, df);
        }
        return new Allocation(attribute, catList, Collections.unmodifiableMap(reported), overall, suppressed, chi2,
                Math.max(df, 0), p, reliable, settings.confidence());
    }

    private static String label(String v) {
        return v == null || v.isEmpty() ? AuditData.MISSING : v;
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long x : a) {
            s += x;
        }
        return s;
    }

    public String attribute() {
        return attribute;
    }

    /** The categories, sorted. */
    public List<String> categories() {
        return categories;
    }

    /** The reported groups, sorted. */
    public List<String> groups() {
        return new ArrayList<>(counts.keySet());
    }

    /** Groups withheld for being smaller than the minimum size. */
    public List<String> suppressedGroups() {
        return suppressed;
    }

    /**
     * Findings on the allocation: for each group against the reference group (the largest, or {@code settings}'
     * reference when it names one level) and highest against lowest, the largest difference in the share of cases in
     * any one category, with {@link AuditPolicy#maxServiceShareGap()} as threshold; intervals are simultaneous over
     * every pair of groups and every category.
     */
    public List<Finding> findings(AuditPolicy policy, AuditSettings settings) {
        return findings(policy, settings, Map.of());
    }

    /** As {@link #findings(AuditPolicy, AuditSettings)}, with a reference level per attribute where given. */
    public List<Finding> findings(AuditPolicy policy, AuditSettings settings, Map<String, String> references) {
        Map<List<String>, Long> cases = new LinkedHashMap<>();
        counts.forEach((g, row) -> cases.put(List.of(g), sum(row)));
        List<Verdicts.Component> components = new ArrayList<>();
        for (int c = 0; c < categories.size(); c++) {
            Map<List<String>, Verdicts.Rate> rates = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                rates.put(List.of(e.getKey()), new Verdicts.Rate(e.getValue()[c], sum(e.getValue())));
            }
            components.add(new Verdicts.Component("'" + categories.get(c) + "' share", rates, "no cases"));
        }
        String ref = references.get(attribute);
        List<String> reference = ref != null ? List.of(ref) : references.isEmpty()
                && settings.reference().size() == 1 ? settings.reference() : List.of();
        // suppressed groups are not in counts: they take no part, as in the chi-square test
        return Audit.sorted(Verdicts.check("service_share_difference", "the largest difference in shares", false, List.of(attribute), cases, components, reference,
                policy.maxServiceShareGap(), settings.confidence(), 1));
    }

    /** Cases of {@code group} in {@code category}. */
    public long count(String group, String category) {
        long[] row = row(group);
        int c = categories.indexOf(category);
        return c < 0 ? 0 : row[c];
    }

    /** The share of {@code group}'s cases in {@code category}, with its Wilson interval. */
    public Estimate share(String group, String category) {
        long[] row = row(group);
        int c = categories.indexOf(category);
        long x = c < 0 ? 0 : row[c];
        long n = sum(row);
        return new Estimate((double) x / n, x, n, Intervals.wilson(x, n, confidence), "");
    }

    /** The share of all cases (suppressed groups included) in {@code category}. */
    public double overallShare(String category) {
        int c = categories.indexOf(category);
        long n = sum(overall);
        return c < 0 || n == 0 ? Double.NaN : (double) overall[c] / n;
    }

    private long[] row(String group) {
        long[] row = counts.get(group);
        if (row == null) {
            throw new IllegalArgumentException("no reported group '" + group + "'; reported: " + groups()
                    + (suppressed.contains(group) ? " ('" + group + "' is suppressed: too few cases)" : ""));
        }
        return row;
    }

    /** Pearson's chi-square statistic of independence (NaN with fewer than two groups or categories). */
    public double chiSquare() {
        return chiSquare;
    }

    public int degreesOfFreedom() {
        return degreesOfFreedom;
    }

    /** The test's p-value (NaN when there is nothing to test). */
    public double pValue() {
        return pValue;
    }

    /** Whether every expected count is at least 5, so the chi-square approximation can be trusted. */
    public boolean reliable() {
        return reliable;
    }
}
