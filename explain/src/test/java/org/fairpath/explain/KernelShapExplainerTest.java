package org.fairpath.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fairpath.core.FeatureEncoder;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.fairpath.core.synth.SyntheticCase;
import org.junit.jupiter.api.Test;

final class KernelShapExplainerTest {

    private static final CaseloadGenerator GEN = CaseloadGenerator.create(CaseloadSettings.withDefaults());
    private static final OutcomeModels MODELS = OutcomeModels.train(GEN.catalogue(), GEN.stream(4000)
            .map(c -> new TrainingCase(c.profile(), c.assignedService(), c.outcome())).toList(),
            TrainingSettings.withDefaults().withBags(0));

    /**
     * Oracle: the exact linear explanation. For a logistic model the interventional Shapley value of attribute j is
     * exactly w_j (x_j - mean of the background), so Kernel SHAP (all 2,046 coalitions of 11 attributes) must equal
     * the linear explainer whose reference is the background mean.
     */
    @Test
    void kernelShap_onALinearModel_equalsTheExactExplanation() {
        FeatureEncoder enc = MODELS.encoder();
        List<double[]> background = new ArrayList<>();
        double[] mean = new double[enc.width()];
        for (SyntheticCase c : GEN.stream(5050).skip(5000).toList()) {
            double[] row = enc.encode(c.profile());
            background.add(row);
            for (int j = 0; j < row.length; j++) {
                mean[j] += row[j] / 50;
            }
        }
        KernelShapExplainer kernel = KernelShapExplainer.of(enc, MODELS.scorer("wage_subsidy"), background, 1000, 3);
        OutcomeModels.LinearModel lin = MODELS.linear("wage_subsidy").orElseThrow();
        LinearExplainer exact = LinearExplainer.of(enc, lin.weights(), lin.bias(), mean);
        for (SyntheticCase c : GEN.stream(6010).skip(6000).toList()) {
            AdditiveExplanation k = kernel.explain(c.profile());
            AdditiveExplanation e = exact.explain(c.profile());
            assertEquals(e.baseValue(), k.baseValue(), 1e-9);
            assertEquals(e.output(), k.output(), 1e-9);
            for (AdditiveExplanation.Contribution x : e.contributions()) {
                assertEquals(x.logOdds(), k.contribution(x.attribute()), 1e-9, x.attribute());
            }
            assertTrue(k.fidelity().startsWith("exact for the interventional value function (all 2046 coalitions"));
        }
    }

    @Test
    void kernelShap_badArguments_areRejected() {
        FeatureEncoder enc = MODELS.encoder();
        assertThrows(IllegalArgumentException.class,
                () -> KernelShapExplainer.of(enc, MODELS.scorer("wage_subsidy"), List.of(), 1000, 1));
        assertThrows(IllegalArgumentException.class,
                () -> KernelShapExplainer.of(enc, MODELS.scorer("wage_subsidy"), List.of(new double[3]), 1000, 1));
    }
}
