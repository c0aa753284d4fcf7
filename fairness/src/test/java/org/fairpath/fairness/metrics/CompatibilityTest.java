package org.fairpath.fairness.metrics;

import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.Metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compatibility settings reproduce other tools' conventions on the hand-counted table of
 * {@link MetricFrameTest#small()} (A: TP 1 FP 1 TN 1 FN 1, 2 of 4 selected; B: TP 1 TN 3 FN 1, 1 of 6; C: TN 1 FN 1,
 * 0 of 3). Oracle: the conventions as written in Fairlearn's {@code DisaggregatedResult} (between_groups: max - min,
 * min / max) with scikit-learn's 0 for 0/0, and AIF360's signed unprivileged-versus-privileged comparisons.
 */
final class CompatibilityTest {

    private static MetricFrame frame(Metric m, AuditSettings s) {
        return MetricFrame.of(AuditCounts.of(MetricFrameTest.small(), 1), m, List.of("g"), s);
    }

    @Test
    void fairlearn_zeroForZeroOverZero_noSuppression() {
        AuditSettings fl = AuditSettings.withDefaults().withCompatibility(AuditSettings.Compatibility.FAIRLEARN);
        MetricFrame ppv = frame(Metric.PPV, fl); // default min group size 10 is not applied
        assertEquals(0.0, ppv.byGroup().get(2).estimate().value(), 0.0); // C: 0/0 -> 0
        assertFalse(ppv.byGroup().get(0).suppressed());
        assertEquals(1.0, ppv.difference().orElseThrow().value(), 0.0); // max B 1 - min C 0
        assertEquals(0.0, ppv.ratio().orElseThrow().value(), 0.0);
        MetricFrame fpr = frame(Metric.FPR, fl); // A 1/2, B 0/3, C 0/1
        assertEquals(0.5, fpr.difference().orElseThrow().value(), 0.0);
        assertEquals(0.0, fpr.ratio().orElseThrow().value(), 0.0);
        // issue 13: the overall value follows the same 0/0 = 0 (Fairlearn's all_positive fixture: overall FPR 0.0)
        AuditCounts allPositive = AuditCounts.of(org.fairpath.fairness.input.AuditData.builder()
                .group("g", new String[] {"a", "b"}).decisions(new boolean[] {true, false})
                .outcomes(new Boolean[] {true, true}).build(), 1);
        assertEquals(0.0, MetricFrame.of(allPositive, Metric.FPR, List.of("g"), fl).overall().value(), 0.0);
        assertTrue(Double.isNaN(MetricFrame.of(allPositive, Metric.FPR, List.of("g"), AuditSettings.withDefaults())
                .overall().value()));
        // fairpath's own convention on the same data: C's PPV is undefined and left out
        MetricFrame honest = frame(Metric.PPV, AuditSettings.withDefaults().withMinGroupSize(1));
        assertTrue(Double.isNaN(honest.byGroup().get(2).estimate().value()));
        assertEquals(0.5, honest.difference().orElseThrow().value(), 0.0);
    }

    @Test
    void aif360_signedAgainstThePrivilegedGroup_infinityForXOverZero() {
        AuditSettings aif = AuditSettings.withDefaults().withCompatibility(AuditSettings.Compatibility.AIF360)
                .withReference(List.of("B"));
        MetricFrame sel = frame(Metric.SELECTION_RATE, aif);
        // statistical parity difference and disparate impact of A and C against privileged B (1/6)
        assertEquals(0.5 - 1.0 / 6, sel.vsReference().get(0).value(), 1e-15);
        assertEquals(3.0, sel.vsReference().get(1).value(), 1e-12);
        assertEquals(-1.0 / 6, sel.vsReference().get(2).value(), 1e-15);
        assertEquals(0.0, sel.vsReference().get(3).value(), 0.0);
        MetricFrame fpr = frame(Metric.FPR, aif); // B's FPR is 0/3 = 0
        assertEquals(Double.POSITIVE_INFINITY, fpr.vsReference().get(1).value()); // A: 0.5 / 0
        assertTrue(Double.isNaN(fpr.vsReference().get(3).value())); // C: 0 / 0
        assertThrows(IllegalArgumentException.class, () -> frame(Metric.TPR, AuditSettings.withDefaults()
                .withCompatibility(AuditSettings.Compatibility.AIF360)));
    }
}
