package org.fairpath.fairness.audit;

import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.Comparison;
import org.fairpath.fairness.metrics.Disparity;
import org.fairpath.fairness.metrics.MetricFrame;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.Interval;
import org.fairpath.fairness.stats.Metric;
import org.fairpath.fairness.stats.Tests;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    /** Audits {@code counts} with {@code settings} and {@code policy}. */
    public static Audit run(AuditCounts counts, AuditSettings settings, AuditPolicy policy) {
        List<MetricFrame> frames = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (List<String> grouping : counts.groupings()) {
            for (Metric m : Metric.values()) {
                frames.add(MetricFrame.of(counts, m, grouping, withoutReference(settings, grouping)));
            }
            findings.add(check(counts, grouping, settings, Disparity.DEMOGRAPHIC_PARITY_RATIO,
                    policy.minSelectionRatio()));
            findings.add(check(counts, grouping, settings, Disparity.EQUAL_OPPORTUNITY_DIFFERENCE,
                    policy.maxOpportunityGap()));
            findings.add(check(counts, grouping, settings, Disparity.EQUALIZED_ODDS_DIFFERENCE, policy.maxOddsGap()));
        }
        findings.sort((a, b) -> a.level().compareTo(b.level()));
        return new Audit(counts, settings, policy, adjustAcrossAudit(frames), findings);
    }

    /** Benjamini-Hochberg over every comparison of every frame, so many groups and metrics do not breed false alarms. */
    private static List<MetricFrame> adjustAcrossAudit(List<MetricFrame> frames) {
        List<Double> p = new ArrayList<>();
        for (MetricFrame f : frames) {
            f.comparisons().forEach(c -> p.add(c.pValue()));
        }
        double[] adjusted = Tests.benjaminiHochberg(p.stream().mapToDouble(Double::doubleValue).toArray());
        List<MetricFrame> out = new ArrayList<>(frames.size());
        int at = 0;
        for (MetricFrame f : frames) {
            int n = f.comparisons().size();
            out.add(f.withAdjustedP(java.util.Arrays.copyOfRange(adjusted, at, at + n)));
            at += n;
        }
        return out;
    }

    /** A named reference group applies only to the grouping it names (same number of levels). */
    private static AuditSettings withoutReference(AuditSettings s, List<String> grouping) {
        return s.reference().size() == grouping.size() ? s : s.withReference(List.of());
    }

    private static Finding check(AuditCounts counts, List<String> grouping, AuditSettings settings, Disparity d,
                                 double threshold) {
        Optional<Comparison> c = d.of(counts, grouping, withoutReference(settings, grouping));
        String what = describe(d);
        String by = String.join(" x ", grouping);
        if (c.isEmpty()) {
            return new Finding(Finding.Level.UNDEFINED, d, grouping, Double.NaN, threshold, String.format(Locale.ROOT,
                    "%s by %s cannot be checked: fewer than two groups have enough cases with a defined value.",
                    capitalise(what), by));
        }
        Comparison k = c.get();
        double v = k.value();
        boolean breaks = d.isDifference() ? v > threshold : v < threshold;
        Interval i = k.interval();
        boolean clear = i.isDefined() && (d.isDifference() ? i.lower() > threshold : i.upper() < threshold);
        Finding.Level level = !breaks ? Finding.Level.PASS : clear ? Finding.Level.FAIL : Finding.Level.WARN;
        String groups = k.group() + " vs " + k.against();
        String interval = i.isDefined() ? String.format(Locale.ROOT, "%.0f%% interval %.2f to %.2f",
                100 * i.confidence(), i.lower(), i.upper()) : "no interval";
        String verdict = switch (level) {
            case PASS -> "within the policy threshold of " + fmt(threshold);
            case FAIL -> "beyond the policy threshold of " + fmt(threshold) + ", and the whole interval is too";
            default -> "beyond the policy threshold of " + fmt(threshold) + ", but the interval reaches back across"
                    + " it, so the data cannot tell";
        };
        return new Finding(level, d, grouping, v, threshold, String.format(Locale.ROOT, "%s by %s is %.3f (%s, %s):"
                + " %s.", capitalise(what), by, v, groups, interval, verdict));
    }

    private static String describe(Disparity d) {
        return switch (d) {
            case DEMOGRAPHIC_PARITY_RATIO -> "the selection-rate ratio";
            case EQUAL_OPPORTUNITY_DIFFERENCE -> "the true-positive-rate gap";
            case EQUALIZED_ODDS_DIFFERENCE -> "the equalized-odds gap";
            default -> d.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
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

    /** The findings, most serious first. */
    public List<Finding> findings() {
        return findings;
    }
}
