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
    /** The chosen reference person, or null for the bundle's reference row (the mean training case). */
    private final JobseekerProfile chosen;

    private Explainer(OutcomeModels models, JobseekerProfile chosen) {
        this.models = models;
        this.chosen = chosen;
        this.reference = chosen == null ? models.summary().columnMean() : models.encoder().encode(chosen);
    }

    public static Explainer of(OutcomeModels models) {
        return new Explainer(models, null);
    }

    /**
     * Explanations relative to the chosen {@code reference} person instead of the mean training case: each
     * attribute's contribution is then what changing it from the reference's value to this person's moves the log-odds
     * (exact for logistic models). TreeSHAP explains relative to the training data the trees saw, never to a chosen
     * person, so an explainer with a reference refuses tree ensembles.
     *
     * @throws IllegalArgumentException if {@code reference} uses another schema than the models
     */
    public Explainer withReference(JobseekerProfile reference) {
        if (!reference.schema().equals(models.schema())) {
            throw new IllegalArgumentException("reference profile '" + reference.id() + "' uses schema '"
                    + reference.schema().name() + "', not the models' schema '" + models.schema().name() + "'");
        }
        return new Explainer(models, reference);
    }

    /** The chosen reference person, if one was chosen ({@link #withReference}). */
    public Optional<JobseekerProfile> reference() {
        return Optional.ofNullable(chosen);
    }

    /** Why the model of {@code option} gives {@code profile} its chance of employment, per attribute. */
    public Optional<AdditiveExplanation> explain(JobseekerProfile profile, String option) {
        return explain(profile, models.linear(option), models.trees(option), "option '" + option + "'");
    }

    /**
     * Why the profiling model gives {@code profile} its chance of still being unemployed after the horizon, per
     * attribute: explained like any option.
     */
    public Optional<AdditiveExplanation> explainProfiling(JobseekerProfile profile) {
        return explain(profile, models.profilingLinear(), models.profilingTrees(), "the profiling model");
    }

    private Optional<AdditiveExplanation> explain(JobseekerProfile profile, Optional<OutcomeModels.LinearModel> linear,
                                                  Optional<OutcomeModels.TreeEnsemble> trees, String what) {
        if (linear.isPresent()) {
            return Optional.of(LinearExplainer.of(models.encoder(), linear.get().weights(), linear.get().bias(),
                    reference).explain(profile));
        }
        if (trees.isPresent() && chosen != null) {
            throw new IllegalArgumentException(what + " is a tree ensemble, explained by TreeSHAP relative to its"
                    + " training data; a chosen reference person works only for logistic models");
        }
        return trees.map(t -> TreeShapExplainer.of(models.encoder(), t).explain(profile));
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
