package org.fairpath.explain;

import org.fairpath.core.model.OutcomeModels;

/**
 * fairpath-explain's package-private TreeSHAP paths, opened to the benchmarks (this class lives in the benchmarks
 * module, in the library's package) so that the per-leaf tables and the Algorithm 2 they replaced are measured side
 * by side. Not part of the library.
 */
public final class ReferencePaths {

    private ReferencePaths() {
    }

    /** Per-column Shapley values by Algorithm 2 of Lundberg, Erion and Lee (2018), the reference path. */
    public static final class Algorithm2 {
        private final TreeShapReference reference;

        private Algorithm2(OutcomeModels.TreeEnsemble ensemble) {
            this.reference = new TreeShapReference(ensemble);
        }

        public double[] columnValues(double[] row) {
            return reference.columnValues(row);
        }
    }

    public static Algorithm2 algorithm2(OutcomeModels.TreeEnsemble ensemble) {
        return new Algorithm2(ensemble);
    }

    /** The explainer's own per-column values (from its per-leaf tables when it has them). */
    public static double[] columnValues(TreeShapExplainer explainer, double[] row) {
        return explainer.columnValues(row);
    }

    /** Whether the explainer uses its per-leaf tables. */
    public static boolean usesLeafTables(TreeShapExplainer explainer) {
        return explainer.usesLeafTables();
    }
}
