package org.fairpath.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairpath.core.FeatureEncoder;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.model.OutcomeModels;

/**
 * Exact Shapley values of a boosted tree ensemble's positive-class log-odds, by the path-dependent TreeSHAP algorithm
 * (Lundberg, Erion and Lee 2018, "Consistent individualized feature attribution for tree ensembles"): polynomial time,
 * exact for the value function "expected output given the known features", with the expectation over unknown features
 * taken along the trees' own splits weighted by training cover. The values come from tables computed once per leaf
 * when the explainer is built ({@link LeafTables}; see benchmarks/README.md for the measured speed-up over the
 * paper's Algorithm 2); ensembles whose tables would be too large (deep trees) use Algorithm 2 itself.
 *
 * <p>Column values are summed per original attribute (one-hot levels and missing indicators together), so each
 * attribute gets one contribution; base value plus contributions equals the ensemble's log-odds exactly (up to
 * floating-point rounding). Node covers are re-derived from the leaves (parent = sum of children) so the weights are
 * consistent. Immutable and thread-safe.
 */
public final class TreeShapExplainer {

    private final FeatureEncoder encoder;
    private final TreeShapReference reference;
    /** The per-leaf tables, or null when the ensemble is too deep for them (then the reference algorithm runs). */
    private final LeafTables tables;
    private final String[] attributes;
    private final int[] attributeOfColumn;

    private TreeShapExplainer(FeatureEncoder encoder, OutcomeModels.TreeEnsemble t, long maxTableEntries) {
        this.encoder = encoder;
        this.reference = new TreeShapReference(t);
        this.tables = LeafTables.of(reference, maxTableEntries);
        Map<String, Integer> index = new LinkedHashMap<>();
        attributeOfColumn = new int[encoder.width()];
        for (FeatureEncoder.Column c : encoder.columns()) {
            attributeOfColumn[c.index()] = index.computeIfAbsent(c.attribute(), a -> index.size());
        }
        attributes = index.keySet().toArray(new String[0]);
    }

    /**
     * @throws IllegalArgumentException if the ensemble's width differs from the encoder's
     */
    public static TreeShapExplainer of(FeatureEncoder encoder, OutcomeModels.TreeEnsemble ensemble) {
        return of(encoder, ensemble, LeafTables.MAX_ENTRIES);
    }

    /** As {@link #of(FeatureEncoder, OutcomeModels.TreeEnsemble)} with another table budget (for tests). */
    static TreeShapExplainer of(FeatureEncoder encoder, OutcomeModels.TreeEnsemble ensemble, long maxTableEntries) {
        if (ensemble.width() != encoder.width()) {
            throw new IllegalArgumentException("the ensemble scores " + ensemble.width() + " columns; the encoder has "
                    + encoder.width());
        }
        return new TreeShapExplainer(encoder, ensemble, maxTableEntries);
    }

    /** The expected log-odds over the training distribution (the base value of every explanation). */
    public double expectedValue() {
        return reference.expectedValue();
    }

    /** The ensemble's positive-class log-odds for an encoded row, summed in double precision. */
    double logOdds(double[] row) {
        return reference.logOdds(row);
    }

    /** Exact per-column Shapley values of the log-odds for an encoded row. */
    double[] columnValues(double[] row) {
        return tables != null ? tables.columnValues(row) : reference.columnValues(row);
    }

    /** Whether this explainer uses the per-leaf tables (false: the ensemble is too deep; Algorithm 2 runs). */
    boolean usesLeafTables() {
        return tables != null;
    }

    /** The explanation of {@code profile}'s positive-class log-odds, per original attribute. */
    public AdditiveExplanation explain(JobseekerProfile profile) {
        double[] row = encoder.encode(profile);
        double[] phi = columnValues(row);
        double[] perAttribute = new double[attributes.length];
        for (int j = 0; j < phi.length; j++) {
            perAttribute[attributeOfColumn[j]] += phi[j];
        }
        List<AdditiveExplanation.Contribution> contributions = new ArrayList<>(attributes.length);
        for (int a = 0; a < attributes.length; a++) {
            contributions.add(new AdditiveExplanation.Contribution(attributes[a], perAttribute[a]));
        }
        return new AdditiveExplanation("exact-treeshap", "exact", reference.expectedValue(), logOdds(row),
                contributions);
    }
}
