package org.fairpath.core.model;

import java.util.List;
import java.util.Locale;

/**
 * How outcome models are trained. Immutable; start from {@link #withDefaults()}. Every {@code with} method checks its
 * value and throws {@link IllegalArgumentException} naming the setting and the allowed range.
 *
 * @param learner             the model family
 * @param bags                bootstrap models per option, for intervals (0 = no intervals)
 * @param seed                seed for resampling and learners
 * @param inversePropensity   weight cases by the inverse of the estimated probability of the service they received
 *                            (stabilised, clipped at {@code maxWeight}) to correct for past assignment
 * @param maxWeight           largest stabilised weight, at least 1
 * @param cost                liblinear's C for logistic regression: larger = weaker L2 regularisation
 * @param trees               boosting rounds for boosted trees
 * @param maxDepth            tree depth for boosted trees
 * @param learningRate        XGBoost's eta
 * @param confidence          level of the bootstrap percentile intervals, e.g. 0.9
 * @param segmentCuts         increasing cut points on P(still unemployed after the horizon) that separate the
 *                            profiling segments; {@code n} cuts make {@code n + 1} segments
 * @param minCasesPerOption   fewest cases an option needs in the training data to be modelled
 */
public record TrainingSettings(Learner learner, int bags, long seed, boolean inversePropensity, double maxWeight,
                               double cost, int trees, int maxDepth, double learningRate, double confidence,
                               List<Double> segmentCuts, int minCasesPerOption) {

    /** The model families. */
    public enum Learner {
        /**
         * L2-regularised logistic regression, Tribuo's liblinear trainer with the L2R_LR solver: a deterministic
         * trust-region Newton method solved to convergence, so the same data give the same weights, with nothing like
         * SGD's step size, epochs or example order to tune. liblinear takes no example weights, so with
         * inverse-propensity weighting the same objective with example weights is solved by fairpath's own Newton
         * solver instead (no resampling).
         */
        LOGISTIC_REGRESSION,
        /** Gradient-boosted trees, Tribuo's XGBoost trainer (native example weights). */
        BOOSTED_TREES
    }

    public TrainingSettings {
        if (learner == null) {
            throw new IllegalArgumentException("learner is null; allowed: " + List.of(Learner.values()));
        }
        check("bags", bags, 0, 500);
        check("trees", trees, 1, 2000);
        check("maxDepth", maxDepth, 1, 12);
        check("minCasesPerOption", minCasesPerOption, 2, Integer.MAX_VALUE);
        if (!(maxWeight >= 1 && maxWeight <= 1000)) {
            throw new IllegalArgumentException("maxWeight is " + maxWeight + "; allowed: 1 to 1000");
        }
        if (!(cost > 0 && cost <= 1e6)) {
            throw new IllegalArgumentException("cost is " + cost + "; allowed: greater than 0, at most 1e6");
        }
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("learningRate is " + learningRate + "; allowed: greater than 0, at most 1");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence is " + confidence + "; allowed: strictly between 0 and 1");
        }
        if (segmentCuts == null || segmentCuts.isEmpty()) {
            throw new IllegalArgumentException("segmentCuts is " + segmentCuts + "; allowed: at least one cut in (0, 1)");
        }
        segmentCuts = List.copyOf(segmentCuts);
        double previous = 0;
        for (double c : segmentCuts) {
            if (!(c > previous && c < 1)) {
                throw new IllegalArgumentException("segmentCuts " + segmentCuts + " must be increasing and strictly"
                        + " between 0 and 1");
            }
            previous = c;
        }
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " is " + value + "; allowed: " + min + " to " + max);
        }
    }

    /**
     * Logistic regression, 20 bags, seed 42, no propensity weighting (max weight 20), C = 1, 100 trees of depth 4 at
     * eta 0.1 (when boosted trees are chosen), 90% intervals, segment cuts 0.35 and 0.6, at least 30 cases an option.
     */
    public static TrainingSettings withDefaults() {
        return new TrainingSettings(Learner.LOGISTIC_REGRESSION, 20, 42L, false, 20.0, 1.0, 100, 4, 0.1, 0.9,
                List.of(0.35, 0.6), 30);
    }

    public TrainingSettings withLearner(Learner l) {
        return new TrainingSettings(l, bags, seed, inversePropensity, maxWeight, cost, trees, maxDepth, learningRate,
                confidence, segmentCuts, minCasesPerOption);
    }

    public TrainingSettings withBags(int b) {
        return new TrainingSettings(learner, b, seed, inversePropensity, maxWeight, cost, trees, maxDepth, learningRate,
                confidence, segmentCuts, minCasesPerOption);
    }

    public TrainingSettings withSeed(long s) {
        return new TrainingSettings(learner, bags, s, inversePropensity, maxWeight, cost, trees, maxDepth, learningRate,
                confidence, segmentCuts, minCasesPerOption);
    }

    public TrainingSettings withInversePropensity(boolean on) {
        return new TrainingSettings(learner, bags, seed, on, maxWeight, cost, trees, maxDepth, learningRate,
                confidence, segmentCuts, minCasesPerOption);
    }

    public TrainingSettings withMaxWeight(double w) {
        return new TrainingSettings(learner, bags, seed, inversePropensity, w, cost, trees, maxDepth, learningRate,
                confidence, segmentCuts, minCasesPerOption);
    }

    public TrainingSettings withCost(double c) {
        return new TrainingSettings(learner, bags, seed, inversePropensity, maxWeight, c, trees, maxDepth, learningRate,
                confidence, segmentCuts, minCasesPerOption);
    }

    public TrainingSettings withTrees(int t, int depth, double eta) {
        return new TrainingSettings(learner, bags, seed, inversePropensity, maxWeight, cost, t, depth, eta,
                confidence, segmentCuts, minCasesPerOption);
    }

    public TrainingSettings withConfidence(double c) {
        return new TrainingSettings(learner, bags, seed, inversePropensity, maxWeight, cost, trees, maxDepth,
                learningRate, c, segmentCuts, minCasesPerOption);
    }

    public TrainingSettings withSegmentCuts(List<Double> cuts) {
        return new TrainingSettings(learner, bags, seed, inversePropensity, maxWeight, cost, trees, maxDepth,
                learningRate, confidence, cuts, minCasesPerOption);
    }

    public TrainingSettings withMinCasesPerOption(int n) {
        return new TrainingSettings(learner, bags, seed, inversePropensity, maxWeight, cost, trees, maxDepth,
                learningRate, confidence, segmentCuts, n);
    }

    /** A one-line description for model cards and provenance. */
    public String describe() {
        return String.format(Locale.ROOT, "%s, %d bags, seed %d, inverse-propensity %s (max weight %s), C %s, %d trees"
                        + " depth %d eta %s, %s%% intervals, segment cuts %s, min %d cases per option",
                learner.name().toLowerCase(Locale.ROOT), bags, seed, inversePropensity ? "on" : "off", maxWeight, cost,
                trees, maxDepth, learningRate, confidence * 100, segmentCuts, minCasesPerOption);
    }
}
