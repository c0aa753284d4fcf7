package org.fairpath.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.ServiceCatalogue;
import org.fairpath.core.model.OutcomeModels;

/**
 * Explains the suggestions of a set of outcome models with the best method each model allows: exact linear
 * explanations for logistic regression (relative to the mean training case), exact TreeSHAP for boosted trees.
 * A model it cannot explain gives an empty Optional. Immutable and thread-safe.
 */
public final class Explainer {

    private final OutcomeModels models;
    private final double[] reference;

    private Explainer(OutcomeModels models) {
        this.models = models;
        this.reference = models.summary().columnMean();
    }

    public static Explainer of(OutcomeModels models) {
        return new Explainer(models);
    }

    /** Why the model of {@code option} gives {@code profile} its chance of employment, per attribute. */
    public Optional<AdditiveExplanation> explain(JobseekerProfile profile, String option) {
        var linear = models.linear(option);
        if (linear.isPresent()) {
            return Optional.of(LinearExplainer.of(models.encoder(), linear.get().weights(), linear.get().bias(),
                    reference).explain(profile));
        }
        return models.trees(option).map(t -> TreeShapExplainer.of(models.encoder(), t).explain(profile));
    }

    /**
     * Why {@code service} is expected to help more (or less) than no programme: the difference, attribute by
     * attribute, between the explanations of the service's model and the baseline's. The differences add up to the
     * uplift on the log-odds scale minus the difference of the two base values.
     */
    public Optional<UpliftExplanation> uplift(JobseekerProfile profile, String service) {
        Optional<AdditiveExplanation> with = explain(profile, service);
        Optional<AdditiveExplanation> without = explain(profile, ServiceCatalogue.BASELINE);
        if (with.isEmpty() || without.isEmpty()) {
            return Optional.empty();
        }
        List<AdditiveExplanation.Contribution> diff = new ArrayList<>();
        for (AdditiveExplanation.Contribution c : with.get().contributions()) {
            diff.add(new AdditiveExplanation.Contribution(c.attribute(),
                    c.logOdds() - without.get().contribution(c.attribute())));
        }
        return Optional.of(new UpliftExplanation(service, with.get(), without.get(), diff));
    }

    /**
     * An uplift explanation.
     *
     * @param service    the service
     * @param with       the explanation of the chance with the service
     * @param without    the explanation of the chance without any programme
     * @param difference per attribute, {@code with - without} in log-odds, largest magnitude not first (schema order)
     */
    public record UpliftExplanation(String service, AdditiveExplanation with, AdditiveExplanation without,
                                    List<AdditiveExplanation.Contribution> difference) {

        public UpliftExplanation {
            difference = List.copyOf(difference);
        }

        /** The uplift in probability points: P(with) - P(without). */
        public double uplift() {
            return with.probability() - without.probability();
        }

        /** The uplift the models give the reference (average) case, in probability points. */
        public double baseUplift() {
            return with.baseProbability() - without.baseProbability();
        }

        /**
         * How much {@code attribute} moves this person's uplift away from the reference case's, in probability points:
         * its contribution to the chance with the service minus its contribution to the chance without. Over all
         * attributes these add up exactly to {@code uplift() - baseUplift()}.
         */
        public double points(String attribute) {
            return with.probabilityContribution(attribute) - without.probabilityContribution(attribute);
        }

        /** The {@code k} attributes that move the uplift most (largest absolute points first), as attribute names. */
        public List<String> top(int k) {
            return difference.stream().map(AdditiveExplanation.Contribution::attribute)
                    .sorted((a, b) -> Double.compare(Math.abs(points(b)), Math.abs(points(a)))).limit(k).toList();
        }
    }
}
