package org.fairpath.fairness.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.stats.AuditCounts;
import org.junit.jupiter.api.Test;

/** Issue 13: verdicts mean what their intervals show; findings name the true cause when nothing can be compared. */
final class VerdictTest {

    /** Builds rows: for each group label, {@code n} cases of which {@code selected} get the favourable decision. */
    private static AuditData groups(Object... labelSelectedN) {
        List<String> g = new ArrayList<>();
        List<Boolean> d = new ArrayList<>();
        for (int i = 0; i < labelSelectedN.length; i += 3) {
            int sel = (Integer) labelSelectedN[i + 1];
            int n = (Integer) labelSelectedN[i + 2];
            for (int k = 0; k < n; k++) {
                g.add((String) labelSelectedN[i]);
                d.add(k < sel);
            }
        }
        boolean[] dec = new boolean[d.size()];
        for (int i = 0; i < dec.length; i++) {
            dec[i] = d.get(i);
        }
        return AuditData.builder().group("g", g.toArray(new String[0])).decisions(dec).build();
    }

    private static List<Finding> selection(AuditData data, AuditSettings s) {
        return Audit.run(AuditCounts.of(data, 1), s, AuditPolicy.withDefaults()).findings().stream()
                .filter(f -> f.check().equals("demographic_parity_ratio")).toList();
    }

    @Test
    void completeExclusion_isFail_notWarn() {
        // 0 of 1,000 women vs 500 of 1,000 men: Katz had no interval ("the data cannot tell"); Koopman's is [0, 0.0077]
        List<Finding> f = selection(groups("women", 0, 1000, "men", 500, 1001), AuditSettings.withDefaults());
        assertEquals(1, f.size());
        assertEquals(Finding.Level.FAIL, f.get(0).level(), f.get(0).sentence());
        assertEquals(List.of("women"), f.get(0).group());
        assertEquals(List.of("men"), f.get(0).against());
        assertEquals(0.0, f.get(0).value(), 0.0);
        // equal sizes: the first group in label order is the reference; both directions are FAIL
        Finding equal = selection(groups("women", 0, 1000, "men", 500, 1000), AuditSettings.withDefaults()).get(0);
        assertEquals(Finding.Level.FAIL, equal.level(), equal.sentence());
        assertEquals(List.of("men"), equal.against());
        Finding reversed = selection(groups("a-women", 0, 1000, "b-men", 500, 1000), AuditSettings.withDefaults())
                .get(0);
        assertEquals(Finding.Level.FAIL, reversed.level(), reversed.sentence());
        assertEquals(Double.POSITIVE_INFINITY, reversed.value(), reversed.sentence());
    }

    @Test
    void intervalCrossingTheThreshold_isWarn_neverPass() {
        Verdicts.Component c = component("difference", 60, 100, 50, 100);
        // 0.60 - 0.50 = 0.10 (by hand); Newcombe's interval reaches both sides of 0.10
        Finding f = Verdicts.check("x", "the gap", false, List.of("g"), cases(100, 100), List.of(c), List.of(),
                0.10, 0.95, 10).get(0);
        assertEquals(0.10, f.value(), 1e-12);
        assertTrue(f.interval().lower() < 0.10 && f.interval().upper() > 0.10);
        assertEquals(Finding.Level.WARN, f.level(), f.sentence());
        Finding wide = Verdicts.check("x", "the gap", false, List.of("g"), cases(100, 100),
                List.of(component("d", 52, 100, 50, 100)), List.of(), 0.10, 0.95, 10).get(0);
        assertEquals(Finding.Level.WARN, wide.level(), "0.02 but the interval reaches past 0.10: " + wide.sentence());
        Finding narrow = Verdicts.check("x", "the gap", false, List.of("g"), cases(10000, 10000),
                List.of(component("d", 5050, 10000, 5000, 10000)), List.of(), 0.10, 0.95, 10).get(0);
        assertEquals(Finding.Level.PASS, narrow.level(), narrow.sentence());
        Finding beyond = Verdicts.check("x", "the gap", false, List.of("g"), cases(1000, 1000),
                List.of(component("d", 700, 1000, 500, 1000)), List.of(), 0.10, 0.95, 10).get(0);
        assertEquals(Finding.Level.FAIL, beyond.level(), beyond.sentence());
    }

    @Test
    void smallGroupAtHundredPercent_isNotAConfidentRatio() {
        // 20 of 20 vs 40 of 46: Katz said 1.086 [1.07, 1.10]; Koopman [0.958, 1.345] crosses 1.25
        List<Finding> f = selection(groups("small", 20, 20, "large", 40, 46), AuditSettings.withDefaults());
        assertEquals(Finding.Level.WARN, f.get(0).level(), f.get(0).sentence());
        assertTrue(f.get(0).interval().lower() < 1 && f.get(0).interval().upper() > 1.25);
    }

