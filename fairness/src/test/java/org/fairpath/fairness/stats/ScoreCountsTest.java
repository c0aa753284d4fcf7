package org.fairpath.fairness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.fairpath.core.Fixtures;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.ScoreFrame;
import org.junit.jupiter.api.Test;

/**
 * ScoreCounts against a reference written here: the rank-based walk that ScoreFrame used before (rows sorted by
 * score, tie block by tie block), with its sums kept exactly in BigDecimal and each mean (the Brier score, a bin's
 * mean score) rounded once from the exact quotient, and the same walk with plain floating-point sums (the earlier
 * ScoreFrame's own figures).
 */
final class ScoreCountsTest {

    private static final AuditSettings ALL = AuditSettings.withDefaults().withMinGroupSize(1);

    /** One group's figures by the reference walk. */
    record Ref(long n, double auc, double brierExact, double brierFloat, double[] meanExact, double[] meanFloat,
               long[] binCases, long[] binPositives) {
    }

    static Ref reference(double[] score, byte[] outcome, boolean[] member, int bins) {
        int[] rows = IntStream.range(0, score.length).filter(r -> member[r] && !Double.isNaN(score[r])
                && outcome[r] >= 0).boxed().sorted(Comparator.comparingDouble(r -> score[r]))
                .mapToInt(Integer::intValue).toArray();
        double u = 0;
        long pos = 0;
        long neg = 0;
        double brier = 0;
        BigDecimal brierExact = BigDecimal.ZERO;
        double[] binScore = new double[bins];
        BigDecimal[] binExact = new BigDecimal[bins];
        java.util.Arrays.fill(binExact, BigDecimal.ZERO);
        long[] binCases = new long[bins];
        long[] binPos = new long[bins];
        int i = 0;
        while (i < rows.length) {
            int j = i;
            long bp = 0;
            long bn = 0;
            while (j < rows.length && score[rows[j]] == score[rows[i]]) {
                double s = score[rows[j]];
                boolean fav = outcome[rows[j]] == 1;
                int b = Math.min(bins - 1, (int) (s * bins));
                binCases[b]++;
                binScore[b] += s;
                binExact[b] = binExact[b].add(new BigDecimal(s));
                double y = fav ? 1 : 0;
                brier += (s - y) * (s - y);
                brierExact = brierExact.add(new BigDecimal((s - y) * (s - y)));
                if (fav) {
                    bp++;
                    binPos[b]++;
                } else {
                    bn++;
                }
                j++;
            }
            u += bp * (neg + 0.5 * bn);
            pos += bp;
            neg += bn;
            i = j;
        }
        long n = pos + neg;
        double[] meanExact = new double[bins];
        double[] meanFloat = new double[bins];
        for (int b = 0; b < bins; b++) {
            meanExact[b] = binCases[b] == 0 ? Double.NaN : roundedOnce(binExact[b], binCases[b]);
            meanFloat[b] = binCases[b] == 0 ? Double.NaN : binScore[b] / binCases[b];
        }
        return new Ref(n, pos == 0 || neg == 0 ? Double.NaN : u / ((double) pos * neg),
                n == 0 ? Double.NaN : roundedOnce(brierExact, n), brier / n, meanExact, meanFloat, binCases, binPos);
    }

    /** The exact quotient to 1,200 digits, rounded once to a double by Double.parseDouble. */
    static double roundedOnce(BigDecimal sum, long n) {
        return Double.parseDouble(sum.divide(BigDecimal.valueOf(n), new java.math.MathContext(1_200)).toString());
    }

    static void assertMatches(Ref ref, ScoreFrame.GroupScores g, String where) {
        assertEquals(ref.n(), g.cases(), where);
        // AUC: the same whole number of half-pairs over the same product: bit for bit
        assertEquals(ref.auc(), g.auc(), 0.0, where);
        assertEquals(ref.brierExact(), g.brier(), 0.0, where);
        assertEquals(ref.brierFloat(), g.brier(), 1e-12 * Math.max(1, ref.brierFloat()), where);
        for (int b = 0; b < ref.binCases().length; b++) {
            ScoreFrame.Bin bin = g.calibration().get(b);
            assertEquals(ref.binCases()[b], bin.cases(), where + " bin " + b);
            assertEquals(ref.meanExact()[b], bin.meanScore(), 0.0, where + " bin " + b);
            assertEquals(ref.meanFloat()[b], bin.meanScore(), 1e-12, where + " bin " + b);
            assertEquals(ref.binCases()[b] == 0 ? Double.NaN : (double) ref.binPositives()[b] / ref.binCases()[b],
                    bin.observedRate(), 0.0, where + " bin " + b);
        }
    }

