package org.fairpath.fairness.audit;

import org.fairpath.fairness.metrics.MetricFrameTest;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.MetricFrame;
import org.fairpath.fairness.stats.Metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class PolicyAndWindowTest {

    private static final AuditSettings ALL = AuditSettings.withDefaults().withMinGroupSize(1);

    @Test
    void policies_selectByHand() {
        double[] s = {0.9, 0.8, 0.8, 0.1, Double.NaN};
        // 4 scored cases, top half = 2: 0.9 and the first 0.8 (ties broken by row order)
        assertArrayEquals(new boolean[] {true, true, false, false, false}, SelectionPolicy.topShare(0.5).apply(s));
        assertArrayEquals(new boolean[] {true, true, true, false, false}, SelectionPolicy.threshold(0.8).apply(s));
        assertArrayEquals(new boolean[] {false, false, false, true, false},
                SelectionPolicy.segment(0.1, 0.8).apply(s));
        assertEquals("top 25% by score", SelectionPolicy.topShare(0.25).describe());
        assertThrows(IllegalArgumentException.class, () -> SelectionPolicy.topShare(0));
        assertThrows(IllegalArgumentException.class, () -> SelectionPolicy.segment(0.5, 0.5));
    }

    /** Oracle: by hand. Group A scores 0.9, 0.7, 0.2; group B 0.8, 0.3, 0.1 (outcomes all favourable). */
    @Test
    void audit_whoIsSelectedChangesWithTheRule() {
        AuditData d = AuditData.builder().group("g", new String[] {"A", "A", "A", "B", "B", "B"})
                .decisions(new boolean[6]).outcomes(new Boolean[] {true, true, true, true, true, true})
                .scores(new double[] {0.9, 0.7, 0.2, 0.8, 0.3, 0.1}).build();
        List<SelectionPolicy.Result> r = SelectionPolicy.audit(d, List.of(SelectionPolicy.topShare(1.0 / 3),
                SelectionPolicy.topShare(0.5), SelectionPolicy.threshold(0.25)), List.of("g"), ALL);
        // top third (2 cases): 0.9 (A), 0.8 (B) -> A 1/3, B 1/3
        assertEquals(1.0 / 3, r.get(0).selectionRate().byGroup().get(0).estimate().value(), 1e-15);
        assertEquals(1.0 / 3, r.get(0).selectionRate().byGroup().get(1).estimate().value(), 1e-15);
        // top half (3 cases): 0.9, 0.8, 0.7 -> A 2/3, B 1/3
        assertEquals(2.0 / 3, r.get(1).selectionRate().byGroup().get(0).estimate().value(), 1e-15);
        assertEquals(1.0 / 3, r.get(1).selectionRate().byGroup().get(1).estimate().value(), 1e-15);
        // threshold 0.25: 0.9, 0.7, 0.8, 0.3 -> A 2/3, B 2/3; TPR equals the selection rate here
        assertEquals(2.0 / 3, r.get(2).truePositives().byGroup().get(1).estimate().value(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> SelectionPolicy.audit(MetricFrameTest.small(),
                List.of(SelectionPolicy.topShare(0.5)), List.of("g"), ALL));
    }

    @Test
    void windows_labelAndTrend() {
        String[] times = {"2026-01-15", "2026-02-01T08:00:00Z", "2026-02-20", "2026-04-03"};
        assertArrayEquals(new String[] {"2026-01", "2026-02", "2026-02", "2026-04"}, Windows.months(times));
        assertArrayEquals(new String[] {"2026-Q1", "2026-Q1", "2026-Q1", "2026-Q2"}, Windows.quarters(times));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Windows.months(new String[] {"14/03/2026"}));
        assertTrue(bad.getMessage().startsWith("time[0] is '14/03/2026'; allowed: an ISO-8601 date"));

        AuditData d = AuditData.builder().group("g", new String[] {"A", "B", "A", "B"})
                .decisions(new boolean[] {true, false, false, true}).build();
        Map<String, MetricFrame> trend = Windows.trend(d, Windows.quarters(times), Metric.SELECTION_RATE,
                List.of("g"), ALL);
        assertEquals(List.of("2026-Q1", "2026-Q2"), List.copyOf(trend.keySet()));
        // Q1: A rows 0, 2 -> 1/2; B row 1 -> 0. Q2: B row 3 -> 1
        assertEquals(0.5, trend.get("2026-Q1").byGroup().get(0).estimate().value(), 0.0);
        assertEquals(0.0, trend.get("2026-Q1").byGroup().get(1).estimate().value(), 0.0);
        assertEquals(1, trend.get("2026-Q2").byGroup().size());
        assertEquals(1.0, trend.get("2026-Q2").byGroup().get(0).estimate().value(), 0.0);
    }
}
