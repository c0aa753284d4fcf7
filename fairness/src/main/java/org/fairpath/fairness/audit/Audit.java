package org.fairpath.fairness.audit;

import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.Comparison;
import org.fairpath.fairness.metrics.Disparity;
import org.fairpath.fairness.metrics.MetricFrame;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.GroupCounts;
import org.fairpath.fairness.stats.Interval;
import org.fairpath.fairness.stats.Metric;
import org.fairpath.fairness.stats.Tests;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a whole audit: every metric for every grouping (attributes and intersections), and the policy's checks as
 * findings, most serious first. Immutable result.
 */
public final class Audit {

    private final AuditCounts counts;
    private final AuditSettings settings;
    private final AuditPolicy policy;
    private final List<MetricFrame> frames;
    private final List<Finding> findings;

    private Audit(AuditCounts counts, AuditSettings settings, AuditPolicy policy, List<MetricFrame> frames,
                  List<Finding> findings) {
        this.counts = counts;
        this.settings = settings;
        this.policy = policy;
        this.frames = List.copyOf(frames);
        this.findings = List.copyOf(findings);
    }

    /**
     * Audits {@code counts} with {@code settings} and {@code policy}: for every grouping, the selection-rate ratio
     * (four-fifths rule), the true-positive-rate difference and the equalized-odds difference, each for every
     * reportable group against the reference group and for the highest against the lowest group (see
     * {@link Finding} for what the verdicts mean).
     */
    public static Audit run(AuditCounts counts, AuditSettings settings, AuditPolicy policy) {
        return run(counts, settings, policy, Map.of());
    }

    /**
     * As {@link #run(AuditCounts, AuditSettings, AuditPolicy)}, with a reference level per attribute (e.g.
     * {@code age -> 30-50}): a grouping whose every attribute has one is compared with that group, any other grouping
     * with its largest group. (The settings' own reference still applies to groupings of its length when this map is
     * empty.)
     *
     * @throws IllegalArgumentException if a reference names an unknown attribute
     */
    public static Audit run(AuditCounts counts, AuditSettings settings, AuditPolicy policy,
                            Map<String, String> references) {
        for (String a : references.keySet()) {
            if (!counts.attributes().contains(a)) {
                throw new IllegalArgumentException("reference for unknown attribute '" + a + "'; attributes: "
                        + counts.attributes());
            }
        }
        List<MetricFrame> frames = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (List<String> grouping : counts.groupings()) {
            AuditSettings s = settings;
            if (!references.isEmpty()) {
                s = grouping.stream().allMatch(references::containsKey)
                        ? settings.withReference(grouping.stream().map(references::get).toList())
                        : settings.withReference(List.of());
            }
            findings.addAll(checks(counts, grouping, s, policy, frames));
        }
        return new Audit(counts, settings, policy, adjustAcrossAudit(frames), sorted(findings));
    }

    private static List<Finding> checks(AuditCounts counts, List<String> grouping, AuditSettings settings,
                                        AuditPolicy policy, List<MetricFrame> frames) {
        List<Finding> findings = new ArrayList<>();
        for (Metric m : Metric.values()) {
            frames.add(MetricFrame.of(counts, m, grouping, withoutReference(settings, grouping)));
        }
        findings.addAll(check(counts, grouping, settings, "demographic_parity_ratio", "the selection-rate ratio",
                true, policy.minSelectionRatio(), Metric.SELECTION_RATE));
        findings.addAll(check(counts, grouping, settings, "equal_opportunity_difference",
                "the true-positive-rate difference", false, policy.maxOpportunityGap(), Metric.TPR));
        findings.addAll(check(counts, grouping, settings, "equalized_odds_difference",
                "the equalized-odds difference", false, policy.maxOddsGap(), Metric.TPR, Metric.FPR));
        return findings;
    }

    /**
     * This audit with {@code more} findings (e.g. from {@link OverrideAudit#findings} or {@link Allocation#findings}),
     * all ordered most serious first.
     */
    public Audit withFindings(List<Finding> more) {
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(more);
        return new Audit(counts, settings, policy, frames, sorted(all));
    }

    /** Most serious first; within a level, the order of the checks. */
    static List<Finding> sorted(List<Finding> findings) {
        List<Finding> l = new ArrayList<>(findings);
        l.sort((a, b) -> a.level().compareTo(b.level()));
        return l;
    }

