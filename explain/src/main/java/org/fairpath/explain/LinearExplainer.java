package org.fairpath.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairpath.core.FeatureEncoder;
import org.fairpath.core.JobseekerProfile;

/**
 * Exact additive explanations of a linear log-odds model {@code f(x) = bias + w . x} over a
 * {@link FeatureEncoder}'s columns.
 *
 * <p>With a reference row {@code r} (typically the mean encoded training row), the Shapley value of column {@code j}
 * under interventional (independent) feature removal is exactly {@code w_j (x_j - r_j)}; contributions of the columns
 * of one attribute (the one-hot levels and the missing indicator) are summed, so each attribute gets one number and
 * they add up to {@code f(x) - f(r)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class LinearExplainer {

    private final FeatureEncoder encoder;
    private final double[] weights;
    private final double bias;
    private final double[] reference;
    private final String[] attributes;
    private final int[] attributeOfColumn;

    private LinearExplainer(FeatureEncoder encoder, double[] weights, double bias, double[] reference) {
        this.encoder = encoder;
        this.weights = weights.clone();
        this.bias = bias;
        this.reference = reference.clone();
        Map<String, Integer> index = new LinkedHashMap<>();
        attributeOfColumn = new int[encoder.width()];
        for (FeatureEncoder.Column c : encoder.columns()) {
            attributeOfColumn[c.index()] = index.computeIfAbsent(c.attribute(), a -> index.size());
        }
        attributes = index.keySet().toArray(new String[0]);
    }

    /**
     * @param encoder   the layout the weights refer to
     * @param weights   one weight per encoded column (log-odds per unit)
     * @param bias      the intercept (log-odds)
     * @param reference the reference row the explanation is relative to, e.g. the mean training row
     * @throws IllegalArgumentException if a length differs from {@code encoder.width()} or a value is not finite
     */
    public static LinearExplainer of(FeatureEncoder encoder, double[] weights, double bias, double[] reference) {
        check("weights", weights, encoder.width());
        check("reference", reference, encoder.width());
        if (!Double.isFinite(bias)) {
            throw new IllegalArgumentException("bias is " + bias + "; it must be a finite number");
        }
        return new LinearExplainer(encoder, weights, bias, reference);
    }

    private static void check(String name, double[] values, int width) {
        if (values.length != width) {
            throw new IllegalArgumentException(name + " has " + values.length + " values; the encoder has " + width
                    + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + values[i] + "; it must be finite");
            }
        }
    }

    /** The exact explanation of the model output for {@code profile}. */
    public AdditiveExplanation explain(JobseekerProfile profile) {
        double[] x = encoder.encode(profile);
        double[] perAttribute = new double[attributes.length];
        double base = bias;
        double output = bias;
        for (int j = 0; j < x.length; j++) {
            base += weights[j] * reference[j];
            output += weights[j] * x[j];
            perAttribute[attributeOfColumn[j]] += weights[j] * (x[j] - reference[j]);
        }
        List<AdditiveExplanation.Contribution> contributions = new ArrayList<>(attributes.length);
        for (int a = 0; a < attributes.length; a++) {
            contributions.add(new AdditiveExplanation.Contribution(attributes[a], perAttribute[a]));
        }
        return new AdditiveExplanation("exact-linear", "exact", base, output, contributions);
    }
}
