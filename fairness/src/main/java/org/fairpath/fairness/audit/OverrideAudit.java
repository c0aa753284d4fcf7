package org.fairpath.fairness.audit;

import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.input.Bands;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.MetricFrame;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.Metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fairpath.core.review.DecisionTable;

/**
 * How counsellors treat suggestions, by group: override and reject rates (with intervals, comparisons and tests as
 * in {@link MetricFrame}), the direction of overrides (towards more, equally or less intensive services), and, in
 * assess-first deployments, how often the counsellor's own prior choice agreed with the top suggestion.
 *
 * <p>Rows: the initial {@code DECISION} records made with suggestions (manual-workflow decisions are left out), each
 * judged by the decision in force: when it was reversed (perhaps repeatedly), the last reversal's decision replaces
 * it, so a reversed ACCEPTED counts as REJECTED or OVERRIDDEN; a re-review that changed a contested decision
 * ({@code RE_REVIEW}, outcome CHANGED) replaces it the same way. A log the audit cannot interpret with certainty is
 * refused naming the record's sequence number: a decision kind other than ACCEPTED, OVERRIDDEN or REJECTED, an
 * ACCEPTED or OVERRIDDEN decision without a final service, or a REVERSAL of another jobseeker's record or of no
 * decision in the log. (Reversals of decisions purged before the retained period are not in the table at all: see
 * {@link DecisionTable#reversalsOfPurged()}.)
 */
public final class OverrideAudit {

    /** Direction categories. */
    public static final String ACCEPTED = "accepted";
    public static final String MORE_INTENSIVE = "override to a more intensive service";
    public static final String SAME_INTENSITY = "override to an equally intensive service";
    public static final String LESS_INTENSIVE = "override to a less intensive service";
    public static final String REJECTED = "rejected";

    private final Map<String, MetricFrame> overrideRate = new LinkedHashMap<>();
    private final Map<String, MetricFrame> rejectRate = new LinkedHashMap<>();
    private final Map<String, Allocation> directions = new LinkedHashMap<>();
    private final Map<String, MetricFrame> agreement = new LinkedHashMap<>();
    private final int decisions;

    private OverrideAudit(int decisions) {
        this.decisions = decisions;
    }

