package org.fairpath.fairness.metrics;

import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.Estimate;
import org.fairpath.fairness.stats.GroupCounts;
import org.fairpath.fairness.stats.Intervals;
import org.fairpath.fairness.stats.Metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

public final class MetricFrameTest {

    /**
     * Group A, 4 cases: decisions 1,1,0,0, outcomes 1,0,1,0 -> selected 2, TP 1, FP 1, TN 1, FN 1.
     * Group B, 6 cases: decisions 1,0,0,0,0,0, outcomes 1,1,0,0,unknown,0 -> selected 1, TP 1, FP 0, TN 3, FN 1.
     * Group C, 3 cases: decisions 0,0,0, outcomes 0,1,unknown -> selected 0, TN 1, FN 1.
     */
    public static AuditData small() {
        return AuditData.builder()
                .group("g", new String[] {"A", "A", "A", "A", "B", "B", "B", "B", "B", "B", "C", "C", "C"})
                .decisions(new boolean[] {true, true, false, false, true, false, false, false, false, false, false,
                    false, false})
                .outcomes(new Boolean[] {true, false, true, false, true, true, false, false, null, false, false,
                    true, null})
                .build();
    }

    private static final AuditSettings ALL = AuditSettings.withDefaults().withMinGroupSize(1);

    private static MetricFrame.GroupResult group(MetricFrame f, String level) {
        return f.byGroup().stream().filter(g -> g.group().equals(List.of(level))).findFirst().orElseThrow();
    }

    @Test
    void counts_smallTable_matchHandCount() {
        AuditCounts c = AuditCounts.of(small(), 1);
        Map<List<String>, GroupCounts> g = c.groups(List.of("g"));
        assertEquals(new GroupCounts(4, 2, 1, 1, 1, 1), g.get(List.of("A")));
        assertEquals(new GroupCounts(6, 1, 1, 0, 3, 1), g.get(List.of("B")));
        assertEquals(new GroupCounts(3, 0, 0, 0, 1, 1), g.get(List.of("C")));
        assertEquals(new GroupCounts(13, 3, 2, 1, 5, 3), c.overall());
    }

    @Test
    void selectionRate_handComputedFractions() {
        MetricFrame f = MetricFrame.of(AuditCounts.of(small(), 1), Metric.SELECTION_RATE, List.of("g"), ALL);
        assertEquals(3.0 / 13, f.overall().value(), 1e-15);
        assertEquals(0.5, group(f, "A").estimate().value(), 1e-15);
        assertEquals(1.0 / 6, group(f, "B").estimate().value(), 1e-15);
        assertEquals(0.0, group(f, "C").estimate().value(), 0.0);
        assertEquals(List.of("A"), f.max().orElseThrow().group());
        assertEquals(List.of("C"), f.min().orElseThrow().group());
        assertEquals(0.5, f.difference().orElseThrow().value(), 1e-15);
        Comparison ratio = f.ratio().orElseThrow();
        assertEquals(0.0, ratio.value(), 0.0);
        // C has no successes: Koopman's interval starts at 0 and stays bounded (Katz's had none); simultaneous over the
        // 3 pairs of 3 groups. Oracle: koopman_oracle.py 0 3 2 4 at 1 - 0.05/3 (mpmath 1.3.0).
        assertEquals(1 - 0.05 / 3, ratio.interval().confidence(), 1e-15);
        assertEquals(0.0, ratio.interval().lower(), 0.0);
        assertEquals(2.4591611786594918, ratio.interval().upper(), 1e-9);
        assertEquals(List.of("B"), f.reference().orElseThrow()); // largest group
        Comparison aVsB = f.vsReference().get(0);
        assertEquals("difference", aVsB.kind());
        assertEquals(List.of("A"), aVsB.group());
        assertEquals(0.5 - 1.0 / 6, aVsB.value(), 1e-15);
        assertEquals(3.0, f.vsReference().get(1).value(), 1e-12);
        assertEquals(Intervals.wilson(2, 4, 0.95), group(f, "A").estimate().interval());
    }

    @Test
    void undefinedValues_areNaNWithAReason_neverZero() {
        MetricFrame ppv = MetricFrame.of(AuditCounts.of(small(), 1), Metric.PPV, List.of("g"), ALL);
        Estimate c = group(ppv, "C").estimate();
        assertTrue(Double.isNaN(c.value()));
        assertEquals("no favourable decisions with a known outcome in the group", c.undefinedReason());
        assertEquals(2, ppv.byGroup().stream().filter(g -> g.estimate().isDefined()).count());

        MetricFrame fpr = MetricFrame.of(AuditCounts.of(small(), 1), Metric.FPR, List.of("g"), ALL);
        assertEquals(0.0, group(fpr, "B").estimate().value(), 0.0); // 0 / 3 is defined: 0
        Comparison aOverB = fpr.vsReference().get(1);
        assertTrue(Double.isNaN(aOverB.value()));
        assertEquals("the comparison group's value is 0, so the ratio is undefined", aOverB.undefinedReason());
    }