    /** Random data: continuous scores, scores with many ties, unknown outcomes and missing scores. */
    static AuditData random(long seed, int n, boolean ties) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] g = new String[n];
        String[] h = new String[n];
        Boolean[] out = new Boolean[n];
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = "g" + r.nextInt(4);
            h[i] = r.nextInt(3) == 0 ? "" : "h" + r.nextInt(2);
            out[i] = r.nextInt(12) == 0 ? null : r.nextDouble() < 0.35;
            double s = r.nextDouble();
            score[i] = r.nextInt(20) == 0 ? Double.NaN : ties ? Math.round(s * 20) / 20.0 : s;
            if (r.nextInt(500) == 0) {
                score[i] = r.nextBoolean() ? 1.0 : -0.0; // the ends, -0.0 included
            }
        }
        return AuditData.builder().group("g", g).group("h", h).decisions(new boolean[n]).outcomes(out)
                .scores(score).build();
    }

    static boolean[] members(AuditData d, List<String> grouping, List<String> group) {
        boolean[] m = new boolean[d.rows()];
        for (int r = 0; r < m.length; r++) {
            m[r] = true;
            for (int j = 0; j < grouping.size(); j++) {
                int a = d.attributes().indexOf(grouping.get(j));
                m[r] &= d.levels(a).get(d.code(a, r)).equals(group.get(j));
            }
        }
        return m;
    }

    @Test
    void randomData_equalTheRankBasedReference() {
        for (boolean ties : new boolean[] {false, true}) {
            for (List<String> grouping : List.of(List.of("g"), List.of("h"), List.of("g", "h"))) {
                AuditData d = random(ties ? 11 : 12, 20_000, ties);
                ScoreFrame f = ScoreFrame.of(d, grouping, 10, ALL);
                for (ScoreFrame.GroupScores g : f.byGroup()) {
                    assertMatches(reference(d.scores(), d.outcomes(), members(d, grouping, g.group()), 10), g,
                            grouping + " " + g.group() + " ties " + ties);
                }
                boolean[] every = new boolean[d.rows()];
                java.util.Arrays.fill(every, true);
                assertMatches(reference(d.scores(), d.outcomes(), every, 10), f.overall(), "overall");
            }
        }
    }

    /** Oracle: every (favourable, unfavourable) pair, counted one by one; exact fractions so equality is exact. */
    @Test
    void smallCases_aucEqualsAllPairs() {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(12);
            ScoreCounts.Accumulator acc = ScoreCounts.accumulator(List.of("g"));
            double[] s = new double[n];
            boolean[] y = new boolean[n];
            for (int i = 0; i < n; i++) {
                s[i] = r.nextInt(4) / 4.0;
                y[i] = r.nextBoolean();
                acc.add(List.of("x"), s[i], y[i]);
            }
            double wins = 0;
            long pairs = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (y[i] && !y[j]) {
                        pairs++;
                        wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                    }
                }
            }
            double auc = acc.build().scores(List.of("x")).auc();
            if (pairs == 0) {
                assertTrue(Double.isNaN(auc));
            } else {
                assertEquals(wins / pairs, auc, 0.0, "trial " + trial);
            }
        }
    }

    /** Merging the counts of a random partition of the rows equals counting all rows at once. */
    @Test
    void mergeOfRandomPartitions_equalsOnePass() {
        SplittableRandom r = new SplittableRandom(21);
        int n = 30_000;
        List<List<String>> groups = new ArrayList<>();
        double[] s = new double[n];
        boolean[] y = new boolean[n];
        ScoreCounts.Accumulator one = ScoreCounts.accumulator(List.of("a", "b"));
        for (int i = 0; i < n; i++) {
            groups.add(List.of("a" + r.nextInt(3), "b" + r.nextInt(2)));
            s[i] = r.nextInt(3) == 0 ? Math.round(r.nextDouble() * 100) / 100.0 : r.nextDouble();
            y[i] = r.nextBoolean();
            one.add(groups.get(i), s[i], y[i]);
        }
        ScoreCounts whole = one.build();
        for (int parts : new int[] {2, 3, 7}) {
            ScoreCounts.Accumulator[] acc = new ScoreCounts.Accumulator[parts];
            for (int p = 0; p < parts; p++) {
                acc[p] = ScoreCounts.accumulator(List.of("a", "b"));
            }
            for (int i = 0; i < n; i++) {
                acc[r.nextInt(parts)].add(groups.get(i), s[i], y[i]);
            }
            ScoreCounts merged = acc[parts - 1].build();
            for (int p = parts - 2; p >= 0; p--) {
                merged = acc[p].build().merge(merged);
            }
            assertEquals(whole, merged, parts + " parts");
            ScoreFrame a = ScoreFrame.of(whole.by(List.of("b")), 10, ALL);
            ScoreFrame b = ScoreFrame.of(merged.by(List.of("b")), 10, ALL);
            assertEquals(a.byGroup(), b.byGroup());
            assertEquals(a.overall(), b.overall());
        }
        assertThrows(IllegalArgumentException.class, () -> whole.merge(ScoreCounts.accumulator(List.of("a"))
                .build()));
    }

    /**
     * Real data (shared/data/ui_takeup_benefits.csv, 4,877 displaced workers): the replacement rate rr as a score of
     * taking up unemployment insurance (ui = yes), by sex; 2,468 distinct values, many tied.
     */
    @Test
    void uiTakeUp_replacementRateBySex_equalsReference() throws IOException {
        List<Map<String, String>> rows = Fixtures.readSharedCsv("ui_takeup_benefits.csv");
        int n = rows.size();
        String[] sex = new String[n];
        Boolean[] ui = new Boolean[n];
        double[] rr = new double[n];
        for (int i = 0; i < n; i++) {
            sex[i] = rows.get(i).get("sex");
            ui[i] = rows.get(i).get("ui").equals("yes");
            rr[i] = Double.parseDouble(rows.get(i).get("rr"));
        }
        AuditData d = AuditData.builder().group("sex", sex).decisions(new boolean[n]).outcomes(ui).scores(rr).build();
        ScoreFrame f = ScoreFrame.of(d, List.of("sex"), 10, ALL);
        assertEquals(2, f.byGroup().size());
        for (ScoreFrame.GroupScores g : f.byGroup()) {
            assertMatches(reference(d.scores(), d.outcomes(), members(d, List.of("sex"), g.group()), 10), g,
                    g.group().toString());
        }
    }

    /** Oracle: Fairlearn 0.12 (scikit-learn 1.2.1 roc_auc_score) on shared/fairlearn/synthetic_1000, 24 groups. */
    @Test
    void synthetic1000_aucEqualsFairlearnByIntersection() throws IOException {
        Path dir = Fixtures.sharedData("README.md").getParent().resolveSibling("fairlearn");
        List<String> lines = java.nio.file.Files.readAllLines(dir.resolve("synthetic_1000.csv"));
        ScoreCounts.Accumulator acc = ScoreCounts.accumulator(List.of("gender", "age_band", "citizenship"));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            acc.add(List.of(c[0], c[1], c[2]), Double.parseDouble(c[5]), c[3].equals("1"));
        }
        ScoreCounts counts = acc.build();
        JsonNode ref = new ObjectMapper().readTree(dir.resolve("synthetic_1000.json").toFile());
        assertEquals(ref.get("overall").get("roc_auc").asDouble(), counts.overall().auc(), 1e-12);
        int checked = 0;
        for (JsonNode grouping : ref.get("groupings")) {
            if (!grouping.get("name").asText().equals("gender&age_band&citizenship")) {
                continue;
            }
            for (JsonNode g : grouping.get("groups")) {
                JsonNode key = g.get("key");
                List<String> group = List.of(key.get("gender").asText(), key.get("age_band").asText(),
                        key.get("citizenship").asText());
                JsonNode auc = g.get("metrics").get("roc_auc");
                if (auc == null || auc.isNull()) {
                    continue;
                }
                assertEquals(auc.asDouble(), counts.scores(group).auc(), 1e-12, group.toString());
                checked++;
            }
        }
        assertTrue(checked >= 20, "checked " + checked);
    }

    @Test
    void badInput_isRefusedNamingTheValue() {
        ScoreCounts.Accumulator acc = ScoreCounts.accumulator(List.of("g"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> acc.add(List.of("x"), 1.5, true))
                .getMessage().contains("score is 1.5"));
        assertThrows(IllegalArgumentException.class, () -> acc.add(List.of("x"), Double.NaN, true));
        assertThrows(IllegalArgumentException.class, () -> acc.add(List.of("x", "y"), 0.5, true));
        assertThrows(IllegalArgumentException.class, () -> acc.add(7, 0.5, true));
        assertThrows(IllegalArgumentException.class, () -> ScoreCounts.accumulator(List.of("g", "g")));
        assertThrows(IllegalArgumentException.class, () -> acc.build().by(List.of("nope")));
    }
}