    /**
     * Audits the decisions in {@code table} by each of {@code groups} (attribute name to one group label per table
     * row, e.g. {@code table.column("audit.gender")} or {@code Bands.of(table.column("audit.age"), 30, 50)}).
     *
     * @throws IllegalArgumentException if a group column does not have one value per table row
     */
    public static OverrideAudit of(DecisionTable table, Map<String, String[]> groups, AuditSettings settings) {
        String[] type = table.column("type");
        String[] manual = table.column("manualWorkflow");
        String[] decision = table.column("decision");
        String[] top = table.column("topIntensity");
        String[] fin = table.column("finalIntensity");
        String[] topService = table.column("topSuggestion");
        String[] assessment = table.column("assessment");
        String[] sequence = table.column("sequence");
        String[] jobseeker = table.column("jobseeker");
        String[] reverses = table.column("reverses");
        String[] reversedBy = table.column("reversedBy");
        String[] service = table.column("finalService");
        Map<String, Integer> rowOf = new java.util.HashMap<>();
        for (int i = 0; i < table.rows(); i++) {
            rowOf.put(sequence[i], i);
        }
        for (int i = 0; i < table.rows(); i++) {
            String kind = decision[i];
            if (!"ACCEPTED".equals(kind) && !"OVERRIDDEN".equals(kind) && !"REJECTED".equals(kind)) {
                throw new IllegalArgumentException("decision log record " + sequence[i] + " (" + type[i] + ") has"
                        + " decision kind " + (kind == null ? "none" : "'" + kind + "'")
                        + "; allowed: ACCEPTED, OVERRIDDEN, REJECTED");
            }
            if (!"REJECTED".equals(kind) && service[i] == null) {
                throw new IllegalArgumentException("decision log record " + sequence[i] + " is " + kind
                        + " but names no finalService; the audit cannot tell which service was given");
            }
            if ("REVERSAL".equals(type[i]) || "RE_REVIEW".equals(type[i])) {
                Integer target = reverses[i] == null ? null : rowOf.get(reverses[i]);
                if (target == null) {
                    throw new IllegalArgumentException("decision log record " + sequence[i] + " is a " + type[i]
                            + " of "
                            + (reverses[i] == null ? "no record" : "record " + reverses[i]) + ", which is not a"
                            + " decision in the log" + (table.purgedThrough() > 0 && reverses[i] != null
                            ? " (records up to " + table.purgedThrough() + " were purged; a reversal of one of"
                            + " those would be left out, but this one names a record that should be present)" : ""));
                }
                if (!java.util.Objects.equals(jobseeker[target], jobseeker[i])) {
                    throw new IllegalArgumentException("decision log record " + sequence[i] + " is a " + type[i]
                            + " for"
                            + " jobseeker '" + jobseeker[i] + "' of record " + reverses[i] + ", which belongs to"
                            + " jobseeker '" + jobseeker[target] + "'");
                }
            }
        }
        List<Integer> rows = new ArrayList<>();
        int[] inForce = new int[table.rows()];
        for (int i = 0; i < table.rows(); i++) {
            int f = i;
            for (int hops = 0; reversedBy[f] != null; hops++) {
                Integer next = rowOf.get(reversedBy[f]);
                if (next == null || hops > table.rows()) {
                    throw new IllegalArgumentException("decision log record " + sequence[f] + " is reversed by "
                            + reversedBy[f] + ", which cannot be followed");
                }
                f = next;
            }
            inForce[i] = f;
            if (type[i].equals("DECISION") && manual[i] == null && topService[i] != null) {
                rows.add(i);
            }
        }
        OverrideAudit a = new OverrideAudit(rows.size());
        for (Map.Entry<String, String[]> g : groups.entrySet()) {
            if (g.getValue().length != table.rows()) {
                throw new IllegalArgumentException("group column '" + g.getKey() + "' has " + g.getValue().length
                        + " values; the decision table has " + table.rows() + " rows");
            }
            String[] labels = rows.stream().map(i -> g.getValue()[i]).toArray(String[]::new);
            boolean[] overridden = new boolean[rows.size()];
            boolean[] rejected = new boolean[rows.size()];
            String[] direction = new String[rows.size()];
            List<String> assessedLabels = new ArrayList<>();
            List<Boolean> agreed = new ArrayList<>();
            for (int k = 0; k < rows.size(); k++) {
                int i = rows.get(k);
                int f = inForce[i];
                // the decision in force, judged against the original suggestion
                boolean reversed = f != i;
                if (overridden[k] || "OVERRIDDEN".equals(decision[f]) || reversed && "ACCEPTED".equals(decision[f])) {
                    if (fin[f] == null) {
                        throw new IllegalArgumentException("decision log record " + sequence[f] + " gives service '"
                                + service[f] + "' with no finalIntensity; the override's direction cannot be told");
                    }
                }
                int finalIntensity = fin[f] == null ? -1 : Integer.parseInt(fin[f]);
                int topIntensity = Integer.parseInt(top[i]);
                overridden[k] = "OVERRIDDEN".equals(decision[f])
                        || reversed && "ACCEPTED".equals(decision[f]) && !service[f].equals(topService[i]);
                rejected[k] = "REJECTED".equals(decision[f]);
                direction[k] = rejected[k] ? REJECTED : !overridden[k] ? ACCEPTED
                        : finalIntensity > topIntensity ? MORE_INTENSIVE
                        : finalIntensity < topIntensity ? LESS_INTENSIVE : SAME_INTENSITY;
                if (assessment[i] != null) {
                    assessedLabels.add(labels[k]);
                    agreed.add(assessment[i].equals(topService[i]));
                }
            }
            List<String> grouping = List.of(g.getKey());
            a.overrideRate.put(g.getKey(), rate(g.getKey(), labels, overridden, grouping, settings));
            a.rejectRate.put(g.getKey(), rate(g.getKey(), labels, rejected, grouping, settings));
            a.directions.put(g.getKey(), Allocation.of(g.getKey(), labels, direction, settings));
            if (!agreed.isEmpty()) {
                boolean[] ag = new boolean[agreed.size()];
                for (int k = 0; k < ag.length; k++) {
                    ag[k] = agreed.get(k);
                }
                a.agreement.put(g.getKey(), rate(g.getKey(), assessedLabels.toArray(new String[0]), ag, grouping,
                        settings));
            }
        }
        return a;
    }

