package org.fairpath.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.fairpath.core.reliability.Reseal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The card's held-out section (issue 16). Oracles: the held-out metrics of issue 14 ({@link TrainingSummary#heldOut},
 * computed from the same out-of-bag predictions by separate code) for the figures and for the calibration bins'
 * totals; published Wilson intervals (e.g. Newcombe 1998, Table I: 5 of 10 at 95% is 0.2366 to 0.7634; 0 of 1 has
 * upper 0.7935; 20 of 20 has lower 0.8389) for a hand-built case.
 */
final class HeldOutCardTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final double Z95 = 1.959963984540054;
    /** The normal quantile of the training confidence (0.9), as training computes it. */
    private static final double Z90 = org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1)
            .inverseCumulativeProbability(0.95);

    @TempDir
    Path dir;

    private Path saved() throws IOException {
        Path b = dir.resolve("b" + System.nanoTime());
        ModelBundle.save(ModelFixtures.logistic(), b, CardDetails.notStated());
        return b;
    }

    @Test
    void wilson_matchesPublishedIntervals_andBinsAreCountedByHand() {
        double[] w = HeldOutCalibration.wilson(5, 10, Z95);
        assertEquals(0.2366, w[0], 5e-5);
        assertEquals(0.7634, w[1], 5e-5);
        assertEquals(0.0, HeldOutCalibration.wilson(0, 1, Z95)[0], 0);
        assertEquals(0.7935, HeldOutCalibration.wilson(0, 1, Z95)[1], 5e-5);
        assertEquals(0.8389, HeldOutCalibration.wilson(20, 20, Z95)[0], 5e-5);
        // 0.05 (no), 0.15 (yes), 0.12 (no), 0.95 (yes), 1.0 (yes, in the last bin); 20 at 0.55 with 10 positives
        // (Wilson 0.299-0.701 holds 0.55: covers); 20 at 0.35 all positive (lower 0.8389 > 0.35: does not cover)
        double[] p = new double[45];
        boolean[] y = new boolean[45];
        double[] head = {0.05, 0.15, 0.12, 0.95, 1.0};
        boolean[] headY = {false, true, false, true, true};
        for (int i = 0; i < 5; i++) {
            p[i] = head[i];
            y[i] = headY[i];
        }
        for (int i = 5; i < 25; i++) {
            p[i] = 0.55;
            y[i] = i < 15;
        }
        for (int i = 25; i < 45; i++) {
            p[i] = 0.35;
            y[i] = true;
        }
        HeldOutCalibration c = HeldOutCalibration.of("x", p, y, Z95);
        assertEquals(List.of(0.0, 0.1, 0.3, 0.5, 0.9), c.bins().stream().map(HeldOutCalibration.Bin::from).toList());
        assertEquals(List.of(1, 2, 20, 20, 2), c.bins().stream().map(HeldOutCalibration.Bin::cases).toList());
        assertEquals(List.of(0, 1, 20, 10, 2), c.bins().stream().map(HeldOutCalibration.Bin::positives).toList());
        assertEquals(0.135, c.bins().get(1).meanPredicted(), 1e-15);
        assertEquals(0.975, c.bins().get(4).meanPredicted(), 1e-15);
        assertEquals(1.0, c.bins().get(4).to(), 0);
        assertEquals(2, c.binsTested());
        assertEquals(1, c.binsCovering());
        assertFalse(c.bins().get(2).covers());
        assertTrue(c.bins().get(3).covers());
    }

    @Test
    void card_heldOut_isTrainingsHeldOutMetrics_andBinsAddUpToThem() throws IOException {
        OutcomeModels m = ModelFixtures.logistic();
        Path b = saved();
        JsonNode card = JSON.readTree(b.resolve("card.json").toFile());
        assertEquals(List.of(), CardSchema.problems(card));
        JsonNode held = card.at("/performance/heldOut");
        assertEquals(m.settings().confidence(), held.get("confidence").asDouble(), 0);
        List<HeldOutMetrics> expected = m.summary().heldOut();
        assertEquals(expected.size(), held.get("metrics").size());
        // per option and per protected group: 9 options (with profiling) x (all + gender 4 + citizenship ... )
        assertTrue(expected.stream().anyMatch(h -> h.group().startsWith("gender=")));
        for (int i = 0; i < expected.size(); i++) {
            HeldOutMetrics e = expected.get(i);
            JsonNode g = held.get("metrics").get(i);
            assertEquals(e.option(), g.get("option").asText());
            assertEquals(e.group(), g.get("group").asText());
            assertEquals(e.cases(), g.get("cases").asInt());
            assertSame(e.auc(), g.get("auc"));
            assertSame(e.aucLower(), g.get("aucLower"));
            assertSame(e.aucUpper(), g.get("aucUpper"));
            assertSame(e.brier(), g.get("brier"));
            assertSame(e.brierLower(), g.get("brierLower"));
            assertSame(e.brierUpper(), g.get("brierUpper"));
            assertSame(e.calibrationLower(), g.get("calibrationLower"));
            assertSame(e.calibrationUpper(), g.get("calibrationUpper"));
        }
        // the bins come from a second out-of-bag computation; they must add up to issue 14's figures for "all"
        List<String> options = new java.util.ArrayList<>(m.options());
        options.add(OutcomeModels.PROFILING);
        assertEquals(options.size(), held.get("calibration").size());
        int covering = 0;
        int tested = 0;
        for (int i = 0; i < options.size(); i++) {
            JsonNode c = held.get("calibration").get(i);
            HeldOutMetrics all = m.summary().heldOut(options.get(i), "all").orElseThrow();
            assertEquals(options.get(i), c.get("option").asText());
            long n = 0;
            long k = 0;
            double sum = 0;
            for (JsonNode x : c.get("bins")) {
                n += x.get("cases").asLong();
                k += x.get("positives").asLong();
                sum += x.get("meanPredicted").asDouble() * x.get("cases").asLong();
                double[] w = HeldOutCalibration.wilson(x.get("positives").asInt(), x.get("cases").asInt(), Z90);
                assertArrayEquals(w, new double[] {x.get("lower").asDouble(), x.get("upper").asDouble()}, 1e-15);
            }
            assertEquals(all.cases(), n, options.get(i));
            assertEquals(all.observedRate() * all.cases(), k, 1e-6, options.get(i));
            assertEquals(all.meanPredicted(), sum / n, 1e-12, options.get(i));
            covering += c.get("binsCovering").asInt();
            tested += c.get("binsTested").asInt();
        }
        System.out.printf("held-out calibration of the logistic fixture: %d of %d tested bins cover (90%% Wilson)%n",
                covering, tested);
        assertTrue(tested > 0);
        String md = Files.readString(b.resolve("card.md"));
        assertTrue(md.contains("## Held-out performance") && md.contains("## Held-out calibration"), md);
        assertTrue(md.contains("tested bins cover their mean prediction"), md);
        assertFalse(card.at("/limitations").toString().contains("no held-out"));
        // a loaded bundle keeps its calibration: saved again, the card's held-out section is the same
        Path again = dir.resolve("again");
        ModelBundle.save(ModelBundle.load(b), again, CardDetails.notStated());
        assertEquals(held, JSON.readTree(again.resolve("card.json").toFile()).at("/performance/heldOut"));
    }

    private static void assertSame(double expected, JsonNode got) {
        if (Double.isNaN(expected)) {
            assertTrue(got.isNull(), "expected null for NaN, got " + got);
        } else {
            assertEquals(expected, got.asDouble(), 0);
        }
    }

    @Test
    void heldOutSchema_isClosed() throws IOException {
        JsonNode card = JSON.readTree(saved().resolve("card.json").toFile());
        ObjectNode a = card.deepCopy();
        ((ObjectNode) a.at("/performance/heldOut/metrics/0")).put("extra", 1);
        ((ObjectNode) a.at("/performance/heldOut/calibration/0/bins/0")).remove("lower");
        ((ObjectNode) a.at("/performance/heldOut")).put("coverage", 0.9);
        ((ObjectNode) a.at("/performance/heldOut/calibration/1")).put("binsTested", "all");
        assertEquals(List.of("$.performance.heldOut: unknown field 'coverage'",
                "$.performance.heldOut.metrics[0]: unknown field 'extra'",
                "$.performance.heldOut.calibration[0].bins[0]: required field 'lower' is missing",
                "$.performance.heldOut.calibration[1].binsTested: must be integer, found \"all\""),
                CardSchema.problems(a).stream().sorted((x, y) -> order(x) - order(y)).toList());
    }

    private static int order(String problem) {
        return problem.contains("coverage") ? 0 : problem.contains("extra") ? 1 : problem.contains("lower") ? 2 : 3;
    }

    @Test
    void alteredHeldOut_doesNotLoad() throws IOException {
        // each edit is resealed as a careful attacker would (manifest, card hashes, card.md and card.html)
        assertRefused(card -> ((ObjectNode) card.at("/performance/heldOut/metrics/3")).put("auc", 0.99), "auc is");
        assertRefused(card -> ((ObjectNode) card.at("/performance/heldOut/metrics/2")).put("cases", 5),
                "differ from training.json");
        assertRefused(card -> ((ArrayNode) card.at("/performance/heldOut/metrics")).remove(1), "held-out figures");
        assertRefused(card -> ((ObjectNode) card.at("/performance")).putNull("heldOut"), "no held-out performance");
        assertRefused(card -> ((ObjectNode) card.at("/performance/heldOut")).put("confidence", 0.95), "confidence");
        assertRefused(card -> ((ArrayNode) card.at("/performance/heldOut/calibration")).remove(0), "calibration");
        assertRefused(card -> {
            ObjectNode c = (ObjectNode) card.at("/performance/heldOut/calibration/0");
            c.put("binsCovering", c.get("binsCovering").asInt() + 1);
        }, "tested bins cover");
        // one more positive in a bin, with its observed rate and Wilson interval recomputed: the totals give it away
        assertRefused(card -> {
            for (JsonNode x : card.at("/performance/heldOut/calibration/0/bins")) {
                int n = x.get("cases").asInt();
                int k = x.get("positives").asInt();
                if (k < n && n >= 10) {
                    double[] w = HeldOutCalibration.wilson(k + 1, n, Z90);
                    ((ObjectNode) x).put("positives", k + 1).put("observedRate", (double) (k + 1) / n)
                            .put("lower", w[0]).put("upper", w[1]);
                    return;
                }
            }
            throw new AssertionError("no bin to edit");
        }, "positive outcomes");
        // a mean prediction moved outside its bin
        assertRefused(card -> ((ObjectNode) card.at("/performance/heldOut/calibration/0/bins/0"))
                .put("meanPredicted", 1.0), "not consistent");
    }

    private void assertRefused(Consumer<ObjectNode> edit, String expected) throws IOException {
        Path b = saved();
        ObjectNode card = (ObjectNode) JSON.readTree(b.resolve("card.json").toFile());
        edit.accept(card);
        Files.write(b.resolve("card.json"), JSON.writeValueAsBytes(card));
        Reseal.reseal(b);
        String m = assertThrows(IllegalArgumentException.class, () -> ModelBundle.load(b)).getMessage();
        assertTrue(m.contains("card.json") && m.contains(expected), m);
    }

    @Test
    void markdownAndHtml_suppressSmallGroups_andEscape() throws IOException {
        ObjectNode card = (ObjectNode) JSON.readTree(saved().resolve("card.json").toFile());
        ObjectNode row = (ObjectNode) card.at("/performance/heldOut/metrics/1");
        row.put("cases", 7).put("group", "gender=<b>x</b> | *y*");
        String md = ModelCard.markdown(card);
        String line = md.lines().filter(l -> l.contains("&lt;b&gt;")).findFirst().orElseThrow();
        assertTrue(line.contains("| <10 | suppressed | suppressed | suppressed |"), line);
        assertFalse(line.contains("<b>") || line.contains(" | *y*"), line);
        String html = ModelCard.html(card);
        assertFalse(html.contains("<b>x"), "raw markup from a group name");
        assertTrue(html.contains("&lt;b&gt;x&lt;/b&gt;"), "escaped group name");
        // a figure of the suppressed group appears nowhere in its row
        String auc = String.format(java.util.Locale.ROOT, "%.3f", row.get("auc").asDouble());
        assertFalse(line.contains(auc), line);
    }
}
