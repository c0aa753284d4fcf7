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
 * How often decisions are contested, and how often a contest changes the decision, by group — audited like
 * counsellor overrides ({@link OverrideAudit}): each rate with its interval, every group against the reference group
 * and highest against lowest, with the policy's {@link AuditPolicy#maxOverrideGap()} as threshold.
 *
 * <p>Rows of the contest rate: the initial {@code DECISION} records; one counts as contested when it, or a later
 * decision that replaced it (a reversal), was contested. Rows of the change rate: the contested decisions whose
 * re-review is done, counting those whose re-review changed the decision ({@code CHANGED}) against those upheld;
 * pending contests are left out of it (and counted in {@link #pending()}). With no re-reviewed contest at all there
 * is no change rate; a group with none has NaN with its reason, never 0.
 */
public final class ContestAudit {

    private final Map<String, MetricFrame> contestRate = new LinkedHashMap<>();
    private final Map<String, MetricFrame> changeRate = new LinkedHashMap<>();
    private final int decisions;
    private final int contested;
    private final int pending;

    private ContestAudit(int decisions, int contested, int pending) {
        this.decisions = decisions;
        this.contested = contested;
        this.pending = pending;
    }

    /**
     * Audits the contests of the decisions in {@code table} by each of {@code groups} (attribute name to one group
     * label per table row).
     *
     * @throws IllegalArgumentException if a group column does not have one value per table row, a contest outcome
     *                                  is neither UPHELD nor CHANGED, or a reversal chain cannot be followed
     */
    public static ContestAudit of(DecisionTable table, Map<String, String[]> groups, AuditSettings settings) {
        String[] type = table.column("type");
        String[] sequence = table.column("sequence");
        String[] reversedBy = table.column("reversedBy");
        String[] contestedBy = table.column("contestedBy");
        String[] outcome = table.column("contestOutcome");
        Map<String, Integer> rowOf = new java.util.HashMap<>();
        for (int i = 0; i < table.rows(); i++) {
            rowOf.put(sequence[i], i);
            if (outcome[i] != null && !outcome[i].equals("UPHELD") && !outcome[i].equals("CHANGED")) {
                throw new IllegalArgumentException("decision log record " + sequence[i] + " was contested (CONTEST "
                        + contestedBy[i] + ") with re-review outcome '" + outcome[i] + "'; allowed: UPHELD, CHANGED");
            }
        }
        List<Integer> rows = new ArrayList<>();
        List<Integer> contestRow = new ArrayList<>(); // per row: the contested record in its chain, or -1
        for (int i = 0; i < table.rows(); i++) {
            if (!type[i].equals("DECISION")) {
                continue;
            }
            int found = -1;
            int f = i;
            for (int hops = 0; ; hops++) {
                if (found < 0 && contestedBy[f] != null) {
                    found = f;
                }
                if (reversedBy[f] == null) {
                    break;
                }
                Integer next = rowOf.get(reversedBy[f]);
                if (next == null || hops > table.rows()) {
                    throw new IllegalArgumentException("decision log record " + sequence[f] + " is reversed by "
                            + reversedBy[f] + ", which cannot be followed");
                }
                f = next;
            }
            rows.add(i);
            contestRow.add(found);
        }
        int contested = 0;
        int pending = 0;
        for (int c : contestRow) {
            if (c >= 0) {
                contested++;
                if (outcome[c] == null) {
                    pending++;
                }
            }
        }
        ContestAudit a = new ContestAudit(rows.size(), contested, pending);
        for (Map.Entry<String, String[]> g : groups.entrySet()) {
            if (g.getValue().length != table.rows()) {
                throw new IllegalArgumentException("group column '" + g.getKey() + "' has " + g.getValue().length
                        + " values; the decision table has " + table.rows() + " rows");
            }
            String[] labels = new String[rows.size()];
            boolean[] isContested = new boolean[rows.size()];
            List<String> reviewedLabels = new ArrayList<>();
            List<Boolean> changed = new ArrayList<>();
            for (int k = 0; k < rows.size(); k++) {
                labels[k] = g.getValue()[rows.get(k)];
                int c = contestRow.get(k);
                isContested[k] = c >= 0;
                if (c >= 0 && outcome[c] != null) {
                    reviewedLabels.add(labels[k]);
                    changed.add(outcome[c].equals("CHANGED"));
                }
            }
            a.contestRate.put(g.getKey(), rate(g.getKey(), labels, isContested, settings));
            boolean[] ch = new boolean[changed.size()];
            for (int k = 0; k < ch.length; k++) {
                ch[k] = changed.get(k);
            }
            if (ch.length > 0) {
                a.changeRate.put(g.getKey(), rate(g.getKey(), reviewedLabels.toArray(new String[0]), ch, settings));
            }
        }
        return a;
    }

    private static MetricFrame rate(String attribute, String[] labels, boolean[] flag, AuditSettings settings) {
        AuditData d = AuditData.builder().group(attribute, labels).decisions(flag).build();
        return MetricFrame.of(AuditCounts.of(d, 1), Metric.SELECTION_RATE, List.of(attribute), settings);
    }

    /**
     * Findings for every attribute: the contest rate difference and the change rate difference (the share of
     * re-reviewed contests that changed the decision), each with the policy's {@link AuditPolicy#maxOverrideGap()}.
     * None when no decision was contested: the rates are all 0 then, and a log without contests (or from before
     * contests existed) keeps the findings it had.
     */
    public List<Finding> findings(AuditPolicy policy, AuditSettings settings, Map<String, String> references) {
        List<Finding> out = new ArrayList<>();
        if (contested == 0) {
            return out; // a log without contests (e.g. from before issue 17) gets no contest findings
        }
        for (String attribute : contestRate.keySet()) {
            out.addAll(OverrideAudit.check("contest_rate_difference", "the contest rate difference", "contest rate",
                    contestRate.get(attribute), policy, settings, references));
            if (changeRate.containsKey(attribute)) {
                out.addAll(OverrideAudit.check("contest_change_rate_difference",
                        "the difference in how often a contest changes the decision", "change rate",
                        changeRate.get(attribute), policy, settings, references));
            }
        }
        return Audit.sorted(out);
    }

    /** Share of decisions contested, by the groups of {@code attribute}. */
    public MetricFrame contestRate(String attribute) {
        return get(contestRate, attribute);
    }

    /**
     * Among re-reviewed contests, the share whose re-review changed the decision, by the groups of
     * {@code attribute}; empty when no contest has been re-reviewed.
     */
    public java.util.Optional<MetricFrame> changeRate(String attribute) {
        get(contestRate, attribute);
        return java.util.Optional.ofNullable(changeRate.get(attribute));
    }

    /** Number of initial decisions audited. */
    public int decisions() {
        return decisions;
    }

    /** Number of those contested (directly or after a reversal). */
    public int contested() {
        return contested;
    }

    /** Number of contests not yet re-reviewed (left out of the change rate). */
    public int pending() {
        return pending;
    }

    private static <T> T get(Map<String, T> m, String attribute) {
        T t = m.get(attribute);
        if (t == null) {
            throw new IllegalArgumentException("unknown attribute '" + attribute + "'; audited: " + m.keySet());
        }
        return t;
    }
}