    private static MetricFrame rate(String attribute, String[] labels, boolean[] flag, List<String> grouping,
                                    AuditSettings settings) {
        AuditData d = AuditData.builder().group(attribute, labels).decisions(flag).build();
        return MetricFrame.of(AuditCounts.of(d, 1), Metric.SELECTION_RATE, grouping, settings);
    }

    /**
     * Findings on counsellor behaviour for every attribute: the override rate, the reject rate and (in assess-first
     * deployments) the agreement of prior choices with the top suggestion, each group against the reference group
     * (the largest, or {@code settings}' reference when it names one level) and highest against lowest, with the
     * policy's {@link AuditPolicy#maxOverrideGap()} as threshold.
     */
    public List<Finding> findings(AuditPolicy policy, AuditSettings settings) {
        return findings(policy, settings, Map.of());
    }

    /** As {@link #findings(AuditPolicy, AuditSettings)}, with a reference level per attribute where given. */
    public List<Finding> findings(AuditPolicy policy, AuditSettings settings, Map<String, String> references) {
        List<Finding> out = new ArrayList<>();
        for (String attribute : overrideRate.keySet()) {
            out.addAll(check("override_rate_difference", "the override rate difference", "override rate",
                    overrideRate.get(attribute), policy, settings, references));
            out.addAll(check("reject_rate_difference", "the reject rate difference", "reject rate",
                    rejectRate.get(attribute), policy, settings, references));
            if (agreement.containsKey(attribute)) {
                out.addAll(check("assess_first_agreement_difference", "the assess-first agreement difference",
                        "agreement rate", agreement.get(attribute), policy, settings, references));
            }
        }
        return Audit.sorted(out);
    }

    static List<Finding> check(String check, String what, String name, MetricFrame f, AuditPolicy policy,
                                       AuditSettings settings, Map<String, String> references) {
        Map<List<String>, Long> cases = new LinkedHashMap<>();
        Map<List<String>, Verdicts.Rate> rates = new LinkedHashMap<>();
        for (MetricFrame.GroupResult g : f.byGroup()) {
            cases.put(g.group(), g.cases());
            rates.put(g.group(), new Verdicts.Rate(g.estimate().numerator(), g.estimate().denominator()));
        }
        String ref = references.get(f.grouping().get(0));
        List<String> reference = ref != null ? List.of(ref) : references.isEmpty()
                && settings.reference().size() == 1 ? settings.reference() : List.of();
        return Verdicts.check(check, what, false, f.grouping(), cases, List.of(new Verdicts.Component(name, rates,
                "no decisions to compare")), reference, policy.maxOverrideGap(), settings.confidence(),
                settings.effectiveMinGroupSize());
    }

    /** Number of decisions audited. */
    public int decisions() {
        return decisions;
    }

    /** Share of decisions that overrode the top suggestion, by the groups of {@code attribute}. */
    public MetricFrame overrideRate(String attribute) {
        return get(overrideRate, attribute);
    }

    /** Share of decisions that rejected every suggestion, by the groups of {@code attribute}. */
    public MetricFrame rejectRate(String attribute) {
        return get(rejectRate, attribute);
    }

    /** Accepted, overridden (by direction of intensity) or rejected, by the groups of {@code attribute}. */
    public Allocation directions(String attribute) {
        return get(directions, attribute);
    }

    /** In assess-first deployments: share of prior choices equal to the top suggestion, by group. */
    public Optional<MetricFrame> assessmentAgreement(String attribute) {
        get(overrideRate, attribute);
        return Optional.ofNullable(agreement.get(attribute));
    }

    private static <T> T get(Map<String, T> m, String attribute) {
        T t = m.get(attribute);
        if (t == null) {
            throw new IllegalArgumentException("unknown attribute '" + attribute + "'; audited: " + m.keySet());
        }
        return t;
    }
}
