package org.fairpath.fairness.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairpath.core.review.DecisionTable;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.MetricFrame;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.Metric;

/**
 * The whole audit of a fairpath decision log, the same for the demo and the command line: referrals by group (with
 * intersections), services received by group (allocation), counsellor overrides, rejections and assess-first
 * agreement, contests and their re-review outcomes, and referral-rate trends per month; every part with findings, merged into one {@link Audit} whose
 * findings come most serious first. Immutable.
 */
public final class DecisionLogAudit {

    private final Audit audit;
    private final AuditData referrals;
    private final OverrideAudit overrides;
    private final ContestAudit contests;
    private final Map<String, Allocation> allocations;
    private final Map<String, Map<String, MetricFrame>> trends;

    private DecisionLogAudit(Audit audit, AuditData referrals, OverrideAudit overrides, ContestAudit contests,
                             Map<String, Allocation> allocations, Map<String, Map<String, MetricFrame>> trends) {
        this.audit = audit;
        this.referrals = referrals;
        this.overrides = overrides;
        this.contests = contests;
        this.allocations = allocations;
        this.trends = trends;
    }

    /**
     * Audits {@code table} by {@code groups} (attribute to one label per table row, e.g.
     * {@code table.column("audit.gender")}), with intersections of up to {@code depth} attributes.
     *
     * @throws IllegalArgumentException if a group column does not have one value per row, or depth is out of range
     */
    public static DecisionLogAudit of(DecisionTable table, Map<String, String[]> groups, int depth,
                                      AuditSettings settings, AuditPolicy policy) {
        return of(table, groups, depth, settings, policy, Map.of());
    }

    /** As {@link #of(DecisionTable, Map, int, AuditSettings, AuditPolicy)}, with a reference level per attribute. */
    public static DecisionLogAudit of(DecisionTable table, Map<String, String[]> groups, int depth,
                                      AuditSettings settings, AuditPolicy policy, Map<String, String> references) {
        AuditData referrals = AuditData.fromDecisionTable(table, groups);
        Audit audit = Audit.run(AuditCounts.of(referrals, depth), settings, policy, references);
        OverrideAudit overrides = OverrideAudit.of(table, groups, settings);
        List<Finding> more = new ArrayList<>(overrides.findings(policy, settings, references));
        ContestAudit contests = ContestAudit.of(table, groups, settings);
        more.addAll(contests.findings(policy, settings, references));
        String[] fin = table.column("finalService");
        String[] reversedBy = table.column("reversedBy");
        String[] time = table.column("time");
        List<Integer> inForce = new ArrayList<>();
        for (int i = 0; i < table.rows(); i++) {
            if (reversedBy[i] == null) {
                inForce.add(i);
            }
        }
        String[] services = new String[inForce.size()];
        String[] times = new String[inForce.size()];
        for (int k = 0; k < services.length; k++) {
            int i = inForce.get(k);
            services[k] = fin[i] == null ? "none" : fin[i];
            times[k] = time[i];
        }
        String[] months = Windows.months(times);
        Map<String, Allocation> allocations = new LinkedHashMap<>();
        Map<String, Map<String, MetricFrame>> trends = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> g : groups.entrySet()) {
            String[] labels = inForce.stream().map(i -> g.getValue()[i]).toArray(String[]::new);
            Allocation a = Allocation.of(g.getKey(), labels, services, settings);
            allocations.put(g.getKey(), a);
            more.addAll(a.findings(policy, settings, references));
            Map<String, MetricFrame> trend = Windows.trend(referrals, months, Metric.SELECTION_RATE,
                    List.of(g.getKey()), settings);
            trends.put(g.getKey(), trend);
            if (trend.size() > 1) {
                more.addAll(trendFindings(g.getKey(), trend, settings, policy, references));
            }
        }
        return new DecisionLogAudit(audit.withFindings(more), referrals, overrides, contests, Map.copyOf(allocations),
                Map.copyOf(trends));
    }

    /**
     * The referral-rate ratio in each month (when there are several), each group against the reference group; the
     * intervals are simultaneous over every pair and every month.
     */
    private static List<Finding> trendFindings(String attribute, Map<String, MetricFrame> trend,
                                               AuditSettings settings, AuditPolicy policy,
                                               Map<String, String> references) {
        List<Finding> out = new ArrayList<>();
        String ref = references.get(attribute);
        for (Map.Entry<String, MetricFrame> w : trend.entrySet()) {
            Map<List<String>, Long> cases = new LinkedHashMap<>();
            Map<List<String>, Verdicts.Rate> rates = new LinkedHashMap<>();
            for (MetricFrame.GroupResult r : w.getValue().byGroup()) {
                cases.put(r.group(), r.cases());
                rates.put(r.group(), new Verdicts.Rate(r.estimate().numerator(), r.estimate().denominator()));
            }
            out.addAll(Verdicts.check("trend_demographic_parity_ratio:" + w.getKey(), "the referral-rate ratio in "
                            + w.getKey(), true, List.of(attribute), cases, List.of(new Verdicts.Component(
                                    "referral rate", rates, "no cases in the month")),
                    ref == null ? List.of() : List.of(ref), policy.minSelectionRatio(), settings.confidence(),
                    settings.effectiveMinGroupSize(), trend.size()));
        }
        return out;
    }

    /** Every finding of every part, most serious first, with the referral frames. */
    public Audit audit() {
        return audit;
    }

    /** The decisions in force: referred to a service or not, by group. */
    public AuditData referrals() {
        return referrals;
    }

    /** Overrides, rejections, their direction and assess-first agreement, by group. */
    public OverrideAudit overrides() {
        return overrides;
    }

    /** Contest rates and how often a contest changed the decision, by group. */
    public ContestAudit contests() {
        return contests;
    }

    /** The services received (or "none") by the groups of each attribute. */
    public Allocation allocation(String attribute) {
        Allocation a = allocations.get(attribute);
        if (a == null) {
            throw new IllegalArgumentException("unknown attribute '" + attribute + "'; known: " + allocations.keySet());
        }
        return a;
    }

    /** The referral rate by the groups of {@code attribute} in each month of the decisions' times. */
    public Map<String, MetricFrame> trend(String attribute) {
        Map<String, MetricFrame> t = trends.get(attribute);
        if (t == null) {
            throw new IllegalArgumentException("unknown attribute '" + attribute + "'; known: " + trends.keySet());
        }
        return t;
    }
}
