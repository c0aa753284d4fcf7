package org.fairpath.fairness.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.fairpath.core.ServiceCatalogue;
import org.fairpath.core.model.Datasheet;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The monitor on generated drift: inputs drawn from the same seeded caseload generator as the training data, one
 * attribute shifted from a chosen window on.
 */
final class DriftMonitorTest {

    static final int TRAINING = 20_000;
    static final int PER_WINDOW = 500;
    static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");
    private static CaseloadGenerator gen;
    private static Datasheet reference;

    @BeforeAll
    static void reference() {
        gen = CaseloadGenerator.create(CaseloadSettings.withDefaults());
        List<TrainingCase> cases = gen.stream(TRAINING)
                .map(c -> new TrainingCase(c.profile(), c.assignedService(), c.outcome())).toList();
        List<String> options = new ArrayList<>();
        options.add(ServiceCatalogue.BASELINE);
        options.addAll(gen.catalogue().ids());
        reference = Datasheet.of(gen.catalogue().schema(), cases, options);
    }

    /** {@code windows} daily windows of fresh cases; from window {@code from} on, {@code shift} edits each input. */
    static List<Observation> inputs(int windows, int from, UnaryOperator<Map<String, Object>> shift, long seed) {
        List<Observation> out = new ArrayList<>();
        long first = TRAINING + seed * 100_000L; // case i depends only on the generator's seed and i
        for (int w = 0; w < windows; w++) {
            for (int i = 0; i < PER_WINDOW; i++) {
                Map<String, Object> v = new HashMap<>(gen.generate(first + (long) w * PER_WINDOW + i).profile()
                        .values());
                for (var a : gen.catalogue().schema().attributes()) {
                    v.putIfAbsent(a.name(), null);
                }
                if (w >= from) {
                    v = shift.apply(v);
                }
                out.add(new Observation(T0.plus(Duration.ofDays(w)).plusSeconds(60L * i), v));
            }
        }
        return out;
    }

    static Datasheet referenceSheet() {
        return reference;
    }

    static MonitorPolicy daily(double psi) {
        return new MonitorPolicy(Duration.ofDays(1), 0.05, psi, 100, List.of(), false);
    }

    static int firstAlert(MonitorReport r) {
        for (int w = 0; w < r.windows().size(); w++) {
            if (r.windows().get(w).alert()) {
                return w;
            }
        }
        return -1;
    }

    @Test
    void numericShift_alertsInTheWindowWhereItStarts() {
        List<Observation> in = inputs(16, 8, v -> {
            v.put("months_unemployed", Math.min(240.0, (Double) v.get("months_unemployed") + 6));
            return v;
        }, 1);
        MonitorReport r = DriftMonitor.run(reference, in, daily(0.1));
        assertEquals(8, firstAlert(r), "detection delay 0 windows");
        for (int w = 8; w < 16; w++) {
            MonitorReport.Drift d = r.windows().get(w).drifts().stream()
                    .filter(x -> x.attribute().equals("months_unemployed")).findFirst().orElseThrow();
            assertTrue(d.alert() && d.test().equals("ks"), w + ": " + d);
        }
        System.out.printf("monitor: months_unemployed +6 from window 8 -> first alert in window %d%n",
                firstAlert(r));
    }

    @Test
    void categoricalShift_alertsInTheWindowWhereItStarts() {
        SplittableRandom rnd = new SplittableRandom(5);
        List<Observation> in = inputs(16, 8, v -> {
            if ("national".equals(v.get("citizenship_group")) && rnd.nextDouble() < 0.3) {
                v.put("citizenship_group", "non_eu");
            }
            return v;
        }, 2);
        MonitorReport r = DriftMonitor.run(reference, in, daily(0.1));
        assertEquals(8, firstAlert(r), "detection delay 0 windows");
        assertTrue(r.windows().get(8).drifts().stream().anyMatch(d -> d.alert()
                && d.attribute().equals("citizenship_group") && d.test().equals("chi-square")));
        assertTrue(r.reason().startsWith("input drift in 'citizenship_group' from 2026-01-13T00:00:00Z"),
                r.reason());
    }

    @Test
    void hundredUndriftedWindows_falseAlarmRateWithinWhatThePolicyPromises() {
        List<Observation> in = inputs(100, Integer.MAX_VALUE, v -> v, 3);
        MonitorReport withPsi = DriftMonitor.run(reference, in, daily(0.1));
        MonitorReport testOnly = DriftMonitor.run(reference, in, daily(0.0));
        assertEquals(100, withPsi.windows().size());
        assertEquals(14, withPsi.attributes().size());
        long a = withPsi.alerts().size();
        long b = testOnly.alerts().size();
        System.out.printf("monitor: false alarms in 100 undrifted windows: %d (alpha 0.05 with PSI >= 0.1), %d"
                + " (alpha 0.05, test alone)%n", a, b);
        // Bonferroni bounds the chance of any false alarm per window by alpha = 0.05, so at most 5 in 100 windows
        assertTrue(a <= 5, "false alarms with PSI " + a);
        // the test alone: a Binomial(100, <= 0.05) count exceeds 11 with probability < 0.5%
        assertTrue(b <= 11, "false alarms, test alone " + b);
    }

    @Test
    void smallWindows_areReportedButNotTested() {
        List<Observation> in = inputs(2, Integer.MAX_VALUE, v -> v, 4).subList(0, 550);
        MonitorReport r = DriftMonitor.run(reference, in, daily(0.1));
        assertTrue(r.windows().get(0).tested());
        assertFalse(r.windows().get(1).tested());
        assertEquals(50, r.windows().get(1).cases());
    }