    private static List<Finding> check(AuditCounts counts, List<String> grouping, AuditSettings settings,
                                       String check, String what, boolean ratio, double threshold, Metric... metrics) {
        Map<List<String>, GroupCounts> groups = counts.groups(grouping);
        Map<List<String>, Long> cases = new LinkedHashMap<>();
        groups.forEach((g, c) -> cases.put(g, c.n()));
        List<Verdicts.Component> components = new ArrayList<>();
        for (Metric m : metrics) {
            Map<List<String>, Verdicts.Rate> rates = new LinkedHashMap<>();
            groups.forEach((g, c) -> rates.put(g, new Verdicts.Rate(m.numerator(c), m.denominator(c))));
            components.add(new Verdicts.Component(name(m), rates, undefinedCause(counts.overall(), m),
                    m.undefinedReason()));
        }
        List<String> reference = settings.reference().size() == grouping.size() ? settings.reference() : List.of();
        return Verdicts.check(check, what, ratio, grouping, cases, components, reference, threshold,
                settings.confidence(), settings.effectiveMinGroupSize());
    }

    private static String name(Metric m) {
        return switch (m) {
            case SELECTION_RATE -> "selection rate";
            case TPR -> "true positive rate";
            case FPR -> "false positive rate";
            default -> m.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /** The true cause when a metric has no value in enough groups, judged from all cases. */
    private static String undefinedCause(GroupCounts all, Metric m) {
        long known = all.tp() + all.fp() + all.tn() + all.fn();
        if (m != Metric.SELECTION_RATE && known == 0) {
            return "no case has a known outcome (the data have no outcome column, or every outcome is unknown)";
        }
        if (m.denominator(all) == 0) {
            return "no case at all has a " + switch (m) {
                case TPR, FNR -> "favourable outcome, so there is no true positive rate";
                case FPR, TNR -> "unfavourable outcome, so there is no false positive rate";
                default -> "value for " + name(m);
            };
        }
        return "fewer than two groups of at least the minimum size have a " + name(m) + " ("
                + m.undefinedReason() + " in the others)";
    }

    /**
     * Benjamini-Hochberg over every distinct comparison of every frame, so many groups and metrics do not breed false
     * alarms. A comparison is a hypothesis, counted once however often the report shows it: one pair of groups of one
     * grouping, for one metric or its complement (the difference and the ratio, the max-vs-min pair that is also a
     * pair with the reference group, TPR with FNR, FPR with TNR, are each one test).
     */
    private static List<MetricFrame> adjustAcrossAudit(List<MetricFrame> frames) {
        List<Double> p = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        for (MetricFrame f : frames) {
            for (Comparison c : f.comparisons()) {
                p.add(c.pValue());
                keys.add(List.of(f.grouping(), hypothesis(f.metric()), new java.util.HashSet<>(List.of(c.group(), c.against()))));
            }
        }
        double[] adjusted = Tests.benjaminiHochberg(p.stream().mapToDouble(Double::doubleValue).toArray(), keys);
        List<MetricFrame> out = new ArrayList<>(frames.size());
        int at = 0;
        for (MetricFrame f : frames) {
            int n = f.comparisons().size();
            out.add(f.withAdjustedP(java.util.Arrays.copyOfRange(adjusted, at, at + n)));
            at += n;
        }
        return out;
    }

    /** The metric whose test of equal proportions is the same as {@code m}'s (a rate and its complement). */
    static Metric hypothesis(Metric m) {
        return switch (m) {
            case FNR -> Metric.TPR;
            case TNR -> Metric.FPR;
            default -> m;
        };
    }

    /** A named reference group applies only to the grouping it names (same number of levels). */
    private static AuditSettings withoutReference(AuditSettings s, List<String> grouping) {
        return s.reference().size() == grouping.size() ? s : s.withReference(List.of());
    }

    public AuditCounts counts() {
        return counts;
    }

    public AuditSettings settings() {
        return settings;
    }

    public AuditPolicy policy() {
        return policy;
    }

    /** Every metric frame: for each grouping in order, every metric in {@link Metric} order. */
    public List<MetricFrame> frames() {
        return frames;
    }

    /** The frame of {@code metric} for {@code grouping}. */
    public MetricFrame frame(Metric metric, List<String> grouping) {
        return frames.stream().filter(f -> f.metric() == metric && f.grouping().equals(grouping)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown grouping " + grouping + "; known: "
                        + counts.groupings()));
    }

    /**
     * The groups withheld from the report for having fewer cases than the minimum size, by grouping (in
     * {@link AuditCounts#groupings()} order; a grouping with none maps to an empty list).
     */
    public Map<List<String>, List<List<String>>> suppressedGroups() {
        Map<List<String>, List<List<String>>> m = new LinkedHashMap<>();
        for (List<String> grouping : counts.groupings()) {
            m.put(grouping, frame(Metric.SELECTION_RATE, grouping).byGroup().stream()
                    .filter(MetricFrame.GroupResult::suppressed).map(MetricFrame.GroupResult::group).toList());
        }
        return m;
    }

    /** The number of groups withheld for having fewer cases than the minimum size, over every grouping. */
    public int suppressedCount() {
        return suppressedGroups().values().stream().mapToInt(List::size).sum();
    }

    /** The findings, most serious first. */
    public List<Finding> findings() {
        return findings;
    }
}
