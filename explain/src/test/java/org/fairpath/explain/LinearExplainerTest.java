package org.fairpath.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.fairpath.core.Attribute;
import org.fairpath.core.FeatureEncoder;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.MissingPolicy;
import org.fairpath.core.Role;
import org.fairpath.core.Schema;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.fairpath.core.synth.SyntheticCase;
import org.junit.jupiter.api.Test;

final class LinearExplainerTest {

    /** Two attributes: x (numeric) and colour (categorical red/green/blue, may be unknown) -> 5 columns. */
    private static final Schema SMALL = Schema.of("small", List.of(
            Attribute.numeric("x", 0, 10).roles(Role.FEATURE).label("en", "X").build(),
            Attribute.categorical("colour", List.of("red", "green", "blue")).missing(MissingPolicy.INDICATOR)
                    .roles(Role.FEATURE).label("en", "Colour").build()));

    @Test
    void explain_handComputedExample_sumsOneHotColumnsPerAttribute() {
        FeatureEncoder enc = FeatureEncoder.of(SMALL);
        // columns: x@value, colour@red, colour@green, colour@blue, colour@missing
        double[] w = {0.5, 1.0, -2.0, 0.25, 3.0};
        double[] ref = {4.0, 0.5, 0.25, 0.25, 0.0};
        LinearExplainer ex = LinearExplainer.of(enc, w, -1.0, ref);
        AdditiveExplanation e = ex.explain(JobseekerProfile.of(SMALL, "a", Map.of("x", 6, "colour", "green")));
        // By hand: x: 0.5*(6-4) = 1; colour: 1*(0-0.5) + -2*(1-0.25) + 0.25*(0-0.25) + 3*(0-0) = -2.0625
        assertEquals(1.0, e.contribution("x"), 0.0);
        assertEquals(-2.0625, e.contribution("colour"), 0.0);
        // base: -1 + 0.5*4 + 1*0.5 - 2*0.25 + 0.25*0.25 = 1.0625; output: -1 + 3 - 2 = 0
        assertEquals(1.0625, e.baseValue(), 0.0);
        assertEquals(0.0, e.output(), 0.0);
        assertEquals("colour", e.top(1).get(0).attribute());
        // probability scale: rescaled to sum exactly to p(output) - p(base)
        double dp = 0.5 - 1 / (1 + Math.exp(-1.0625));
        assertEquals(dp, e.probabilityContribution("x") + e.probabilityContribution("colour"), 1e-15);
        assertEquals(dp * 1.0 / -1.0625, e.probabilityContribution("x"), 1e-15);
    }

    @Test
    void explain_syntheticCaseload_isLocallyAccurateTo1e9() {
        FeatureEncoder enc = FeatureEncoder.of(Schema.defaultPes());
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        double[] w = new double[enc.width()];
        double[] ref = new double[enc.width()];
        for (int j = 0; j < w.length; j++) {
            w[j] = r.nextGaussian() * 0.1;
            ref[j] = r.nextDouble();
        }
        LinearExplainer ex = LinearExplainer.of(enc, w, 0.3, ref);
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults());
        for (SyntheticCase c : gen.generate(2000)) {
            AdditiveExplanation e = ex.explain(c.profile());
            double sum = e.baseValue();
            double probabilitySum = e.baseProbability();
            for (AdditiveExplanation.Contribution k : e.contributions()) {
                sum += k.logOdds();
                probabilitySum += e.probabilityContribution(k.attribute());
            }
            double[] x = enc.encode(c.profile());
            double direct = 0.3;
            for (int j = 0; j < x.length; j++) {
                direct += w[j] * x[j];
            }
            assertEquals(direct, e.output(), 1e-12);
            assertEquals(e.output(), sum, 1e-9);
            assertEquals(e.probability(), probabilitySum, 1e-9);
            assertEquals(11, e.contributions().size()); // the 11 FEATURE attributes; protected-only ones never appear
        }
    }

    @Test
    void of_wrongLengthsOrValues_areRejectedNamingTheArgument() {
        FeatureEncoder enc = FeatureEncoder.of(SMALL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearExplainer.of(enc, new double[4], 0, new double[5]));
        assertEquals("weights has 4 values; the encoder has 5 columns", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LinearExplainer.of(enc, new double[] {0, 0, Double.NaN, 0, 0}, 0, new double[5]));
        assertThrows(IllegalArgumentException.class,
                () -> LinearExplainer.of(enc, new double[5], Double.POSITIVE_INFINITY, new double[5]));
    }
}
