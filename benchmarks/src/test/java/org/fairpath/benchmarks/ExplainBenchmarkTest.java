package org.fairpath.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fairpath.explain.AdditiveExplanation;
import org.junit.jupiter.api.Test;

/** Each benchmarked explanation is the library's, and is locally accurate. */
final class ExplainBenchmarkTest {

    @Test
    void eachVariant_isTheLibrarysLocallyAccurateExplanation() {
        ExplainBenchmark b = new ExplainBenchmark();
        b.pool = 4;
        b.setUp();
        for (int k = 1; k <= 4; k++) {
            var p = b.profiles[k & 3];
            b.next = (k - 1) & 3;
            assertEquals(b.linear.explain(p), b.linearExact());
            b.next = (k - 1) & 3;
            AdditiveExplanation t = b.treeShap();
            assertEquals(b.treeShap.explain(p), t);
            // the per-leaf tables and Algorithm 2 give the same Shapley values
            assertTrue(org.fairpath.explain.ReferencePaths.usesLeafTables(b.treeShap));
            b.next = (k - 1) & 3;
            double[] fast = b.treeShapColumns();
            b.next = (k - 1) & 3;
            double[] reference = b.treeShapAlgorithm2Columns();
            assertEquals(reference.length, fast.length);
            for (int j = 0; j < fast.length; j++) {
                assertEquals(reference[j], fast[j], 1e-12, "column " + j);
            }
            b.next = (k - 1) & 3;
            AdditiveExplanation ks = b.kernelShap();
            for (AdditiveExplanation e : new AdditiveExplanation[] {t, ks}) {
                double sum = e.baseValue();
                for (AdditiveExplanation.Contribution c : e.contributions()) {
                    sum += c.logOdds();
                }
                assertEquals(e.output(), sum, 1e-9);
            }
        }
    }
}
