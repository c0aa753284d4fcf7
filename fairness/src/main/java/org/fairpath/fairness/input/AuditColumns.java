package org.fairpath.fairness.input;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to read from a CSV or JSON Lines file, and how to interpret it with certainty.
 *
 * <p>The decision and the outcome each have their own favourable values. Every favourable value must occur in its
 * column; a value that looks like an unknown marker ("NA", "?", "pending", ...) must be named as unknown (outcomes) or
 * is an error (decisions); near-misses ("Yes" for "yes") are errors with a "did you mean". Empty outcome cells are
 * always unknown; empty group cells form their own group.
 *
 * @param groups             the group attribute columns
 * @param decision           the decision column
 * @param favourableDecision the decision values that are favourable (at least one)
 * @param outcome            the true-outcome column, or null for none
 * @param favourableOutcome  the outcome values that are favourable (at least one when there is an outcome column)
 * @param unknownOutcome     outcome values that mean "not known (yet)", besides the empty cell
 * @param score              a score column (probabilities), or null for none
 * @param labels             what to do with group labels that differ only in spacing, case, width or invisible
 *                           characters, or numbers spelled differently (25, 25.0)
 * @param bands              numeric group attributes to cut into bands, attribute to increasing cuts
 * @param unfavourableDecision the decision values that are unfavourable; may be empty only when the column holds
 *                           exactly one value besides the favourable ones
 * @param unfavourableOutcome  the outcome values that are unfavourable; may be empty only when the column holds
 *                           exactly one value besides the favourable and unknown ones
 */
public record AuditColumns(List<String> groups, String decision, Set<String> favourableDecision, String outcome,
                           Set<String> favourableOutcome, Set<String> unknownOutcome, String score, Labels labels,
                           Map<String, double[]> bands, Set<String> unfavourableDecision,
                           Set<String> unfavourableOutcome) {

    /** Handling of group labels that collide once normalised. */
    public enum Labels {
        /** Keep them apart and say so in {@link AuditData#notes()}. */
        REPORT,
        /** Merge them into their most frequent spelling and say so in {@link AuditData#notes()}. */
        NORMALISE,
        /** Refuse the input, listing the colliding labels with their counts. */
        STRICT
    }

    public AuditColumns {
        groups = List.copyOf(groups);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("groups is empty; an audit needs at least one group attribute");
        }
        if (new LinkedHashSet<>(groups).size() != groups.size()) {
            throw new IllegalArgumentException("groups " + groups + " names a column twice");
        }
        Objects.requireNonNull(decision, "decision");
        // a column read in two roles would audit a variable against itself (every group's rate 0 or 1)
        Map<String, String> roles = new LinkedHashMap<>();
        for (String g : groups) {
            roles.put(g, "a protected column");
        }
        String[][] others = {{decision, "the decision column"}, {outcome, "the outcome column"},
            {score, "the score column"}};
        for (String[] o : others) {
            if (o[0] != null) {
                String before = roles.putIfAbsent(o[0], o[1]);
                if (before != null) {
                    throw new IllegalArgumentException("column '" + o[0] + "' is both " + o[1] + " and " + before
                            + "; each column can have one role only");
                }
            }
        }
        favourableDecision = Set.copyOf(favourableDecision);
        if (favourableDecision.isEmpty()) {
            throw new IllegalArgumentException("favourableDecision is empty; name the favourable decision value(s)");
        }
        favourableOutcome = Set.copyOf(favourableOutcome);
        unknownOutcome = Set.copyOf(unknownOutcome);
        if (outcome != null && favourableOutcome.isEmpty()) {
            throw new IllegalArgumentException("favourableOutcome is empty; with an outcome column '" + outcome
                    + "', name its favourable value(s)");
        }
        for (String v : favourableOutcome) {
            if (unknownOutcome.contains(v)) {
                throw new IllegalArgumentException("outcome value '" + v + "' is named both favourable and unknown");
            }
        }
        unfavourableDecision = Set.copyOf(unfavourableDecision);
        unfavourableOutcome = Set.copyOf(unfavourableOutcome);
        for (String v : unfavourableDecision) {
            if (favourableDecision.contains(v)) {
                throw new IllegalArgumentException("decision value '" + v + "' is named both favourable and"
                        + " unfavourable");
            }
        }
        for (String v : unfavourableOutcome) {
            if (favourableOutcome.contains(v) || unknownOutcome.contains(v)) {
                throw new IllegalArgumentException("outcome value '" + v + "' is named unfavourable and also "
                        + (favourableOutcome.contains(v) ? "favourable" : "unknown"));
            }
        }
        Objects.requireNonNull(labels, "labels");
        Map<String, double[]> b = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : bands.entrySet()) {
            if (!groups.contains(e.getKey())) {
                throw new IllegalArgumentException("bands for '" + e.getKey() + "', which is not a group attribute;"
                        + " groups: " + groups);
            }
            b.put(e.getKey(), e.getValue().clone());
        }
        bands = java.util.Collections.unmodifiableMap(b);
    }

    /** The decision and its favourable values; no outcome, no score; labels reported; no bands. */
    public static AuditColumns of(List<String> groups, String decision, Set<String> favourableDecision) {
        return new AuditColumns(groups, decision, favourableDecision, null, Set.of(), Set.of(), null, Labels.REPORT,
                Map.of(), Set.of(), Set.of());
    }

    /** With an outcome column, its favourable values and the values that mean unknown. */
    public AuditColumns withOutcome(String column, Set<String> favourable, Set<String> unknown) {
        return new AuditColumns(groups, decision, favourableDecision, column, favourable, unknown, score, labels,
                bands, unfavourableDecision, unfavourableOutcome);
    }

    /** With a score column. */
    public AuditColumns withScore(String column) {
        return new AuditColumns(groups, decision, favourableDecision, outcome, favourableOutcome, unknownOutcome,
                column, labels, bands, unfavourableDecision, unfavourableOutcome);
    }

    /** With another label policy. */
    public AuditColumns withLabels(Labels l) {
        return new AuditColumns(groups, decision, favourableDecision, outcome, favourableOutcome, unknownOutcome,
                score, l, bands, unfavourableDecision, unfavourableOutcome);
    }

    /** With bands for numeric attributes. */
    public AuditColumns withBands(Map<String, double[]> b) {
        return new AuditColumns(groups, decision, favourableDecision, outcome, favourableOutcome, unknownOutcome,
                score, labels, b, unfavourableDecision, unfavourableOutcome);
    }

    /**
     * With the decision and outcome values that are unfavourable, needed when a column holds more than one value
     * besides the favourable (and, for outcomes, unknown) ones; every value seen must then be named.
     */
    public AuditColumns withUnfavourable(Set<String> decision, Set<String> outcome) {
        return new AuditColumns(groups, this.decision, favourableDecision, this.outcome, favourableOutcome,
                unknownOutcome, score, labels, bands, decision, outcome);
    }
}
