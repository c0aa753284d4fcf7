package org.fairpath.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.fairpath.core.Attribute;
import org.fairpath.core.Eligibility;
import org.fairpath.core.Fairpath;
import org.fairpath.core.FeatureEncoder;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Role;
import org.fairpath.core.Service;

/**
 * Turns a validated profile into a {@link Recommendation}: eligible services ranked by expected benefit (uplift over
 * no programme, never by the jobseeker's risk), each with intervals; ineligible services with the reason; the
 * profiling score with its interval and segment; and flags for missing or out-of-distribution inputs.
 *
 * <p>Thread-safe: any number of threads may call {@link #recommend} at once. Scoring reuses per-thread buffers and
 * allocates nothing; only the returned recommendation is new.
 */
public final class Recommender {

    private final OutcomeModels models;
    private final FeatureEncoder encoder;
    private final Service[] services;
    private final int[] serviceOption;
    private final Scorer[][] scorers;
    /** Whether scorers[0] is the no_programme model (false for a profiling-only deployment without outcome models). */
    private final boolean hasBaseline;
    private final int bags;
    private final double confidence;
    /** Student's t quantile for the interval half-width, with {@code bags - 1} degrees of freedom (NaN below 2). */
    private final double t;
    /** simultaneousT[k]: the t quantile that makes k uplift intervals simultaneous (Bonferroni). */
    private final double[] simultaneousT;
    private final List<Double> cuts;
    private final double[] columnMin;
    private final double[] columnMax;
    private final Attribute[] features;
    /** Per option (and the profiling model last), its bags in batched form, or null to score them one by one. */
    private final LinearBags[] linearBags;
    /** The options whose models are all tree ensembles, compiled together (null if none, or unbatched). */
    private final TreeBlocks treeBlocks;
    /** Per option (and the profiling model last), the square of its bias allowance (0 without one). */
    private final double[] biasVariance;
    /** Per option (0 for the baseline), the square of its paired uplift allowance (0 without one). */
    private final double[] upliftBiasVariance;
    private final ThreadLocal<Scratch> scratch;