    @Test
    void everyGroupIsComparedWithTheReference_notOnlyTheExtremes() {
        // the known large gap sits between the two large groups; two 11-case groups are the extremes
        AuditData d = groups("African-American", 1800, 3000, "Caucasian", 500, 2000, "Other", 1, 11,
                "Native American", 7, 11);
        List<Finding> f = selection(d, AuditSettings.withDefaults());
        Finding cauc = f.stream().filter(x -> x.group().equals(List.of("Caucasian"))).findFirst().orElseThrow();
        assertEquals(List.of("African-American"), cauc.against()); // the largest group is the reference
        assertEquals(Finding.Level.FAIL, cauc.level(), cauc.sentence());
        assertEquals(Finding.Level.FAIL, f.get(0).level()); // FAILs come first
        // a named reference is used instead
        List<Finding> named = selection(d, AuditSettings.withDefaults().withReference(List.of("Caucasian")));
        assertTrue(named.stream().filter(x -> !x.against().isEmpty())
                .allMatch(x -> x.against().equals(List.of("Caucasian")) || x.sentence().contains("lowest vs highest")));
        // max-vs-min only among groups of the minimum size: with 12, the 11-case groups are not compared at all
        List<Finding> big = selection(d, AuditSettings.withDefaults().withMinGroupSize(12));
        assertTrue(big.stream().noneMatch(x -> x.group().contains("Other") || x.against().contains("Other")
                || x.group().contains("Native American")), big.toString());
    }

    @Test
    void undefined_saysItsTrueCause() {
        // nobody selected: not "fewer than two groups"
        Finding none = selection(groups("a", 0, 50, "b", 0, 50), AuditSettings.withDefaults()).get(0);
        assertEquals(Finding.Level.UNDEFINED, none.level());
        assertTrue(none.sentence().contains("no reported group has any case counted in its selection rate"),
                none.sentence());
        // no outcome column: the outcome checks say so
        Audit a = Audit.run(AuditCounts.of(groups("a", 10, 50, "b", 20, 50), 1), AuditSettings.withDefaults(),
                AuditPolicy.withDefaults());
        Finding eo = a.findings().stream().filter(f -> f.check().equals("equal_opportunity_difference")).findFirst()
                .orElseThrow();
        assertTrue(eo.sentence().contains("no case has a known outcome"), eo.sentence());
        // outcomes known but none favourable
        AuditData noPositive = AuditData.builder().group("g", new String[] {"a", "a", "b", "b"})
                .decisions(new boolean[] {true, false, true, false})
                .outcomes(new Boolean[] {false, false, false, false}).build();
        Finding tpr = Audit.run(AuditCounts.of(noPositive, 1), AuditSettings.withDefaults().withMinGroupSize(1),
                AuditPolicy.withDefaults()).findings().stream()
                .filter(f -> f.check().equals("equal_opportunity_difference")).findFirst().orElseThrow();
        assertTrue(tpr.sentence().contains("no case at all has a favourable outcome"), tpr.sentence());
        // one group large enough
        Finding one = selection(groups("a", 10, 50, "b", 2, 5), AuditSettings.withDefaults()).get(0);
        assertTrue(one.sentence().contains("1 of 2 groups have at least the minimum of 10 cases"), one.sentence());
    }

    /**
     * The earlier attempt's failure: per-pair 95% intervals gave 30 FAILs in 40 fair-coin audits over 36 intersection
     * groups. Generated (seeded) audits with no disparity at all must give (almost) no FAIL.
     */
    @Test
    void noDisparity_generatedAudits_giveNoFail() {
        SplittableRandom rnd = new SplittableRandom(13);
        int fails = 0;
        int audits = 40;
        for (int run = 0; run < audits; run++) {
            int n = 2000;
            String[] a = new String[n];
            String[] b = new String[n];
            String[] c = new String[n];
            boolean[] dec = new boolean[n];
            Boolean[] out = new Boolean[n];
            for (int i = 0; i < n; i++) {
                a[i] = "a" + rnd.nextInt(4);
                b[i] = "b" + rnd.nextInt(3);
                c[i] = "c" + rnd.nextInt(3);
                dec[i] = rnd.nextBoolean();
                out[i] = rnd.nextBoolean();
            }
            AuditData d = AuditData.builder().group("a", a).group("b", b).group("c", c).decisions(dec).outcomes(out)
                    .build();
            Audit audit = Audit.run(AuditCounts.of(d, 3), AuditSettings.withDefaults(), AuditPolicy.withDefaults());
            fails += (int) audit.findings().stream().filter(f -> f.level() == Finding.Level.FAIL).count();
        }
        System.out.printf(java.util.Locale.ROOT, "no-disparity audits: %d FAIL findings in %d audits%n", fails, audits);
        assertTrue(fails <= 1, fails + " FAIL findings in " + audits + " audits of data without disparity");
    }

    private static Verdicts.Component component(String name, long x1, long n1, long x2, long n2) {
        java.util.Map<List<String>, Verdicts.Rate> m = new java.util.LinkedHashMap<>();
        m.put(List.of("one"), new Verdicts.Rate(x1, n1));
        m.put(List.of("two"), new Verdicts.Rate(x2, n2));
        return new Verdicts.Component(name, m, "none");
    }

    private static java.util.Map<List<String>, Long> cases(long n1, long n2) {
        java.util.Map<List<String>, Long> m = new java.util.LinkedHashMap<>();
        m.put(List.of("one"), n1);
        m.put(List.of("two"), n2 + 1); // "two" is the larger group, so it is the reference
        return m;
    }
}
