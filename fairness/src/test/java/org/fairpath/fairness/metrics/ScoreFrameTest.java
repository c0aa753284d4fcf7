package org.fairpath.fairness.metrics;

import org.fairpath.fairness.input.AuditData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class ScoreFrameTest {

    private static final AuditSettings ALL = AuditSettings.withDefaults().withMinGroupSize(1);

    /**
     * Oracle: by hand. Scores 0.1, 0.1, 0.9, 0.9 with outcomes 0, 1, 1, 1.
     * AUC: pairs (favourable, unfavourable) = (0.1, 0.1) tie 0.5, (0.9, 0.1) 1, (0.9, 0.1) 1 -> 2.5 / 3.
     * Brier: (0.01 + 0.81 + 0.01 + 0.01) / 4 = 0.21. ECE over 10 bins: half the cases in bin [0.1, 0.2) with mean
     * 0.1 and rate 0.5, half in [0.9, 1] with mean 0.9 and rate 1 -> 0.5 * 0.4 + 0.5 * 0.1 = 0.25.
     */
    @Test
    void handComputed_aucBrierEce() {
        AuditData d = AuditData.builder().group("g", new String[] {"x", "x", "x", "x"})
                .decisions(new boolean[4]).outcomes(new Boolean[] {false, true, true, true})
                .scores(new double[] {0.1, 0.1, 0.9, 0.9}).build();
        ScoreFrame.GroupScores s = ScoreFrame.of(d, List.of("g"), 10, ALL).byGroup().get(0);
        assertEquals(2.5 / 3, s.auc(), 1e-15);
        assertEquals(0.21, s.brier(), 1e-15);
        assertEquals(0.25, s.ece(), 1e-15);
        assertEquals(2, s.calibration().get(1).cases());
        assertEquals(0.5, s.calibration().get(1).observedRate(), 0.0);
        assertTrue(Double.isNaN(s.calibration().get(5).meanScore()));
    }

    /** Oracle: brute force over every (favourable, unfavourable) pair of each group, on data with many ties. */
    @Test
    void auc_equalsBruteForcePairCounting() {
        int n = 600;
        SplittableRandom r = new SplittableRandom(9);
        String[] g = new String[n];
        boolean[] dec = new boolean[n];
        Boolean[] out = new Boolean[n];
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = "g" + r.nextInt(3);
            out[i] = r.nextInt(10) == 0 ? null : r.nextDouble() < 0.4;
            score[i] = r.nextInt(15) == 0 ? Double.NaN : Math.round(r.nextDouble() * 10) / 10.0;
        }
        AuditData data = AuditData.builder().group("g", g).decisions(dec).outcomes(out).scores(score).build();
        ScoreFrame f = ScoreFrame.of(data, List.of("g"), 10, ALL);
        for (ScoreFrame.GroupScores s : f.byGroup()) {
            String level = s.group().get(0);
            double wins = 0;
            long pairs = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (g[i].equals(level) && g[j].equals(level) && out[i] != null && out[j] != null && out[i]
                            && !out[j] && !Double.isNaN(score[i]) && !Double.isNaN(score[j])) {
                        pairs++;
                        wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
                    }
                }
            }
            assertEquals(wins / pairs, s.auc(), 1e-12, level);
        }
    }

    @Test
    void undefinedAndSuppressed_sayWhy() {
        AuditData d = AuditData.builder().group("g", new String[] {"a", "a", "b"})
                .decisions(new boolean[3]).outcomes(new Boolean[] {true, true, false})
                .scores(new double[] {0.2, 0.4, 0.5}).build();
        ScoreFrame f = ScoreFrame.of(d, List.of("g"), 5, ALL);
        assertTrue(Double.isNaN(f.byGroup().get(0).auc()));
        assertEquals("AUC needs both favourable and unfavourable outcomes in the group",
                f.byGroup().get(0).undefinedReason());
        ScoreFrame small = ScoreFrame.of(d, List.of("g"), 5, AuditSettings.withDefaults());
        assertTrue(small.byGroup().get(1).suppressed());
        // overall is never suppressed: favourable 0.2 and 0.4 both score below the unfavourable 0.5 -> AUC 0
        assertEquals(0.0, small.overall().auc(), 0.0);
    }

    @Test
    void badInput_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> AuditData.builder().group("g", new String[] {"a"})
                .decisions(new boolean[1]).scores(new double[] {1.5}));
        AuditData noScores = MetricFrameTest.small();
        assertThrows(IllegalArgumentException.class, () -> ScoreFrame.of(noScores, List.of("g"), 10, ALL));
    }
}
