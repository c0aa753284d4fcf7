package org.fairpath.fairness.audit;

import org.fairpath.fairness.metrics.MetricFrameTest;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.Comparison;
import org.fairpath.fairness.metrics.Disparity;
import org.fairpath.fairness.metrics.MetricFrame;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.Metric;
import org.fairpath.fairness.stats.Tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.fairpath.core.Fixtures;
import org.junit.jupiter.api.Test;

final class AuditTest {

    private static final AuditSettings ALL = AuditSettings.withDefaults().withMinGroupSize(1);

    /** Oracle: the hand counts of {@link MetricFrameTest#small()}. */
    @Test
    void disparities_smallTable_handComputed() {
        AuditCounts c = AuditCounts.of(MetricFrameTest.small(), 1);
        List<String> g = List.of("g");
        assertEquals(0.5, Disparity.DEMOGRAPHIC_PARITY_DIFFERENCE.of(c, g, ALL).orElseThrow().value(), 1e-15);
        assertEquals(0.0, Disparity.DEMOGRAPHIC_PARITY_RATIO.of(c, g, ALL).orElseThrow().value(), 0.0);
        // without the smallest group C (3 cases): selection A 1/2, B 1/6 -> ratio 1/3
        AuditSettings four = AuditSettings.withDefaults().withMinGroupSize(4);
        assertEquals(1.0 / 3, Disparity.DEMOGRAPHIC_PARITY_RATIO.of(c, g, four).orElseThrow().value(), 1e-15);
        // TPR: A 1/2, B 1/2, C 0/1 -> 0.5; FPR: A 1/2, B 0/3, C 0/1 -> 0.5; equalized odds = max = 0.5
        assertEquals(0.5, Disparity.EQUAL_OPPORTUNITY_DIFFERENCE.of(c, g, ALL).orElseThrow().value(), 1e-15);
        assertEquals(0.5, Disparity.EQUALIZED_ODDS_DIFFERENCE.of(c, g, ALL).orElseThrow().value(), 1e-15);
        // TPR among A and B only (C suppressed): equal -> 0
        assertEquals(0.0, Disparity.EQUAL_OPPORTUNITY_DIFFERENCE.of(c, g, four).orElseThrow().value(), 0.0);
        // PPV: A 1/2, B 1/1, C undefined -> 0.5
        assertEquals(0.5, Disparity.PREDICTIVE_PARITY_DIFFERENCE.of(c, g, ALL).orElseThrow().value(), 1e-15);
        // a single reported group: undefined
        assertTrue(Disparity.DEMOGRAPHIC_PARITY_RATIO.of(c, g, AuditSettings.withDefaults().withMinGroupSize(5))
                .isEmpty());
    }

    @Test
    void findings_germanCredit_passWarnOrFailWithSentences() throws IOException {
        var rows = Fixtures.readSharedCsv("german_credit.csv");
        AuditData data = AuditData.builder()
                .group("sex", rows.stream().map(r -> r.get("sex")).toArray(String[]::new))
                .group("age", rows.stream().map(r -> Integer.parseInt(r.get("age")) <= 25 ? "<=25" : ">25")
                        .toArray(String[]::new))
                .group("foreign_worker", rows.stream().map(r -> r.get("foreign_worker")).toArray(String[]::new))
                .decisions(toBooleans(rows.stream().map(r -> r.get("class").equals("good")).toList()))
                .build();
        Audit audit = Audit.run(AuditCounts.of(data, 2), AuditSettings.withDefaults(), AuditPolicy.withDefaults());
        Finding sex = find(audit, List.of("sex"));
        Finding age = find(audit, List.of("age"));
        Finding foreign = find(audit, List.of("foreign_worker"));
        // each group against the largest (reference) group, Koopman's interval; one pair per attribute, so 95% as is.
        // Oracle: fairness/src/test/resources/koopman_oracle.py (Koopman's Pearson-form statistic, mpmath 1.3.0, 40 digits),
        // counts by hand from german_credit.csv: age <=25 110/190 vs >25 590/810; female 201/310 vs male 499/690;
        // foreign_worker no 33/37 vs yes 667/963.
        assertEquals(List.of(">25"), age.against());
        assertEquals(110.0 / 190 / (590.0 / 810), age.value(), 1e-12);
        assertEquals(0.69306816139551207, age.interval().lower(), 1e-9);
        assertEquals(0.89589296479053768, age.interval().upper(), 1e-9);
        assertEquals(Finding.Level.WARN, age.level(), age.sentence()); // 0.693..0.896 crosses 0.80
        assertEquals(0.81260412673457567, sex.interval().lower(), 1e-9);
        assertEquals(0.98134981392312994, sex.interval().upper(), 1e-9);
        assertEquals(Finding.Level.PASS, sex.level(), sex.sentence()); // wholly within 0.80..1.25
        assertEquals(List.of("no"), foreign.group());
        assertEquals(1.0831323841727638, foreign.interval().lower(), 1e-9);
        assertEquals(1.4042949469567157, foreign.interval().upper(), 1e-9);
        assertEquals(Finding.Level.WARN, foreign.level(), foreign.sentence()); // crosses 1.25
        assertTrue(age.sentence().startsWith("The selection-rate ratio by age, '<=25' vs the reference group '>25', is"
                + " 0.795 (simultaneous 95% interval 0.693 to 0.896"), age.sentence());
        assertTrue(age.sentence().endsWith("so the data cannot tell."), age.sentence());
        // no outcome column: the true-positive checks cannot be made, and say so
        Finding eo = audit.findings().stream().filter(f -> f.check().equals("equal_opportunity_difference"))
                .findFirst().orElseThrow();
        assertEquals(Finding.Level.UNDEFINED, eo.level());
        assertTrue(eo.sentence().contains("no case has a known outcome"), eo.sentence());
        // findings come most serious first
        for (int i = 1; i < audit.findings().size(); i++) {
            assertTrue(audit.findings().get(i - 1).level().compareTo(audit.findings().get(i).level()) <= 0);
        }
        assertEquals(3 * 8 + 3 * 8, audit.frames().size()); // 6 groupings x 8 metrics
        // Benjamini-Hochberg across the whole audit: recompute from every raw p-value of every frame, each distinct
        // hypothesis (grouping, metric or its complement, pair of groups) once (see DistinctComparisonsTest)
        List<Double> raw = new java.util.ArrayList<>();
        List<Double> adjusted = new java.util.ArrayList<>();
        List<Object> keys = new java.util.ArrayList<>();
        for (MetricFrame f : audit.frames()) {
            for (Comparison c : f.comparisons()) {
                raw.add(c.pValue());
                adjusted.add(c.adjustedP());
                keys.add(List.of(f.grouping(), f.metric() == Metric.FNR ? Metric.TPR : f.metric() == Metric.TNR
                        ? Metric.FPR : f.metric(), new java.util.HashSet<>(List.of(c.group(), c.against()))));
            }
        }
        double[] expected = Tests.benjaminiHochberg(raw.stream().mapToDouble(Double::doubleValue).toArray(), keys);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], adjusted.get(i), 0.0);
        }
        long defined = raw.stream().filter(p -> !Double.isNaN(p)).count();
        assertTrue(defined > 20, "an audit of this size has many comparisons: " + defined);
    }

    private static Finding find(Audit a, List<String> grouping) {
        return a.findings().stream().filter(f -> f.check().equals("demographic_parity_ratio")
                && f.grouping().equals(grouping)).findFirst().orElseThrow();
    }

    private static boolean[] toBooleans(List<Boolean> l) {
        boolean[] b = new boolean[l.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = l.get(i);
        }
        return b;
    }
}