    @Test
    void smallGroups_areSuppressedButCountInTheOverall() {
        MetricFrame f = MetricFrame.of(AuditCounts.of(small(), 1), Metric.SELECTION_RATE, List.of("g"),
                AuditSettings.withDefaults().withMinGroupSize(5));
        MetricFrame.GroupResult a = group(f, "A");
        assertTrue(a.suppressed());
        assertEquals(4, a.cases());
        assertTrue(Double.isNaN(a.estimate().value()));
        assertTrue(a.estimate().undefinedReason().startsWith("suppressed: the group has 4 cases"));
        assertEquals(3.0 / 13, f.overall().value(), 1e-15);
        assertTrue(f.difference().isEmpty(), "one reported group: no difference");
        assertThrows(IllegalArgumentException.class, () -> MetricFrame.of(AuditCounts.of(small(), 1),
                Metric.SELECTION_RATE, List.of("g"), AuditSettings.withDefaults().withMinGroupSize(5)
                        .withReference(List.of("A"))));
    }

    /** Regression: with every group equal, min and max were the same group and no difference was reported. */
    @Test
    void equalGroups_differenceZeroRatioOne() {
        AuditData equal = AuditData.builder().group("g", new String[] {"A", "A", "B", "B"})
                .decisions(new boolean[] {true, false, true, false}).build();
        MetricFrame f = MetricFrame.of(AuditCounts.of(equal, 1), Metric.SELECTION_RATE, List.of("g"), ALL);
        assertEquals(0.0, f.difference().orElseThrow().value(), 0.0);
        assertEquals(1.0, f.ratio().orElseThrow().value(), 0.0);
        assertFalse(f.min().orElseThrow().group().equals(f.max().orElseThrow().group()));
    }

    @Test
    void namedReference_isUsed_unknownIsRejected() {
        MetricFrame f = MetricFrame.of(AuditCounts.of(small(), 1), Metric.TPR, List.of("g"),
                ALL.withReference(List.of("A")));
        assertEquals(List.of("A"), f.reference().orElseThrow());
        assertEquals(List.of("A"), f.vsReference().get(0).against());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricFrame.of(
                AuditCounts.of(small(), 1), Metric.TPR, List.of("g"), ALL.withReference(List.of("Z"))));
        assertTrue(e.getMessage().contains("reference group [Z] does not occur"), e.getMessage());
    }

    /** Random data with three attributes: every group's counts equal a direct count on the masked rows. */
    @Test
    void counts_intersections_equalRecomputationOnMaskedRows() {
        int n = 5000;
        SplittableRandom r = new SplittableRandom(5);
        String[] a = new String[n];
        String[] b = new String[n];
        String[] c = new String[n];
        boolean[] d = new boolean[n];
        Boolean[] o = new Boolean[n];
        for (int i = 0; i < n; i++) {
            a[i] = "a" + r.nextInt(2);
            b[i] = r.nextInt(20) == 0 ? null : "b" + r.nextInt(3);
            c[i] = "c" + r.nextInt(4);
            d[i] = r.nextBoolean();
            o[i] = r.nextInt(5) == 0 ? null : r.nextBoolean();
        }
        AuditData data = AuditData.builder().group("a", a).group("b", b).group("c", c).decisions(d).outcomes(o)
                .build();
        AuditCounts counts = AuditCounts.of(data, 3);
        assertEquals(7, counts.groupings().size());
        String[][] cols = {a, b, c};
        for (List<String> grouping : counts.groupings()) {
            for (Map.Entry<List<String>, GroupCounts> e : counts.groups(grouping).entrySet()) {
                long[] expected = new long[6];
                for (int i = 0; i < n; i++) {
                    boolean in = true;
                    for (int j = 0; j < grouping.size(); j++) {
                        String[] col = cols[grouping.get(j).charAt(0) - 'a'];
                        String v = col[i] == null ? AuditData.MISSING : col[i];
                        in &= v.equals(e.getKey().get(j));
                    }
                    if (in) {
                        expected[0]++;
                        expected[1] += d[i] ? 1 : 0;
                        if (o[i] != null) {
                            expected[d[i] ? (o[i] ? 2 : 3) : (o[i] ? 5 : 4)]++;
                        }
                    }
                }
                assertEquals(new GroupCounts(expected[0], expected[1], expected[2], expected[3], expected[4],
                        expected[5]), e.getValue(), grouping + " " + e.getKey());
            }
        }
        // merge of two partial audits = audit of the union
        AuditData first = slice(a, b, c, d, o, 0, 1234);
        AuditData second = slice(a, b, c, d, o, 1234, n);
        AuditCounts merged = AuditCounts.of(first, 3).merge(AuditCounts.of(second, 3));
        for (List<String> grouping : counts.groupings()) {
            assertEquals(counts.groups(grouping), merged.groups(grouping), grouping.toString());
        }
        assertEquals(counts.overall(), merged.overall());
    }

    private static AuditData slice(String[] a, String[] b, String[] c, boolean[] d, Boolean[] o, int from, int to) {
        return AuditData.builder().group("a", java.util.Arrays.copyOfRange(a, from, to))
                .group("b", java.util.Arrays.copyOfRange(b, from, to))
                .group("c", java.util.Arrays.copyOfRange(c, from, to))
                .decisions(java.util.Arrays.copyOfRange(d, from, to))
                .outcomes(java.util.Arrays.copyOfRange(o, from, to)).build();
    }

    @Test
    void badInput_isRejectedNamingTheProblem() {
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class, () -> AuditData.builder()
                .group("g", new String[] {"a"}).decisions(new boolean[2]).build());
        assertEquals("group attribute 'g' has 1 values; decisions has 2", len.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AuditCounts.of(small(), 2));
        IllegalArgumentException grouping = assertThrows(IllegalArgumentException.class,
                () -> AuditCounts.of(small(), 1).groups(List.of("h")));
        assertEquals("unknown grouping [h]; known: [[g]]", grouping.getMessage());
    }
}
