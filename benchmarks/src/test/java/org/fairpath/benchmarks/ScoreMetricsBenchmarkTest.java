package org.fairpath.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.fairpath.fairness.metrics.ScoreFrame;
import org.fairpath.fairness.stats.ScoreCounts;
import org.junit.jupiter.api.Test;

/**
 * The benchmarked method computes the library's answer: 24 groups, and each group's AUC equal to a count over every
 * (favourable, unfavourable) pair of the group (brute force, on a small input).
 */
final class ScoreMetricsBenchmarkTest {

    @Test
    void byIntersection_isTheLibrarysFrameWithBruteForceAuc() {
        for (ScoreMetricsBenchmark.Scores kind : ScoreMetricsBenchmark.Scores.values()) {
            ScoreMetricsBenchmark b = new ScoreMetricsBenchmark();
            b.rows = 6_000;
            b.scores = kind;
            b.setUp();
            ScoreFrame f = b.byIntersection();
            assertEquals(24, f.byGroup().size());
            assertEquals(ScoreFrame.of(ScoreCounts.of(b.data, b.grouping), 10, b.settings).byGroup(), f.byGroup());
            for (ScoreFrame.GroupScores g : f.byGroup()) {
                double wins = 0;
                long pairs = 0;
                int[] rows = java.util.stream.IntStream.range(0, b.data.rows()).filter(r -> in(b, r, g.group()))
                        .toArray();
                for (int i : rows) {
                    for (int j : rows) {
                        if (b.data.outcomes()[i] == 1 && b.data.outcomes()[j] == 0) {
                            pairs++;
                            double si = b.data.scores()[i];
                            double sj = b.data.scores()[j];
                            wins += si > sj ? 1 : si == sj ? 0.5 : 0;
                        }
                    }
                }
                assertEquals(wins / pairs, g.auc(), 0.0, g.group().toString());
            }
        }
    }

    private static boolean in(ScoreMetricsBenchmark b, int r, List<String> group) {
        if (Double.isNaN(b.data.scores()[r]) || b.data.outcomes()[r] < 0) {
            return false;
        }
        for (int a = 0; a < 3; a++) {
            if (!b.data.levels(a).get(b.data.code(a, r)).equals(group.get(a))) {
                return false;
            }
        }
        return true;
    }
}
