package org.fairpath.core.model;

/**
 * A logistic model {@code p = 1 / (1 + exp(-(bias + w . x)))} over encoded columns.
 */
final class LinearScorer implements Scorer {

    private final double[] weights;
    private final double bias;

    LinearScorer(double[] weights, double bias) {
        this.weights = weights.clone();
        this.bias = bias;
    }

    @Override
    public int width() {
        return weights.length;
    }

    @Override
    public double probability(double[] row) {
        return 1.0 / (1.0 + Math.exp(-logOdds(row)));
    }

    double logOdds(double[] row) {
        double z = bias;
        for (int j = 0; j < weights.length; j++) {
            z += weights[j] * row[j];
        }
        return z;
    }

    @Override
    public String kind() {
        return "linear";
    }

    double[] weights() {
        return weights.clone();
    }

    double bias() {
        return bias;
    }
}
