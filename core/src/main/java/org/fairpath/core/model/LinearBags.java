package org.fairpath.core.model;

/**
 * The bootstrap bags of one option when they are all logistic models, stored column by column so that one pass over
 * an encoded row updates every bag's log-odds at once, skipping the row's zero columns (most one-hot and indicator
 * columns are 0). Gives the same probabilities as the bags' own scorers up to the order of floating-point additions.
 */
final class LinearBags {

    private final int bags;
    private final int width;
    /** weights[j * bags + b] = weight of column j in bag b. */
    private final double[] weights;
    private final double[] biases;

    private LinearBags(int bags, int width, double[] weights, double[] biases) {
        this.bags = bags;
        this.width = width;
        this.weights = weights;
        this.biases = biases;
    }

    /** The bags {@code scorers[1..]} of one option, or null if any of them is not linear. */
    static LinearBags of(Scorer[] scorers) {
        int bags = scorers.length - 1;
        if (bags == 0) {
            return null;
        }
        int width = scorers[0].width();
        double[] w = new double[width * bags];
        double[] bias = new double[bags];
        for (int b = 0; b < bags; b++) {
            if (!(scorers[b + 1] instanceof LinearScorer l)) {
                return null;
            }
            double[] lw = l.weights();
            for (int j = 0; j < width; j++) {
                w[j * bags + b] = lw[j];
            }
            bias[b] = l.bias();
        }
        return new LinearBags(bags, width, w, bias);
    }

    /** Writes each bag's probability for {@code row} into {@code out[0..bags)}; allocates nothing. */
    void probabilities(double[] row, double[] out) {
        System.arraycopy(biases, 0, out, 0, bags);
        for (int j = 0; j < width; j++) {
            double x = row[j];
            if (x != 0.0) {
                int at = j * bags;
                for (int b = 0; b < bags; b++) {
                    out[b] += x * weights[at + b];
                }
            }
        }
        for (int b = 0; b < bags; b++) {
            out[b] = 1.0 / (1.0 + Math.exp(-out[b]));
        }
    }
}
