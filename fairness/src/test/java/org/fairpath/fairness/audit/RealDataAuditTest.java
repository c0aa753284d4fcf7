package org.fairpath.fairness.audit;

import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.Comparison;
import org.fairpath.fairness.metrics.MetricFrame;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.Metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.fairpath.core.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Audits of the real datasets in shared/data, each number checked against an independent recomputation (a direct
 * count over the CSV rows in this test) and against the reference figures in shared/data/README.md.
 */
final class RealDataAuditTest {

    private static double share(List<Map<String, String>> rows, Predicate<Map<String, String>> group,
                                Predicate<Map<String, String>> favourable) {
        return rows.stream().filter(group).filter(favourable).count()
                / (double) rows.stream().filter(group).count();
    }

    private static double value(MetricFrame f, String level) {
        return f.byGroup().stream().filter(g -> g.group().equals(List.of(level))).findFirst().orElseThrow()
                .estimate().value();
    }

    @Test
    void germanCredit_goodRateBySexAgeAndForeignWorker() throws IOException {
        List<Map<String, String>> rows = Fixtures.readSharedCsv("german_credit.csv");
        String[] sex = rows.stream().map(r -> r.get("sex")).toArray(String[]::new);
        String[] age = rows.stream().map(r -> Integer.parseInt(r.get("age")) <= 25 ? "<=25" : ">25")
                .toArray(String[]::new);
        String[] foreign = rows.stream().map(r -> r.get("foreign_worker")).toArray(String[]::new);
        boolean[] good = new boolean[rows.size()];
        for (int i = 0; i < good.length; i++) {
            good[i] = rows.get(i).get("class").equals("good");
        }
        AuditData data = AuditData.builder().group("sex", sex).group("age", age).group("foreign_worker", foreign)
                .decisions(good).build();
        AuditCounts counts = AuditCounts.of(data, 2);
        Predicate<Map<String, String>> isGood = r -> r.get("class").equals("good");

        MetricFrame bySex = MetricFrame.of(counts, Metric.SELECTION_RATE, List.of("sex"), AuditSettings.withDefaults());
        assertEquals(share(rows, r -> r.get("sex").equals("female"), isGood), value(bySex, "female"), 1e-15);
        assertEquals(0.648, value(bySex, "female"), 0.0005); // shared/data README: 64.8%
        assertEquals(0.723, value(bySex, "male"), 0.0005); // 72.3%
        assertEquals(value(bySex, "male") - value(bySex, "female"), bySex.difference().orElseThrow().value(), 1e-15);
        assertEquals(value(bySex, "female") / value(bySex, "male"), bySex.ratio().orElseThrow().value(), 1e-15);

        MetricFrame byAge = MetricFrame.of(counts, Metric.SELECTION_RATE, List.of("age"), AuditSettings.withDefaults());
        assertEquals(0.579, value(byAge, "<=25"), 0.0005); // 57.9%
        assertEquals(0.728, value(byAge, ">25"), 0.0005); // 72.8%
        Comparison young = byAge.vsReference().get(0);
        assertEquals(List.of("<=25"), young.group());
        assertTrue(young.pValue() < 0.001, "the age gap is not noise: p = " + young.pValue());

        MetricFrame byForeign = MetricFrame.of(counts, Metric.SELECTION_RATE, List.of("foreign_worker"),
                AuditSettings.withDefaults());
        assertEquals(0.693, value(byForeign, "yes"), 0.0005); // 69.3%
        assertEquals(0.892, value(byForeign, "no"), 0.0005); // 89.2%, n = 37
        assertEquals(37, byForeign.byGroup().stream().filter(g -> g.group().equals(List.of("no"))).findFirst()
                .orElseThrow().cases());

        // an intersection, recomputed on the masked rows
        MetricFrame sexAge = MetricFrame.of(counts, Metric.SELECTION_RATE, List.of("sex", "age"),
                AuditSettings.withDefaults());
        double youngWomen = share(rows, r -> r.get("sex").equals("female") && Integer.parseInt(r.get("age")) <= 25,
                isGood);
        assertEquals(youngWomen, sexAge.byGroup().stream().filter(g -> g.group().equals(List.of("female", "<=25")))
                .findFirst().orElseThrow().estimate().value(), 1e-15);
    }

    @Test
    void uiTakeUp_bySexAndNonWhite_fromCsv() throws IOException {
        List<Map<String, String>> rows = Fixtures.readSharedCsv("ui_takeup_benefits.csv");
        AuditData data = AuditData.fromCsv(Fixtures.sharedData("ui_takeup_benefits.csv"), List.of("sex", "nwhite"),
                "ui", "yes", null, null);
        assertEquals(4877, data.rows());
        AuditCounts counts = AuditCounts.of(data, 2);
        MetricFrame bySex = MetricFrame.of(counts, Metric.SELECTION_RATE, List.of("sex"), AuditSettings.withDefaults());
        assertEquals(0.704, value(bySex, "female"), 0.0005); // README: 70.4%
        assertEquals(0.678, value(bySex, "male"), 0.001); // README: 67.8% (the count gives 67.749%)
        assertEquals(share(rows, r -> r.get("sex").equals("male"), r -> r.get("ui").equals("yes")),
                value(bySex, "male"), 1e-15);
        MetricFrame byRace = MetricFrame.of(counts, Metric.SELECTION_RATE, List.of("nwhite"),
                AuditSettings.withDefaults());
        assertEquals(0.694, value(byRace, "yes"), 0.0005); // non-white 69.4%
        assertEquals(0.682, value(byRace, "no"), 0.0005); // white 68.2%
        assertEquals(0.684, bySex.overall().value(), 0.0005); // take-up 68.4%
        // the small race gap is within noise: the difference interval straddles 0
        Comparison d = byRace.difference().orElseThrow();
        assertTrue(d.interval().lower() < 0 && d.interval().upper() > 0, d.toString());
    }
}
