package org.fairpath.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An additive explanation of one model output: a base value plus one contribution per original attribute (one-hot
 * columns summed back), with {@code baseValue + sum(contributions) == output} on the log-odds scale (local accuracy).
 *
 * <p>Probability-scale contributions are the log-odds contributions rescaled by
 * {@code (sigmoid(output) - sigmoid(base)) / (output - base)} (by the slope of the sigmoid at the output when the two
 * are equal), so they too sum exactly to {@code probability() - baseProbability()}.
 *
 * @param method        how it was computed: {@code exact-linear}, {@code exact-treeshap} or {@code kernel-shap}
 * @param fidelity      how faithful it is, in words: "exact", or the approximation's sample size and error
 * @param baseValue     model output (log-odds) at the reference
 * @param output        model output (log-odds) for the jobseeker
 * @param contributions one per FEATURE attribute in schema order, in log-odds
 */
public record AdditiveExplanation(String method, String fidelity, double baseValue, double output,
                                  List<Contribution> contributions) {

    /**
     * What one attribute adds to the output.
     *
     * @param attribute the schema attribute
     * @param logOdds   its contribution on the log-odds scale
     */
    public record Contribution(String attribute, double logOdds) {
    }

    public AdditiveExplanation {
        contributions = List.copyOf(contributions);
    }

    public double baseProbability() {
        return sigmoid(baseValue);
    }

    public double probability() {
        return sigmoid(output);
    }

    /** Contribution of {@code attribute} on the probability scale (see the class comment). */
    public double probabilityContribution(String attribute) {
        return contribution(attribute) * probabilityScale();
    }

    /** Log-odds contribution of {@code attribute}; throws {@link IllegalArgumentException} naming the known ones. */
    public double contribution(String attribute) {
        for (Contribution c : contributions) {
            if (c.attribute().equals(attribute)) {
                return c.logOdds();
            }
        }
        List<String> known = new ArrayList<>();
        contributions.forEach(c -> known.add(c.attribute()));
        throw new IllegalArgumentException("no contribution for attribute '" + attribute + "'; explained: " + known);
    }

    /** The {@code k} contributions of largest magnitude, largest first (ties in schema order). */
    public List<Contribution> top(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k is " + k + "; it must be 0 or more");
        }
        List<Contribution> sorted = new ArrayList<>(contributions);
        sorted.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.logOdds())));
        return sorted.subList(0, Math.min(k, sorted.size()));
    }

    private double probabilityScale() {
        double d = output - baseValue;
        if (Math.abs(d) < 1e-12) {
            double p = sigmoid(output);
            return p * (1 - p);
        }
        return (sigmoid(output) - sigmoid(baseValue)) / d;
    }

    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}
