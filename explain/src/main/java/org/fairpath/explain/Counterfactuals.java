package org.fairpath.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.fairpath.core.Attribute;
import org.fairpath.core.AttributeType;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Role;
import org.fairpath.core.model.Recommendation;
import org.fairpath.core.model.Recommender;

/**
 * The smallest realistic changes to a jobseeker's ACTIONABLE attributes that would change an outcome of the models —
 * which service comes first, or the profiling segment. Protected and immutable attributes are never changed (the
 * schema forbids them being actionable); ordinal levels only go up (more education, a better language level, more
 * digital skills), booleans only from no to yes (e.g. obtaining a driving licence), categorical attributes may take
 * any other level; unknown values and numbers are left as they are. Each step costs what the caller says (default 1
 * per level), and changes are searched exhaustively by total cost up to a budget, so the results are truly the
 * cheapest. Several are returned when they exist, each minimal (no smaller change set reaches the goal) and different
 * in the attributes it changes. Immutable.
 */
public final class Counterfactuals {

    /**
     * One changed attribute.
     *
     * @param attribute the attribute
     * @param from      its value now
     * @param to        its value in the counterfactual
     * @param cost      the cost of this change
     */
    public record Change(String attribute, Object from, Object to, double cost) {
    }

    /**
     * A counterfactual.
     *
     * @param changes the changes, in schema order
     * @param cost    their total cost
     * @param before  the outcome now
     * @param after   the outcome with the changes
     */
    public record Counterfactual(List<Change> changes, double cost, Object before, Object after) {
        public Counterfactual {
            changes = List.copyOf(changes);
        }
    }

    private final Function<JobseekerProfile, Object> outcome;
    private final Map<String, Double> costPerStep;
    private final double budget;

    private Counterfactuals(Function<JobseekerProfile, Object> outcome, Map<String, Double> costPerStep,
                            double budget) {
        this.outcome = outcome;
        this.costPerStep = Map.copyOf(costPerStep);
        this.budget = budget;
    }

    /**
     * @param outcome     what should change, e.g. {@link #topSuggestion(Recommender)}
     * @param costPerStep cost of one step per attribute (default 1 for attributes not named)
     * @param budget      the largest total cost considered
     * @throws IllegalArgumentException if a cost is not positive or the budget is negative
     */
    public static Counterfactuals of(Function<JobseekerProfile, Object> outcome, Map<String, Double> costPerStep,
                                     double budget) {
        costPerStep.forEach((a, c) -> {
            if (!(c > 0)) {
                throw new IllegalArgumentException("cost of '" + a + "' is " + c + "; costs must be positive");
            }
        });
        if (!(budget >= 0)) {
            throw new IllegalArgumentException("budget is " + budget + "; it must be 0 or more");
        }
        return new Counterfactuals(Objects.requireNonNull(outcome, "outcome"), costPerStep, budget);
    }

    /** The outcome "which service is suggested first" ({@code none} when no service is suggested). */
    public static Function<JobseekerProfile, Object> topSuggestion(Recommender recommender) {
        return p -> {
            Recommendation r = recommender.recommend(p);
            return r.suggestions().isEmpty() ? "none" : r.suggestions().get(0).serviceId();
        };
    }

    /** The outcome "profiling segment". */
    public static Function<JobseekerProfile, Object> segment(Recommender recommender) {
        return p -> recommender.recommend(p).profiling().segment();
    }

    /** Up to {@code max} cheapest, minimal, mutually different counterfactuals; empty when none is within budget. */
    public List<Counterfactual> find(JobseekerProfile profile, int max) {
        List<List<Change>> options = new ArrayList<>();
        for (Attribute a : profile.schema().withRole(Role.ACTIONABLE)) {
            List<Change> changes = changesOf(profile, a);
            if (!changes.isEmpty()) {
                options.add(changes);
            }
        }
        Object before = outcome.apply(profile);
        List<Counterfactual> found = new ArrayList<>();
        search(profile, options, 0, new ArrayList<>(), 0, before, found);
        found.sort(Comparator.comparingDouble(Counterfactual::cost).thenComparingInt(c -> c.changes().size()));
        List<Counterfactual> chosen = new ArrayList<>();
        for (Counterfactual c : found) {
            boolean redundant = false;
            for (Counterfactual k : chosen) {
                if (attributes(c).containsAll(attributes(k))) {
                    redundant = true; // not minimal, or the same attributes as a cheaper one
                }
            }
            if (!redundant) {
                chosen.add(c);
            }
            if (chosen.size() == max) {
                break;
            }
        }
        return chosen;
    }

    private static List<String> attributes(Counterfactual c) {
        return c.changes().stream().map(Change::attribute).toList();
    }

    private List<Change> changesOf(JobseekerProfile p, Attribute a) {
        List<Change> out = new ArrayList<>();
        Object now = p.value(a.name());
        double step = costPerStep.getOrDefault(a.name(), 1.0);
        if (now == null) {
            return out;
        }
        if (a.type() == AttributeType.ORDINAL) {
            int at = a.levelIndex((String) now);
            for (int l = at + 1; l < a.levels().size(); l++) {
                out.add(new Change(a.name(), now, a.levels().get(l), step * (l - at)));
            }
        } else if (a.type() == AttributeType.BOOLEAN && Boolean.FALSE.equals(now)) {
            out.add(new Change(a.name(), false, true, step));
        } else if (a.type() == AttributeType.CATEGORICAL) {
            for (String l : a.levels()) {
                if (!l.equals(now)) {
                    out.add(new Change(a.name(), now, l, step));
                }
            }
        }
        return out;
    }

    private void search(JobseekerProfile original, List<List<Change>> options, int index, List<Change> chosen,
                        double cost, Object before, List<Counterfactual> found) {
        if (index == options.size()) {
            if (chosen.isEmpty()) {
                return;
            }
            JobseekerProfile changed = apply(original, chosen);
            Object after = outcome.apply(changed);
            if (!after.equals(before)) {
                found.add(new Counterfactual(chosen, cost, before, after));
            }
            return;
        }
        search(original, options, index + 1, chosen, cost, before, found); // leave this attribute as it is
        for (Change c : options.get(index)) {
            if (cost + c.cost() <= budget + 1e-12) {
                List<Change> next = new ArrayList<>(chosen);
                next.add(c);
                search(original, options, index + 1, next, cost + c.cost(), before, found);
            }
        }
    }

    /** The profile with {@code changes} applied (validated like any profile). */
    public static JobseekerProfile apply(JobseekerProfile p, List<Change> changes) {
        JobseekerProfile out = p;
        for (Change c : changes) {
            out = out.with(c.attribute(), c.to());
        }
        return out;
    }
}
