package org.fairpath.fairness.metrics;

import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.Estimate;
import org.fairpath.fairness.stats.GroupCounts;
import org.fairpath.fairness.stats.Interval;
import org.fairpath.fairness.stats.Intervals;
import org.fairpath.fairness.stats.Metric;
import org.fairpath.fairness.stats.Tests;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One metric for one grouping, in the spirit of Fairlearn's MetricFrame: the overall value, the value of each group
 * (with counts and intervals), the lowest and highest group, their difference and ratio, and each group against a
 * reference group. Immutable.
 *
 * <p>Conventions (written down because tools differ):
 * <ul>
 *   <li>An undefined value (0/0) is NaN with a reason, never 0; undefined groups take no part in min, max or
 *       comparisons.</li>
 *   <li>Groups with fewer than {@code minGroupSize} cases are suppressed: their value is withheld (NaN with the
 *       reason "suppressed"), they take no part in min, max or comparisons, and they still count in the overall.</li>
 *   <li>{@link #difference()} is max minus min (always at least 0), {@link #ratio()} is min over max (between 0 and
 *       1), as Fairlearn's {@code between_groups} method defines them; the ratio is undefined when max is 0.</li>
 *   <li>Intervals of differences (Newcombe) and ratios (Koopman's score interval, valid at 0% and 100%) are
 *       simultaneous over every pair of reported groups (Bonferroni: each at {@code 1 - (1 - confidence) / pairs}), and
 *       their {@link Interval#confidence()} says that per-pair level.</li>
 *   <li>The reference group is the one named in the settings, else the largest reported group (ties: first in
 *       order); comparisons against it are signed: group minus reference, group over reference.</li>
 * </ul>
 */
public final class MetricFrame {

    /**
     * One group's result.
     *
     * @param group      the group's levels, one per attribute of the grouping
     * @param cases      number of cases in the group (reported even when the value is suppressed)
     * @param estimate   the metric's value with interval, or the reason it is undefined or suppressed
     * @param suppressed whether the value is withheld because the group is too small
     */
    public record GroupResult(List<String> group, long cases, Estimate estimate, boolean suppressed) {
    }

    private final Metric metric;
    private final List<String> grouping;
    private final Estimate overall;
    private final List<GroupResult> byGroup;
    private final GroupResult min;
    private final GroupResult max;
    private final Comparison difference;
    private final Comparison ratio;
    private final List<String> reference;
    private final List<Comparison> vsReference;

    private MetricFrame(Metric metric, List<String> grouping, Estimate overall, List<GroupResult> byGroup,
                        GroupResult min, GroupResult max, Comparison difference, Comparison ratio,
                        List<String> reference, List<Comparison> vsReference) {
        this.metric = metric;
        this.grouping = List.copyOf(grouping);
        this.overall = overall;
        this.byGroup = List.copyOf(byGroup);
        this.min = min;
        this.max = max;
        this.difference = difference;
        this.ratio = ratio;
        this.reference = reference;
        this.vsReference = List.copyOf(vsReference);
    }

    /**
     * Computes {@code metric} for each group of {@code grouping}.
     *
     * @throws IllegalArgumentException if the grouping is unknown, or the settings name a reference group that does
     *                                  not exist or is not reported
     */
    public static MetricFrame of(AuditCounts counts, Metric metric, List<String> grouping, AuditSettings settings) {
        Map<List<String>, GroupCounts> groups = counts.groups(grouping);
        double conf = settings.confidence();
        AuditSettings.Compatibility compat = settings.compatibility();
        if (compat == AuditSettings.Compatibility.AIF360 && settings.reference().isEmpty()) {
            throw new IllegalArgumentException("AIF360 conventions compare with a declared privileged group; name it"
                    + " with AuditSettings.withReference");
        }
        int minSize = settings.effectiveMinGroupSize();
        List<GroupResult> results = new ArrayList<>();
        for (Map.Entry<List<String>, GroupCounts> e : groups.entrySet()) {
            long n = e.getValue().n();
            boolean suppressed = n < minSize;
            Estimate est = suppressed ? Estimate.suppressed(n, minSize, conf) : Estimate.of(metric, e.getValue(), conf);
            if (compat == AuditSettings.Compatibility.FAIRLEARN && !est.isDefined()) {
                est = new Estimate(0.0, 0, 0, Interval.undefined(conf), "0 by Fairlearn's convention for 0/0 ("
                        + metric.undefinedReason() + ")");
            }
            results.add(new GroupResult(e.getKey(), n, est, suppressed));
        }
        List<GroupResult> reported = results.stream().filter(r -> r.estimate().isDefined()).toList();
        GroupResult min = reported.stream().min(Comparator.comparingDouble(r -> r.estimate().value())).orElse(null);
        GroupResult max = reported.stream().max(Comparator.comparingDouble(r -> r.estimate().value())).orElse(null);
        if (min == max && reported.size() >= 2) {
            max = reported.get(reported.get(0) == min ? 1 : 0); // all equal: any other group shows the zero gap
        }

        List<String> reference = null;
        if (!settings.reference().isEmpty()) {
            reference = settings.reference();
            List<String> ref = reference;
            GroupResult r = results.stream().filter(g -> g.group().equals(ref)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("reference group " + ref + " does not occur in grouping " + grouping
                            + "; groups: " + groups.keySet()));
            if (r.suppressed()) {
                throw new IllegalArgumentException("reference group " + ref + " has " + r.cases() + " cases, fewer"
                        + " than the minimum of " + minSize + "; choose a larger reference group");
            }
        } else {
            reference = results.stream().filter(g -> !g.suppressed())
                    .max(Comparator.comparingLong(GroupResult::cases)).map(GroupResult::group).orElse(null);
        }

        List<Comparison> all = new ArrayList<>();
        Comparison difference = null;
        Comparison ratio = null;
        // intervals simultaneous over every pair of reported groups (Bonferroni): max-vs-min is a pair chosen by the
        // data, so a per-pair 95% interval would flag chance differences among many groups
        long pairs = Math.max(1, (long) reported.size() * (reported.size() - 1) / 2);
        conf = 1 - (1 - conf) / pairs;
        if (reported.size() >= 2) {
            difference = difference(max, min, conf);
            ratio = ratio(min, max, conf, compat);
            all.add(difference);
            all.add(ratio);
        }
        List<Comparison> vsReference = new ArrayList<>();
        GroupResult ref = null;
        for (GroupResult g : results) {
            if (g.group().equals(reference)) {
                ref = g;
            }
        }
        if (ref != null && ref.estimate().isDefined()) {
            for (GroupResult g : reported) {
                if (g != ref) {
                    vsReference.add(difference(g, ref, conf));
                    vsReference.add(ratio(g, ref, conf, compat));
                }
            }
        }
        all.addAll(vsReference);
        double[] p = new double[all.size()];
        List<Object> hypotheses = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            p[i] = all.get(i).pValue();
            // one pair of groups is one hypothesis: its difference and ratio, and max-vs-min when it is also a pair
            // with the reference group, count once
            hypotheses.add(new java.util.HashSet<>(List.of(all.get(i).group(), all.get(i).against())));
        }
        double[] adjusted = Tests.benjaminiHochberg(p, hypotheses);
        for (int i = 0; i < all.size(); i++) {
            all.set(i, all.get(i).withAdjustedP(adjusted[i]));
        }
        int k = 0;
        if (difference != null) {
            difference = all.get(k++);
            ratio = all.get(k++);
        }
        List<Comparison> vs = all.subList(k, all.size());
        Estimate overall = Estimate.of(metric, counts.overall(), settings.confidence());
        if (compat == AuditSettings.Compatibility.FAIRLEARN && !overall.isDefined()) {
            overall = new Estimate(0.0, 0, 0, Interval.undefined(settings.confidence()), "0 by Fairlearn's convention"
                    + " for 0/0 (" + metric.undefinedReason() + ")");
        }
        return new MetricFrame(metric, grouping, overall, results, min, max,
                difference, ratio, reference, vs);
    }

    private static Comparison difference(GroupResult a, GroupResult b, double conf) {
        Estimate x = a.estimate();
        Estimate y = b.estimate();
        return new Comparison("difference", a.group(), b.group(), x.value() - y.value(),
                Intervals.newcombe(x.numerator(), x.denominator(), y.numerator(), y.denominator(), conf),
                Tests.equalProportions(x.numerator(), x.denominator(), y.numerator(), y.denominator()), Double.NaN,
                "");
    }

    private static Comparison ratio(GroupResult a, GroupResult b, double conf, AuditSettings.Compatibility compat) {
        Estimate x = a.estimate();
        Estimate y = b.estimate();
        double p = Tests.equalProportions(x.numerator(), x.denominator(), y.numerator(), y.denominator());
        if (y.value() == 0 && x.value() > 0 && compat == AuditSettings.Compatibility.AIF360) {
            return new Comparison("ratio", a.group(), b.group(), Double.POSITIVE_INFINITY, Interval.undefined(conf), p,
                    Double.NaN, "the comparison group's value is 0: +Infinity by AIF360's convention");
        }
        if (y.value() == 0) {
            return new Comparison("ratio", a.group(), b.group(), Double.NaN, Interval.undefined(conf), p, Double.NaN,
                    "the comparison group's value is 0, so the ratio is undefined");
        }
        Interval i = Intervals.koopman(x.numerator(), x.denominator(), y.numerator(), y.denominator(), conf);
        return new Comparison("ratio", a.group(), b.group(), x.value() / y.value(), i, p, Double.NaN,
                "");
    }

    /** Every comparison of this frame, in a fixed order: difference, ratio, then vsReference. */
    public List<Comparison> comparisons() {
        List<Comparison> l = new ArrayList<>();
        if (difference != null) {
            l.add(difference);
            l.add(ratio);
        }
        l.addAll(vsReference);
        return l;
    }

    /** A copy whose comparisons carry {@code adjusted} p-values (in {@link #comparisons()} order). */
    public MetricFrame withAdjustedP(double[] adjusted) {
        List<Comparison> c = comparisons();
        for (int i = 0; i < c.size(); i++) {
            c.set(i, c.get(i).withAdjustedP(adjusted[i]));
        }
        int k = difference == null ? 0 : 2;
        return new MetricFrame(metric, grouping, overall, byGroup, min, max, k == 0 ? null : c.get(0),
                k == 0 ? null : c.get(1), reference, c.subList(k, c.size()));
    }

    public Metric metric() {
        return metric;
    }

    /** The attributes whose levels form the groups. */
    public List<String> grouping() {
        return grouping;
    }

    /** The metric over all cases, including suppressed groups. */
    public Estimate overall() {
        return overall;
    }

    /** Every group, in level order, with counts; suppressed and undefined ones say so. */
    public List<GroupResult> byGroup() {
        return byGroup;
    }

    /** The group with the lowest reported value, if any group is reported. */
    public Optional<GroupResult> min() {
        return Optional.ofNullable(min);
    }

    /** The group with the highest reported value, if any group is reported. */
    public Optional<GroupResult> max() {
        return Optional.ofNullable(max);
    }

    /** Max minus min, with Newcombe's interval; empty with fewer than two reported groups. */
    public Optional<Comparison> difference() {
        return Optional.ofNullable(difference);
    }

    /** Min over max, with Katz's interval; empty with fewer than two reported groups. */
    public Optional<Comparison> ratio() {
        return Optional.ofNullable(ratio);
    }

    /** The reference group's levels, if one is reported. */
    public Optional<List<String>> reference() {
        return Optional.ofNullable(reference);
    }

    /** Each other reported group against the reference: a difference and a ratio each, in group order. */
    public List<Comparison> vsReference() {
        return vsReference;
    }
}