    @Test
    void unseenLevel_isNamed() {
        List<Observation> in = inputs(1, 0, v -> {
            v.put("region", "islands");
            return v;
        }, 6);
        MonitorReport.Drift d = DriftMonitor.run(reference, in, daily(0.1)).windows().get(0).drifts().stream()
                .filter(x -> x.attribute().equals("region")).findFirst().orElseThrow();
        assertEquals(List.of("islands"), d.unseen());
        assertTrue(d.alert());
    }

    @Test
    void psi_andChiSquare_matchHandComputedValues() {
        assertEquals(0.0, DriftMonitor.psi(new long[] {50, 50}, new long[] {50, 50}), 1e-15);
        // shares (10.5/41, 30.5/41) against (30.5/41, 10.5/41): 2 * (20/41) * ln(30.5/10.5) = 1.0403424...
        assertEquals(1.040342, DriftMonitor.psi(new long[] {10, 30}, new long[] {30, 10}), 1e-6);
        // 2x2 table [[10, 30], [30, 10]]: expected 20 everywhere, X^2 = 20, p = P(chi2_1 > 20) = erfc(sqrt(10))
        var r = ChiSquareTest.withDefaults().test(new long[][] {{10, 30}, {30, 10}});
        assertEquals(20.0, r.getStatistic(), 1e-12);
        assertEquals(7.744216e-6, r.getPValue(), 1e-11);
    }

    @Test
    void policy_isStrict() {
        MonitorPolicy p = MonitorPolicy.fromJson("{\"schemaVersion\": 1, \"window\": \"P1D\", \"alpha\": 0.01,"
                + " \"psi\": 0.2, \"minCases\": 50, \"attributes\": [\"age\"], \"suspend\": true}");
        assertEquals(new MonitorPolicy(Duration.ofDays(1), 0.01, 0.2, 50, List.of("age"), true), p);
        String unknown = assertThrows(IllegalArgumentException.class, () -> MonitorPolicy.fromJson(
                "{\"schemaVersion\": 1, \"alhpa\": 0.01}")).getMessage();
        assertTrue(unknown.contains("unknown key(s) [alhpa]") && unknown.contains("alpha"), unknown);
        for (String bad : List.of("{\"schemaVersion\": 2}", "{\"alpha\": 0.01}", "{\"schemaVersion\": 1, \"alpha\": 0}",
                "{\"schemaVersion\": 1, \"alpha\": \"0.05\"}", "{\"schemaVersion\": 1, \"window\": \"weekly\"}",
                "{\"schemaVersion\": 1, \"minCases\": 5}", "{\"schemaVersion\": 1, \"suspend\": \"yes\"}",
                "{\"schemaVersion\": 1, \"psi\": 0.1, \"psi\": 0.2}", "{\"schemaVersion\": 1} {}",
                "{\"schemaVersion\": 1, \"attributes\": \"age\"}", "{\"schemaVersion\": 1, \"attributes\": [\"age\", \"age\"]}",
                "{\"schemaVersion\": 1, \"minCases\": 1.5}")) {
            assertThrows(IllegalArgumentException.class, () -> MonitorPolicy.fromJson(bad), bad);
        }
        String missing = assertThrows(IllegalArgumentException.class, () -> DriftMonitor.run(reference, List.of(),
                new MonitorPolicy(Duration.ofDays(1), 0.05, 0.1, 100, List.of("agee"), false))).getMessage();
        assertTrue(missing.startsWith("policy attribute 'agee' is not in the training datasheet; known: [age,"),
                missing);
    }

    /** Inputs holding only {@code keep} of each case's attributes, as a decision log's audit section does. */
    private static List<Observation> only(List<Observation> in, List<String> keep) {
        List<Observation> out = new ArrayList<>();
        for (Observation o : in) {
            Map<String, Object> v = new HashMap<>();
            keep.forEach(k -> v.put(k, o.values().get(k)));
            out.add(new Observation(o.time(), v));
        }
        return out;
    }

    @Test
    void attributeNoInputHolds_isRefused_namingWhatTheInputsHold() {
        List<Observation> in = only(inputs(2, 99, v -> v, 7), List.of("gender", "age"));
        String msg = assertThrows(IllegalArgumentException.class, () -> DriftMonitor.run(reference, in,
                new MonitorPolicy(Duration.ofDays(1), 0.05, 0.1, 100, List.of("age", "region"), false)))
                .getMessage();
        assertTrue(msg.startsWith("policy attribute 'region' is not held by any input") && msg.endsWith(
                "the inputs hold: [age, gender]"), msg);
    }

    @Test
    void windowWhereNoInputHoldsTheAttribute_isNotTested_andNeverAlerts() {
        // window 0 holds region, window 1 does not: window 1 has nothing to compare, so it is untested, no alert
        List<Observation> in = inputs(2, 99, v -> v, 8);
        List<Observation> mixed = new ArrayList<>(in.subList(0, PER_WINDOW));
        mixed.addAll(only(in.subList(PER_WINDOW, in.size()), List.of("gender")));
        MonitorReport r = DriftMonitor.run(reference, mixed, new MonitorPolicy(Duration.ofDays(1), 0.05, 0.1, 100,
                List.of("region"), false));
        assertEquals(2, r.windows().size());
        assertTrue(r.windows().get(0).tested());
        MonitorReport.Window w1 = r.windows().get(1);
        assertFalse(w1.tested(), "a window whose only attribute had 0 cases is not tested");
        assertFalse(w1.alert());
        assertEquals(0, w1.drifts().get(0).cases());
        assertTrue(Double.isNaN(w1.drifts().get(0).psi()));
        assertFalse(r.alert());
    }
}