    private Recommender(OutcomeModels models, boolean batched) {
        this.models = models;
        this.encoder = models.encoder();
        this.services = models.catalogue().services().toArray(new Service[0]);
        this.serviceOption = new int[services.length];
        for (int s = 0; s < services.length; s++) {
            serviceOption[s] = models.optionIndex(services[s].id());
        }
        this.scorers = models.scorers();
        this.hasBaseline = models.hasOutcomeModels();
        this.bags = models.settings().bags();
        this.confidence = models.settings().confidence();
        this.t = bags >= 2 ? org.apache.commons.statistics.distribution.TDistribution.of(bags - 1)
                .inverseCumulativeProbability(0.5 + confidence / 2) : Double.NaN;
        this.simultaneousT = new double[services.length + 1];
        for (int k = 1; k <= services.length; k++) {
            simultaneousT[k] = bags >= 2 ? org.apache.commons.statistics.distribution.TDistribution.of(bags - 1)
                    .inverseCumulativeProbability(1 - (1 - confidence) / (2.0 * k)) : Double.NaN;
        }
        this.cuts = models.settings().segmentCuts();
        this.columnMin = models.summary().columnMin();
        this.columnMax = models.summary().columnMax();
        this.features = models.schema().withRole(Role.FEATURE).toArray(new Attribute[0]);
        this.linearBags = new LinearBags[scorers.length];
        for (int o = 0; o < scorers.length; o++) {
            linearBags[o] = batched ? LinearBags.of(scorers[o]) : null;
        }
        this.treeBlocks = batched ? TreeBlocks.of(scorers) : null;
        this.biasVariance = new double[scorers.length];
        for (int o = 0; o < scorers.length; o++) {
            Double tau = models.summary().biasAllowance().get(o == scorers.length - 1 ? OutcomeModels.PROFILING
                    : models.options().get(o));
            biasVariance[o] = tau == null ? 0 : tau * tau;
        }
        this.upliftBiasVariance = new double[scorers.length];
        for (int o = 1; o < scorers.length - 1; o++) {
            Double tau = models.summary().upliftAllowance().get(models.options().get(o));
            upliftBiasVariance[o] = tau == null ? 0 : tau * tau;
        }
        int width = encoder.width();
        int b = bags;
        int n = services.length;
        int conditions = treeBlocks == null ? 0 : treeBlocks.conditionCount();
        int optionTrees = treeBlocks == null ? 0 : treeBlocks.exitsLength();
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(width, b, n, conditions, optionTrees));
    }

    /** A recommender over {@code models}. */
    public static Recommender of(OutcomeModels models) {
        return new Recommender(Objects.requireNonNull(models, "models"), true);
    }

    /**
     * The reference path, for tests and benchmarks: every model scored one by one through its own {@link Scorer}
     * (no batched linear bags, no compiled tree blocks).
     */
    static Recommender unbatched(OutcomeModels models) {
        return new Recommender(Objects.requireNonNull(models, "models"), false);
    }

    public OutcomeModels models() {
        return models;
    }

    /**
     * Suggestions for {@code profile}, awaiting review.
     *
     * @throws IllegalArgumentException if the profile uses another schema than the models
     */
    public Recommendation recommend(JobseekerProfile profile) {
        if (profile.schema() != models.schema() && !profile.schema().equals(models.schema())) {
            throw new IllegalArgumentException("profile '" + profile.id() + "' uses schema '"
                    + profile.schema().name() + "', not the models' schema '" + models.schema().name() + "'");
        }
        Scratch w = scratch.get();
        double[] row = w.row;
        encoder.encode(profile, row);
        if (treeBlocks != null) {
            treeBlocks.conditions(row, w.bits);
        }

        double p0 = Double.NaN;
        double p0Lower = Double.NaN;
        double p0Upper = Double.NaN;
        if (hasBaseline) { // without: a profiling-only deployment, which has no services either
            p0 = score(0, row, w, w.base);
            interval(w.base, p0, 0, 1, biasVariance[0], w);
            p0Lower = w.lower;
            p0Upper = w.upper;
        }

        int eligible = 0;
        List<Eligibility> excluded = null;
        for (int s = 0; s < services.length; s++) {
            if (!services[s].isEligible(profile)) {
                if (excluded == null) {
                    excluded = new ArrayList<>(services.length);
                }
                excluded.add(services[s].eligibility(profile));
                continue;
            }
            double p = score(serviceOption[s], row, w, w.with);
            for (int b = 0; b < bags; b++) {
                w.uplift[b] = w.with[b] - w.base[b];
            }
            int k = eligible++;
            w.service[k] = s;
            w.pWith[k] = p;
            interval(w.with, p, 0, 1, biasVariance[serviceOption[s]], w);
            w.pLower[k] = w.lower;
            w.pUpper[k] = w.upper;
            // the uplift's own bias: the paired allowance from both arms' held-out residuals in the same groups
            interval(w.uplift, p - p0, -1, 1, upliftBiasVariance[serviceOption[s]], w);
            w.uSd[k] = w.sd; // the bounds wait until the number of eligible services is known
            // insertion by uplift (= pWith - p0), largest first; ties keep catalogue order
            int j = k;
            while (j > 0 && w.pWith[w.order[j - 1]] < p) {
                w.order[j] = w.order[j - 1];
                j--;
            }
            w.order[j] = k;
        }
        // the top suggestion's uplift interval is simultaneous over this person's eligible services (Bonferroni):
        // it is picked as the largest of several noisy uplifts, and its interval must keep its coverage after that
        // choice; the others were not picked for being large and keep the per-interval quantile
        double tk = eligible == 0 ? Double.NaN : simultaneousT[eligible];
        for (int k = 0; k < eligible; k++) {
            double u = w.pWith[k] - p0;
            double q = k == w.order[0] ? tk : t;
            w.uLower[k] = Math.max(-1, u - q * w.uSd[k]);
            w.uUpper[k] = Math.min(1, u + q * w.uSd[k]);
        }
        List<ServiceSuggestion> suggestions = new ArrayList<>(eligible);
        for (int r = 0; r < eligible; r++) {
            int k = w.order[r];
            suggestions.add(new ServiceSuggestion(r + 1, services[w.service[k]].id(), w.pWith[k], w.pLower[k],
                    w.pUpper[k], w.pWith[k] - p0, w.uLower[k], w.uUpper[k]));
        }
        return new Recommendation(profile.id(), Recommendation.Status.AWAITING_REVIEW, models.version(),
                Fairpath.VERSION, p0, p0Lower, p0Upper, confidence, suggestions,
                excluded == null ? List.of() : excluded, profiling(row, w), flags(profile, row));
    }

    private ProfilingScore profiling(double[] row, Scratch w) {
        double p = score(scorers.length - 1, row, w, w.with);
        interval(w.with, p, 0, 1, biasVariance[scorers.length - 1], w);
        int segment = segmentOf(p);
        boolean uncertain = !Double.isNaN(w.lower) && (segmentOf(w.lower) != segment || segmentOf(w.upper) != segment);
        double from = segment == 0 ? 0 : cuts.get(segment - 1);
        double to = segment == cuts.size() ? 1 : cuts.get(segment);
        return new ProfilingScore(p, w.lower, w.upper, segment + 1, cuts.size() + 1, from, to, uncertain);
    }

    /**
     * Option {@code o}'s point probability for {@code row} (returned) and its bags' probabilities (into {@code out}):
     * compiled tree blocks when its models are trees (the row's conditions are already in {@code w.bits}), batched
     * bags when they are linear, else each model by itself.
     */
    private double score(int o, double[] row, Scratch w, double[] out) {
        if (treeBlocks != null && treeBlocks.covers(o)) {
            treeBlocks.probabilities(o, w.bits, w.exits, w.models);
            System.arraycopy(w.models, 1, out, 0, bags);
            return w.models[0];
        }
        double p = scorers[o][0].probability(row);
        if (linearBags[o] != null) {
            linearBags[o].probabilities(row, out);
            return p;
        }
        for (int b = 0; b < bags; b++) {
            out[b] = scorers[o][b + 1].probability(row);
        }
        return p;
    }

    private int segmentOf(double p) {
        int s = 0;
        while (s < cuts.size() && p >= cuts.get(s)) {
            s++;
        }
        return s;
    }

    /**
     * The interval {@code point +- t * sqrt(var(bags) + biasVariance)} into {@code w.lower} and {@code w.upper}
     * (and that standard error into {@code w.sd}), clamped to {@code [min, max]}: centred on the point estimate, so
     * the point is always inside; NaN (no interval) with fewer than two bags. The bags measure sampling variation
     * only; {@code biasVariance} adds the model's own bias as estimated from held-out residuals
     * ({@link TrainingSummary#biasAllowance()}). Chosen over bootstrap percentile intervals and over the bags alone by
     * measured coverage on synthetic ground truth (see RELIABILITY.md).
     */
    private void interval(double[] values, double point, double min, double max, double biasVariance, Scratch w) {
        if (bags < 2) {
            w.lower = Double.NaN;
            w.upper = Double.NaN;
            w.sd = Double.NaN;
            return;
        }
        double sum = 0;
        for (int b = 0; b < bags; b++) {
            sum += values[b];
        }
        double mean = sum / bags;
        double ss = 0;
        for (int b = 0; b < bags; b++) {
            double d = values[b] - mean;
            ss += d * d;
        }
        w.sd = Math.sqrt(ss / (bags - 1) + biasVariance);
        double half = t * w.sd;
        w.lower = Math.max(min, point - half);
        w.upper = Math.min(max, point + half);
    }

    private List<DataFlag> flags(JobseekerProfile profile, double[] row) {
        List<DataFlag> flags = new ArrayList<>(0);
        for (Attribute a : features) {
            if (profile.isMissing(a.name())) {
                flags.add(new DataFlag(DataFlag.Kind.MISSING_VALUE, a.name(), a.label(Locale.ENGLISH)
                        + " is unknown; the models treat it as unknown, not as any particular value"));
            }
        }
        String last = null;
        for (FeatureEncoder.Column c : encoder.columns()) {
            double x = row[c.index()];
            if ((x >= columnMin[c.index()] && x <= columnMax[c.index()]) || c.attribute().equals(last)) {
                continue;
            }
            last = c.attribute();
            Attribute a = models.schema().attribute(c.attribute());
            if (c.kind() == FeatureEncoder.ColumnKind.VALUE && a.type() == org.fairpath.core.AttributeType.NUMERIC) {
                flags.add(new DataFlag(DataFlag.Kind.OUT_OF_TRAINING_RANGE, a.name(), String.format(Locale.ROOT,
                        "%s is %s, outside the range seen in training (%s to %s); the models extrapolate",
                        a.label(Locale.ENGLISH), format(x), format(columnMin[c.index()]),
                        format(columnMax[c.index()]))));
            } else {
                Object v = profile.value(a.name());
                flags.add(new DataFlag(DataFlag.Kind.UNSEEN_LEVEL, a.name(), a.label(Locale.ENGLISH) + " '"
                        + (v == null ? "unknown" : v) + "' never occurred in the training data; the models have not"
                        + " learned it"));
            }
        }
        return flags;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Per-thread buffers, so scoring allocates nothing. */
    private static final class Scratch {
        final double[] row;
        /** The row's tree conditions (see {@link TreeBlocks#conditions}). */
        final byte[] bits;
        /** Per walk of one option, its bottom block, plus one slot (see {@link TreeBlocks#probabilities}). */
        final int[] exits;
        /** One option's point and bag probabilities from the tree blocks. */
        final double[] models;
        final double[] base;
        final double[] with;
        final double[] uplift;
        // per eligible service, in catalogue order of eligibility
        final int[] service;
        final int[] order;
        final double[] pWith;
        final double[] pLower;
        final double[] pUpper;
        final double[] uLower;
        final double[] uUpper;
        final double[] uSd;
        double lower;
        double upper;
        double sd;

        Scratch(int width, int bags, int services, int conditions, int optionTrees) {
            row = new double[width];
            bits = new byte[conditions];
            exits = new int[optionTrees];
            models = new double[bags + 1];
            base = new double[bags];
            with = new double[bags];
            uplift = new double[bags];
            service = new int[services];
            order = new int[services];
            pWith = new double[services];
            pLower = new double[services];
            pUpper = new double[services];
            uLower = new double[services];
            uUpper = new double[services];
            uSd = new double[services];
        }
    }
}
