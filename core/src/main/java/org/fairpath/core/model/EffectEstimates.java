package org.fairpath.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.fairpath.core.FeatureEncoder;
import org.fairpath.core.ServiceCatalogue;
import org.fairpath.core.model.EstimationSettings.Estimator;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * Effects of each service against no programme, and values of assignment policies, estimated from historical cases.
 * Each service's effects are about the people its eligibility rule admits (and anyone who received it): for the others
 * the effect is neither identified nor needed.
 * Three estimators are given for every service, for the average effect over everyone (ATE) and over those who received
 * the service (ATT):
 * <ul>
 *   <li>plug-in: the difference of the outcome models (one per option, the T-learner of {@link OutcomeModels}) fitted
 *       on every case; no standard error;</li>
 *   <li>IPW: normalised (Hajek) inverse-propensity weighting of the observed outcomes;</li>
 *   <li>AIPW (doubly robust): the outcome models' predictions corrected by propensity-weighted residuals, with the
 *       outcome models <em>cross-fitted</em> (each case predicted by models trained on the other folds), so that a
 *       flexible learner's overfitting does not shrink the residuals. Each case's out-of-fold predictions are
 *       averaged over at least {@link EstimationSettings#repetitions()} random fold splits (more while the estimate
 *       still moves with the split, see {@link #splitError()}) and the estimate and its standard error are computed
 *       from those averages; as AIPW is linear in the outcome predictions, the estimate is exactly the mean of the
 *       single splits' estimates.</li>
 * </ul>
 * The propensity model is one logistic regression per option (one-vs-rest, {@link WeightedLogistic}, normalised to sum
 * to 1) fitted on every case: a low-dimensional parametric model, which needs no sample splitting, and which keeps the
 * weights from changing with the fold split. The learners are deterministic given their training cases (XGBoost without
 * row or column subsampling, one thread), so the fold splits are the only randomness. Standard errors come from each
 * estimator's influence function (for AIPW at the averaged predictions); they do not include the variation between
 * splits, reported as {@link Effect#splitSpread()} and {@link #splitError()}.
 *
 * <p>Overlap diagnostics ({@link Overlap}) say how much information the weighting leaves: propensity ranges by option,
 * Kish's effective sample sizes, clipped and trimmed cases, and warnings when they collapse. Read the warnings before
 * the numbers: with thin overlap, every estimator leans on extrapolation and the standard error understates it.
 *
 * <p>Immutable and thread-safe.
 */
public final class EffectEstimates {

    /** The population an effect is averaged over. */
    public enum Estimand {
        /** Everyone the service's eligibility rule admits (or, when trimming, everyone of them kept). */
        ATE,
        /** Those who received the service. */
        ATT
    }

    /**
     * One effect estimate, a difference of employment probabilities (0.05 = 5 percentage points).
     *
     * @param service           the service compared with no programme
     * @param estimand          the population averaged over
     * @param estimator         how
     * @param estimate          the estimate (AIPW: from the out-of-fold predictions averaged over the fold splits,
     *                          which equals the mean of the single splits' estimates)
     * @param standardError     the influence-function standard error (AIPW: at the averaged predictions); NaN for
     *                          the plug-in
     * @param standardErrorNote why the standard error is NaN, or empty; for an AIPW estimate withheld because it still
     *                          moves with the fold split by more than {@link EstimationSettings#splitError()} allows
     *                          (then estimate and standard error are NaN), why and how many splits it would need
     * @param splitSpread       largest minus smallest AIPW estimate over the fold splits (0 for plug-in and IPW,
     *                          which do not split)
     */
    public record Effect(String service, Estimand estimand, Estimator estimator, double estimate,
                         double standardError, String standardErrorNote, double splitSpread) {

        /** The normal-approximation interval at {@code confidence}; NaN bounds when there is no standard error. */
        public double[] interval(double confidence) {
            double z = org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1).inverseCumulativeProbability(
                    0.5 + confidence / 2);
            return new double[] {estimate - z * standardError, estimate + z * standardError};
        }
    }

    /**
     * How well the people who received a service and those who received no programme overlap.
     *
     * @param service                the service
     * @param treated                cases that received the service
     * @param baseline               cases that received no programme
     * @param treatedPropensityMin   smallest estimated P(service | profile) among the treated (before clipping)
     * @param treatedPropensityMax   largest among the treated
     * @param baselinePropensityMin  smallest estimated P(service | profile) among the baseline cases
     * @param baselinePropensityMax  largest among the baseline cases
     * @param effectiveTreated       Kish's effective number of treated cases under the ATE weights {@code 1 / e}
     * @param effectiveBaselineAtt   effective number of baseline cases under the ATT weights {@code e / e_0}
     * @param clipped                cases whose propensity for the service or for no programme was clipped
     * @param trimmed                cases dropped by trimming (0 when trimming is off)
     * @param notEligible            cases left out because the service's eligibility rule excludes them (they did
     *                               not receive it); every count and estimate here is over the eligible
     * @param warnings               plain sentences, empty when overlap looks adequate
     */
    public record Overlap(String service, int treated, int baseline, double treatedPropensityMin,
                          double treatedPropensityMax, double baselinePropensityMin, double baselinePropensityMax,
                          double effectiveTreated, double effectiveBaselineAtt, int clipped, int trimmed,
                          int notEligible, List<String> warnings) {
        public Overlap {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The estimated value of a policy: mean probability of employment if every historical case had received the
     * option the policy names (doubly robust), with its standard error.
     */
    public record PolicyValue(double value, double standardError, double splitSpread) {
    }

    private final List<String> options;
    private final EstimationSettings settings;
    private final String learner;
    private final List<Effect> effects;
    private final List<Overlap> overlap;
    private final int[] option;
    private final boolean[] employed;
    /** [repetition][case][option] cross-fitted outcome predictions and (clipped) propensities. */
    private final double[][][] mu;
    private final double[][][] e;
    private final int repetitions;
    private final double splitError;

    private EffectEstimates(List<String> options, EstimationSettings settings, String learner, List<Effect> effects,
                            List<Overlap> overlap, int[] option, boolean[] employed, double[][][] mu, double[][][] e,
                            int repetitions, double splitError) {
        this.repetitions = repetitions;
        this.splitError = splitError;
        this.options = List.copyOf(options);
        this.settings = settings;
        this.learner = learner;
        this.effects = List.copyOf(effects);
        this.overlap = List.copyOf(overlap);
        this.option = option;
        this.employed = employed;
        this.mu = mu;
        this.e = e;
    }

    /**
     * Estimates effects and overlap for every service of {@code catalogue} from historical {@code cases}, with the
     * outcome learner of {@code learner} (logistic regression or boosted trees, with their settings; its bags and
     * inverse-propensity setting are not used here).
     *
     * @throws IllegalArgumentException if a case uses another schema or an unknown option, or an option has fewer
     *                                  than {@code learner.minCasesPerOption()} cases or only one outcome
     */
    public static EffectEstimates estimate(ServiceCatalogue catalogue, List<TrainingCase> cases,
                                           TrainingSettings learner, EstimationSettings settings) {
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(learner, "learner");
        Objects.requireNonNull(settings, "settings");
        return estimate(catalogue, cases, learner, settings, null);
    }

    /**
     * As {@link #estimate(ServiceCatalogue, List, TrainingSettings, EstimationSettings)}, telling {@code progress} (may
     * be null) when more fold splits are added because the estimates still move with the split.
     */
    public static EffectEstimates estimate(ServiceCatalogue catalogue, List<TrainingCase> cases,
                                           TrainingSettings learner, EstimationSettings settings,
                                           java.util.function.Consumer<String> progress) {
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(learner, "learner");
        Objects.requireNonNull(settings, "settings");
        return new Run(catalogue, cases, learner, settings, progress).run();
    }

    /**
     * The number of fold splits the AIPW predictions were averaged over: at least {@link EstimationSettings#repetitions()},
     * more (in batches of that many, up to {@link EstimationSettings#maxRepetitions()}) while {@link #splitError()}
     * exceeded {@link EstimationSettings#splitError()}.
     */
    public int repetitionsUsed() {
        return repetitions;
    }

    /**
     * How much the AIPW estimates still depend on the random choice of fold splits: the largest Monte-Carlo standard
     * error of the mean over the splits, {@code sd(split estimates) / sqrt(repetitions)}, over every
     * service and estimand (0 with one repetition, where it cannot be estimated). Another seed moves the estimate by
     * about this much; it is not part of {@link Effect#standardError()}.
     */
    public double splitError() {
        return splitError;
    }

    /** Every estimate: for each service, ATE then ATT, each by plug-in, IPW and AIPW. */
    public List<Effect> effects() {
        return effects;
    }

    /** The estimate of {@code service}'s effect for {@code estimand} by {@code estimator}. */
    public Effect effect(String service, Estimand estimand, Estimator estimator) {
        for (Effect f : effects) {
            if (f.service().equals(service) && f.estimand() == estimand && f.estimator() == estimator) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown service '" + service + "'; known: "
                + options.subList(1, options.size()));
    }

    /** The estimate by the settings' chosen estimator. */
    public Effect effect(String service, Estimand estimand) {
        return effect(service, estimand, settings.estimator());
    }

    /** Overlap diagnostics per service. */
    public List<Overlap> overlap() {
        return overlap;
    }

    /**
     * Every overlap warning, each prefixed by its service, and a warning when the AIPW estimates still move with the
     * fold split by more than the settings allow after {@link EstimationSettings#maxRepetitions()} splits.
     */
    public List<String> warnings() {
        List<String> w = new ArrayList<>();
        if (splitError > settings.splitError()) {
            w.add(String.format(Locale.ROOT, "fold splits: after %d repetitions an AIPW estimate still moves by about"
                    + " %.2f pp (Monte-Carlo standard error) with the random split, more than the %.2f pp allowed;"
                    + " such estimates are withheld (see each effect's note), as another seed would give a different"
                    + " answer", repetitions, 100 * splitError, 100 * settings.splitError()));
        }
        for (Overlap o : overlap) {
            o.warnings().forEach(s -> w.add(o.service() + ": " + s));
        }
        return w;
    }

    public EstimationSettings settings() {
        return settings;
    }

    /** {@code no_programme} first, then the services. */
    public List<String> options() {
        return options;
    }

    /**
     * The doubly robust value of the policy that gives historical case {@code i} the option {@code chosen.get(i)}:
     * mean over cases of {@code mu_a(x) + 1[A = a] (Y - mu_a(x)) / e_a(x)} with {@code a} the chosen option.
     *
     * @throws IllegalArgumentException if the list's size is not the number of cases or an option is unknown
     */
    public PolicyValue policyValue(List<String> chosen) {
        if (chosen.size() != option.length) {
            throw new IllegalArgumentException("chosen has " + chosen.size() + " options; one per historical case ("
                    + option.length + ") is needed");
        }
        int[] a = new int[chosen.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = options.indexOf(chosen.get(i));
            if (a[i] < 0) {
                throw new IllegalArgumentException("chosen[" + i + "] is '" + chosen.get(i) + "'; known: " + options);
            }
        }
        int reps = mu.length;
        double[] values = new double[reps];
        int n = a.length;
        double[] psi = new double[n];
        double[] avg = new double[n];
        for (int r = 0; r < reps; r++) {
            for (int i = 0; i < n; i++) {
                double m = mu[r][i][a[i]];
                avg[i] += m / reps;
                psi[i] = m + (option[i] == a[i] ? ((employed[i] ? 1 : 0) - m) / e[r][i][a[i]] : 0);
            }
            values[r] = mean(psi);
        }
        // the value at the predictions averaged over the splits (the mean of the splits' values: it is linear in them)
        for (int i = 0; i < n; i++) {
            psi[i] = avg[i] + (option[i] == a[i] ? ((employed[i] ? 1 : 0) - avg[i]) / e[0][i][a[i]] : 0);
        }
        double value = mean(psi);
        return new PolicyValue(value, sd(psi, value) / Math.sqrt(n), spread(values));
    }

    /** A plain-text table of every estimate and the overlap diagnostics, for logs and the command line. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("effects against no programme, ").append(learner).append("; ").append(settings.describe())
                .append(String.format(Locale.ROOT, "; %d repetitions used, split error %.2f pp", repetitions,
                        100 * splitError)).append('\n');
        for (Effect f : effects) {
            if (Double.isNaN(f.estimate())) {
                sb.append(String.format(Locale.ROOT, "  %-24s %s %-7s %s%n", f.service(), f.estimand(),
                        f.estimator(), f.standardErrorNote()));
                continue;
            }
            sb.append(String.format(Locale.ROOT, "  %-24s %s %-7s %+6.1f pp  SE %s  split spread %.2f pp%n",
                    f.service(), f.estimand(), f.estimator(), 100 * f.estimate(),
                    Double.isNaN(f.standardError()) ? "n/a (" + f.standardErrorNote() + ")"
                            : String.format(Locale.ROOT, "%.1f pp", 100 * f.standardError()),
                    100 * f.splitSpread()));
        }
        for (Overlap o : overlap) {
            sb.append(String.format(Locale.ROOT, "  overlap %s: propensity treated %.3f-%.3f, baseline %.3f-%.3f;"
                            + " effective treated %.1f of %d, effective baseline (ATT) %.1f of %d; clipped %d,"
                            + " trimmed %d, not eligible %d%n", o.service(), o.treatedPropensityMin(), o.treatedPropensityMax(),
                    o.baselinePropensityMin(), o.baselinePropensityMax(), o.effectiveTreated(), o.treated(),
                    o.effectiveBaselineAtt(), o.baseline(), o.clipped(), o.trimmed(), o.notEligible()));
            o.warnings().forEach(w -> sb.append("  WARNING ").append(o.service()).append(": ").append(w).append('\n'));
        }
        if (splitError > settings.splitError()) {
            sb.append("  WARNING ").append(warnings().get(0)).append('\n');
        }
        return sb.toString();
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double sd(double[] v, double mean) {
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    static double spread(double[] v) {
        return Arrays.stream(v).max().orElse(0) - Arrays.stream(v).min().orElse(0);
    }

    static double kish(double sum, double sumSq) {
        return sumSq == 0 ? 0 : sum * sum / sumSq;
    }

    /** One estimation run. */
    private static final class Run {
        private final ServiceCatalogue catalogue;
        private final List<TrainingCase> cases;
        private final TrainingSettings learner;
        private final EstimationSettings settings;
        private final List<String> options = new ArrayList<>();
        private final String[] names;
        private final FeatureEncoder encoder;

        private final java.util.function.Consumer<String> progress;

        Run(ServiceCatalogue catalogue, List<TrainingCase> cases, TrainingSettings learner,
            EstimationSettings settings, java.util.function.Consumer<String> progress) {
            this.progress = progress;
            this.catalogue = catalogue;
            this.cases = List.copyOf(cases);
            this.learner = learner;
            this.settings = settings;
            options.add(ServiceCatalogue.BASELINE);
            options.addAll(catalogue.ids());
            this.encoder = FeatureEncoder.of(catalogue.schema());
            this.names = encoder.featureNames().toArray(new String[0]);
        }

        EffectEstimates run() {
            int n = cases.size();
            int k = options.size();
            double[][] rows = new double[n][];
            int[] option = new int[n];
            boolean[] y = new boolean[n];
            int[] count = new int[k];
            int[] positives = new int[k];
            for (int i = 0; i < n; i++) {
                TrainingCase c = cases.get(i);
                if (!c.profile().schema().equals(catalogue.schema())) {
                    throw new IllegalArgumentException("cases[" + i + "] uses schema '" + c.profile().schema().name()
                            + "', not the catalogue's schema '" + catalogue.schema().name() + "'");
                }
                option[i] = options.indexOf(c.service());
                if (option[i] < 0) {
                    throw new IllegalArgumentException("cases[" + i + "].service is '" + c.service() + "'; known: "
                            + options);
                }
                rows[i] = encoder.encode(c.profile());
                y[i] = c.employed();
                count[option[i]]++;
                positives[option[i]] += y[i] ? 1 : 0;
            }
            for (int a = 0; a < k; a++) {
                if (count[a] < Math.max(learner.minCasesPerOption(), 2 * settings.folds()) || positives[a] == 0
                        || positives[a] == count[a]) {
                    throw new IllegalArgumentException("option '" + options.get(a) + "' has " + count[a] + " cases ("
                            + positives[a] + " employed); effect estimation needs at least "
                            + Math.max(learner.minCasesPerOption(), 2 * settings.folds())
                            + " cases with both outcomes for every option");
                }
            }
            int folds = settings.folds();
            double[][] full = new double[n][k];
            double[][] raw = new double[n][k];
            int[] all = new int[n];
            Arrays.fill(all, -1); // no fold: fit on every case, predict every case
            List<double[][]> splits = new ArrayList<>();
            // the first batch of repetitions, with the fit on every case (outcome models for plug-in and IPW, and
            // the propensity model)
            runSplits(rows, option, y, 0, settings.repetitions(), splits, () -> crossFit(rows, option, y, all, -1,
                    full, raw));
            double clip = settings.propensityClip();
            double[][] e = new double[n][k];
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < k; a++) {
                    e[i][a] = Math.min(1 - clip, Math.max(clip, raw[i][a]));
                }
            }
            boolean[][] keep = new boolean[k][];
            boolean[][] eligible = new boolean[k][];
            int[] trimmed = new int[k];
            int[] notEligible = new int[k];
            for (int s = 1; s < k; s++) {
                keep[s] = new boolean[n];
                eligible[s] = new boolean[n];
                org.fairpath.core.Service service = catalogue.service(options.get(s));
                for (int i = 0; i < n; i++) {
                    // only people the service's eligibility rule admits (and anyone who received it) are compared:
                    // for the others the effect is not identified and not needed
                    if (option[i] != s && !service.isEligible(cases.get(i).profile())) {
                        notEligible[s]++;
                        continue;
                    }
                    eligible[s][i] = true;
                    double es = raw[i][s]; // the propensity model fitted on every case
                    double e0 = raw[i][0];
                    keep[s][i] = settings.trim() == 0 || Math.min(es, e0) >= settings.trim();
                    trimmed[s] += keep[s][i] ? 0 : 1;
                }
            }
            // more repetitions while the mean of an AIPW estimate still moves with the choice of splits by more than
            // the settings allow (its Monte-Carlo standard error) and the splits it is projected to need, R (err /
            // target)^2, fit under maxRepetitions; an estimate that cannot get there is withheld (below), so splits
            // that cannot make it reportable are not spent
            while (splits.size() < settings.maxRepetitions()
                    && reachable(errors(splits, option, y, e, keep), splits.size()) > 0) {
                int more = Math.min(settings.repetitions(), settings.maxRepetitions() - splits.size());
                if (progress != null) {
                    progress.accept(String.format(Locale.ROOT, "the AIPW estimates still move by %.2f pp (Monte-Carlo"
                            + " standard error) with the fold split after %d repetitions; adding %d",
                            100 * splitError(splits, option, y, e, keep), splits.size(), more));
                }
                runSplits(rows, option, y, splits.size(), more, splits, null);
            }
            double[] errors = errors(splits, option, y, e, keep);
            int reps = splits.size();
            double[][][] mu = new double[reps + 1][][];
            for (int r = 0; r < reps; r++) {
                mu[r] = splits.get(r);
            }
            mu[reps] = full;
            double[][] averaged = average(splits);
            List<Effect> effects = new ArrayList<>();
            List<Overlap> overlaps = new ArrayList<>();
            for (int s = 1; s < k; s++) {
                for (Estimand estimand : Estimand.values()) {
                    for (Estimator est : Estimator.values()) {
                        // plug-in and IPW use the models fitted on every case (index reps); AIPW is cross-fitted
                        boolean crossFitted = est == Estimator.AIPW;
                        double[] value = new double[crossFitted ? reps : 1];
                        for (int r = 0; r < value.length; r++) {
                            int at = crossFitted ? r : reps;
                            value[r] = estimate(est, estimand, s, option, y, mu[at], e, keep[s])[0];
                        }
                        // AIPW: at each case's out-of-fold predictions averaged over the splits
                        double[] v = crossFitted ? estimate(est, estimand, s, option, y, averaged, e, keep[s])
                                : estimate(est, estimand, s, option, y, full, e, keep[s]);
                        boolean noSe = est == Estimator.PLUG_IN;
                        double error = errors[2 * (s - 1) + estimand.ordinal()];
                        if (crossFitted && error > settings.splitError()) {
                            // not seed-stable within the split budget: not offered, never a number that another
                            // seed would move by more than the settings allow
                            double needed = reps * (error / settings.splitError()) * (error / settings.splitError());
                            effects.add(new Effect(options.get(s), estimand, est, Double.NaN, Double.NaN,
                                    String.format(Locale.ROOT, "withheld: after %d fold splits the AIPW estimate"
                                            + " still moves by %.2f pp (Monte-Carlo standard error) with the random"
                                            + " split, more than the %.2f pp allowed; about %.0f splits would be"
                                            + " needed (EstimationSettings.withMaxRepetitions, at most 200)", reps,
                                            100 * error, 100 * settings.splitError(), Math.ceil(needed)),
                                    spread(value)));
                            continue;
                        }
                        effects.add(new Effect(options.get(s), estimand, est, v[0],
                                noSe ? Double.NaN : v[1],
                                noSe ? "the plug-in has no valid standard error: it ignores how uncertain the"
                                        + " outcome models are; use AIPW" : "", spread(value)));
                    }
                }
                overlaps.add(overlap(s, option, raw, e, keep[s], eligible[s], trimmed[s], notEligible[s]));
            }
            double remaining = splitError(splits, option, y, e, keep);
            String learnerText = learner.learner().name().toLowerCase(Locale.ROOT) + " outcome models";
            double[][][] propensity = new double[reps][][];
            Arrays.fill(propensity, e); // one propensity model, fitted on every case
            return new EffectEstimates(options, settings, learnerText, effects, overlaps, option, y,
                    Arrays.copyOf(mu, reps), propensity, reps, remaining);
        }

        /**
         * Cross-fits repetitions {@code from .. from + count - 1} (each a fresh random fold split) into
         * {@code splits}, in parallel with {@code alsoRun} (may be null).
         */
        private void runSplits(double[][] rows, int[] option, boolean[] y, int from, int count,
                               List<double[][]> splits, Runnable alsoRun) {
            int n = rows.length;
            int k = options.size();
            int folds = settings.folds();
            double[][][] mu = new double[count][n][k];
            int[][] fold = new int[count][];
            for (int r = 0; r < count; r++) {
                fold[r] = folds(option, k, from + r);
            }
            IntStream.range(0, count * folds + (alsoRun == null ? 0 : 1)).parallel().forEach(task -> {
                if (task == count * folds) {
                    alsoRun.run();
                    return;
                }
                int r = task / folds;
                int f = task % folds;
                crossFit(rows, option, y, fold[r], f, mu[r], null);
            });
            splits.addAll(Arrays.asList(mu));
        }

        /**
         * How many AIPW estimates are above the split-error target but projected to reach it within the cap: an
         * estimate with Monte-Carlo error {@code err} after {@code reps} splits needs about
         * {@code reps * (err / target)^2}.
         */
        private int reachable(double[] errors, int reps) {
            int n = 0;
            double target = settings.splitError();
            for (double err : errors) {
                if (err > target && reps * (err / target) * (err / target) <= settings.maxRepetitions()) {
                    n++;
                }
            }
            return n;
        }

        /** Each case's predictions averaged over the splits. */
        private static double[][] average(List<double[][]> splits) {
            int n = splits.get(0).length;
            int k = splits.get(0)[0].length;
            double[][] avg = new double[n][k];
            for (double[][] split : splits) {
                for (int i = 0; i < n; i++) {
                    for (int a = 0; a < k; a++) {
                        avg[i][a] += split[i][a];
                    }
                }
            }
            for (double[] row : avg) {
                for (int a = 0; a < k; a++) {
                    row[a] /= splits.size();
                }
            }
            return avg;
        }

        /**
         * The largest Monte-Carlo standard error, over every service and estimand, of the mean AIPW estimate over
         * {@code splits}: {@code sd / sqrt(R)} of the single splits' estimates.
         */
        private double splitError(List<double[][]> splits, int[] option, boolean[] y, double[][] e,
                                  boolean[][] keep) {
            return Arrays.stream(errors(splits, option, y, e, keep)).max().orElse(0);
        }

        /**
         * The Monte-Carlo standard error of each AIPW estimate, service by service (from 1), ATE then ATT: entry
         * {@code 2 * (s - 1) + estimand.ordinal()}; 0 with fewer than two splits.
         */
        private double[] errors(List<double[][]> splits, int[] option, boolean[] y, double[][] e, boolean[][] keep) {
            int reps = splits.size();
            double[] out = new double[2 * (options.size() - 1)];
            if (reps < 2) {
                return out;
            }
            for (int s = 1; s < options.size(); s++) {
                for (Estimand estimand : Estimand.values()) {
                    double[] value = new double[reps];
                    for (int r = 0; r < reps; r++) {
                        value[r] = estimate(Estimator.AIPW, estimand, s, option, y, splits.get(r), e, keep[s])[0];
                    }
                    out[2 * (s - 1) + estimand.ordinal()] = sd(value, mean(value)) / Math.sqrt(reps);
                }
            }
            return out;
        }

        /** Stratified by option: each option's cases shuffled and dealt round-robin into the folds. */
        private int[] folds(int[] option, int k, int repetition) {
            SplittableRandom random = new SplittableRandom(settings.seed() * 1_000_003L + repetition);
            int[] fold = new int[option.length];
            for (int a = 0; a < k; a++) {
                List<Integer> members = new ArrayList<>();
                for (int i = 0; i < option.length; i++) {
                    if (option[i] == a) {
                        members.add(i);
                    }
                }
                for (int j = members.size() - 1; j > 0; j--) { // Fisher-Yates
                    int swap = random.nextInt(j + 1);
                    Integer t = members.get(j);
                    members.set(j, members.get(swap));
                    members.set(swap, t);
                }
                for (int j = 0; j < members.size(); j++) {
                    fold[members.get(j)] = j % settings.folds();
                }
            }
            return fold;
        }

        /** Fits on the cases outside fold {@code f} and predicts the cases inside it. */
        private void crossFit(double[][] rows, int[] option, boolean[] y, int[] fold, int f, double[][] mu,
                              double[][] raw) {
            int n = rows.length;
            int k = options.size();
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (fold[i] == f || f < 0) {
                    test.add(i);
                }
                if (fold[i] != f || f < 0) {
                    train.add(i);
                }
            }
            double[][] xTrain = new double[train.size()][];
            for (int j = 0; j < xTrain.length; j++) {
                xTrain[j] = rows[train.get(j)];
            }
            for (int a = 0; a < k; a++) {
                // outcome model of option a on its training cases
                List<double[]> xa = new ArrayList<>();
                List<Boolean> ya = new ArrayList<>();
                for (int i : train) {
                    if (option[i] == a) {
                        xa.add(rows[i]);
                        ya.add(y[i]);
                    }
                }
                double[] predicted = fitAndPredict(xa.toArray(new double[0][]), toArray(ya), a, f, rows, test);
                for (int j = 0; j < test.size(); j++) {
                    mu[test.get(j)][a] = predicted[j];
                }
                if (f >= 0) {
                    continue; // the propensity model is fitted once, on every case (see the class comment)
                }
                // one-vs-rest propensity of option a
                boolean[] isA = new boolean[train.size()];
                for (int j = 0; j < isA.length; j++) {
                    isA[j] = option[train.get(j)] == a;
                }
                LinearScorer propensity = WeightedLogistic.fit(xTrain, isA, null, learner.cost());
                for (int i : test) {
                    raw[i][a] = propensity.probability(rows[i]);
                }
            }
            if (f >= 0) {
                return;
            }
            for (int i : test) { // one-vs-rest probabilities normalised to sum to 1, as liblinear does
                double sum = 0;
                for (int a = 0; a < k; a++) {
                    sum += raw[i][a];
                }
                for (int a = 0; a < k; a++) {
                    raw[i][a] /= sum;
                }
            }
        }

        /**
         * Fits option {@code a}'s outcome model on {@code x, y} and returns its predictions for the rows {@code test}.
         * Boosted trees are predicted by XGBoost itself in one batch (the compiled scorer gives the same numbers, but
         * compiling dumps the model under a global lock, which cost more than the fit and serialised the parallel
         * fits).
         */
        private double[] fitAndPredict(double[][] x, boolean[] y, int a, int f, double[][] rows, List<Integer> test) {
            int pos = 0;
            for (boolean b : y) {
                pos += b ? 1 : 0;
            }
            if (pos == 0 || pos == y.length) {
                throw new IllegalArgumentException("option '" + options.get(a) + "' has only one outcome outside"
                        + " cross-fitting fold " + f + "; it needs more cases with both outcomes");
            }
            double[][] testRows = new double[test.size()][];
            for (int j = 0; j < testRows.length; j++) {
                testRows[j] = rows[test.get(j)];
            }
            if (learner.learner() == TrainingSettings.Learner.LOGISTIC_REGRESSION) {
                LinearScorer outcome = WeightedLogistic.fit(x, y, null, learner.cost());
                double[] p = new double[testRows.length];
                for (int j = 0; j < p.length; j++) {
                    p[j] = outcome.probability(testRows[j]);
                }
                return p;
            }
            Model<Label> m = TribuoBridge.trainBoosted(TribuoBridge.dataset("cross-fit " + options.get(a) + " fold "
                    + f, names, x, y, null), learner.trees(), learner.maxDepth(), learner.learningRate(),
                    learner.seed());
            return TribuoBridge.predictAll(m, names, testRows);
        }

        private static boolean[] toArray(List<Boolean> list) {
            boolean[] out = new boolean[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = list.get(i);
            }
            return out;
        }

        /** {estimate, standard error} of service {@code s} against option 0 over the kept cases. */
        static double[] estimate(Estimator est, Estimand estimand, int s, int[] option, boolean[] yb, double[][] mu,
                                 double[][] e, boolean[] keep) {
            int n = 0;
            int treated = 0;
            for (int i = 0; i < option.length; i++) {
                if (keep[i]) {
                    n++;
                    treated += option[i] == s ? 1 : 0;
                }
            }
            double[] psi = new double[n];
            double[] y = new double[n];
            int[] t = new int[n]; // 1 = service s, 0 = baseline, -1 = another service
            double[] m1 = new double[n];
            double[] m0 = new double[n];
            double[] es = new double[n];
            double[] e0 = new double[n];
            int j = 0;
            for (int i = 0; i < option.length; i++) {
                if (keep[i]) {
                    y[j] = yb[i] ? 1 : 0;
                    t[j] = option[i] == s ? 1 : option[i] == 0 ? 0 : -1;
                    m1[j] = mu[i][s];
                    m0[j] = mu[i][0];
                    es[j] = e[i][s];
                    e0[j] = e[i][0];
                    j++;
                }
            }
            double pi = (double) treated / n;
            double tau;
            if (estimand == Estimand.ATE) {
                switch (est) {
                    case PLUG_IN -> {
                        for (j = 0; j < n; j++) {
                            psi[j] = m1[j] - m0[j];
                        }
                        tau = mean(psi);
                        return new double[] {tau, Double.NaN};
                    }
                    case AIPW -> {
                        for (j = 0; j < n; j++) {
                            psi[j] = m1[j] - m0[j] + (t[j] == 1 ? (y[j] - m1[j]) / es[j] : 0)
                                    - (t[j] == 0 ? (y[j] - m0[j]) / e0[j] : 0);
                        }
                        tau = mean(psi);
                        return new double[] {tau, sd(psi, tau) / Math.sqrt(n)};
                    }
                    default -> { // IPW, normalised per arm
                        double w1 = 0;
                        double w0 = 0;
                        double s1 = 0;
                        double s0 = 0;
                        for (j = 0; j < n; j++) {
                            if (t[j] == 1) {
                                w1 += 1 / es[j];
                                s1 += y[j] / es[j];
                            } else if (t[j] == 0) {
                                w0 += 1 / e0[j];
                                s0 += y[j] / e0[j];
                            }
                        }
                        double mean1 = s1 / w1;
                        double mean0 = s0 / w0;
                        for (j = 0; j < n; j++) {
                            psi[j] = (t[j] == 1 ? (y[j] - mean1) / es[j] / (w1 / n) : 0)
                                    - (t[j] == 0 ? (y[j] - mean0) / e0[j] / (w0 / n) : 0);
                        }
                        return new double[] {mean1 - mean0, sd(psi, mean(psi)) / Math.sqrt(n)};
                    }
                }
            }
            switch (est) {
                case PLUG_IN -> {
                    double sum = 0;
                    for (j = 0; j < n; j++) {
                        sum += t[j] == 1 ? m1[j] - m0[j] : 0;
                    }
                    return new double[] {sum / treated, Double.NaN};
                }
                case AIPW -> {
                    for (j = 0; j < n; j++) {
                        psi[j] = (t[j] == 1 ? y[j] - m0[j] : 0)
                                - (t[j] == 0 ? es[j] / e0[j] * (y[j] - m0[j]) : 0);
                    }
                    tau = mean(psi) / pi;
                    double[] phi = new double[n];
                    for (j = 0; j < n; j++) {
                        phi[j] = (psi[j] - (t[j] == 1 ? tau : 0)) / pi;
                    }
                    return new double[] {tau, sd(phi, mean(phi)) / Math.sqrt(n)};
                }
                default -> { // IPW: treated mean minus the baseline mean weighted by e_s / e_0
                    double s1 = 0;
                    double w0 = 0;
                    double s0 = 0;
                    for (j = 0; j < n; j++) {
                        if (t[j] == 1) {
                            s1 += y[j];
                        } else if (t[j] == 0) {
                            w0 += es[j] / e0[j];
                            s0 += es[j] / e0[j] * y[j];
                        }
                    }
                    double mean1 = s1 / treated;
                    double mean0 = s0 / w0;
                    for (j = 0; j < n; j++) {
                        psi[j] = (t[j] == 1 ? (y[j] - mean1) / pi : 0)
                                - (t[j] == 0 ? es[j] / e0[j] * (y[j] - mean0) / (w0 / n) : 0);
                    }
                    return new double[] {mean1 - mean0, sd(psi, mean(psi)) / Math.sqrt(n)};
                }
            }
        }

        /** {@code raw} and {@code e}: the propensity model fitted on every case, before and after clipping. */
        private Overlap overlap(int s, int[] option, double[][] raw, double[][] e, boolean[] keep,
                                boolean[] eligible, int trimmed, int notEligible) {
            int treated = 0;
            int baseline = 0;
            double tMin = 1;
            double tMax = 0;
            double bMin = 1;
            double bMax = 0;
            double sumT = 0;
            double sqT = 0;
            double sumB = 0;
            double sqB = 0;
            int clipped = 0;
            double clip = settings.propensityClip();
            for (int i = 0; i < option.length; i++) {
                if ((option[i] != s && option[i] != 0) || !eligible[i]) {
                    continue;
                }
                double p = raw[i][s];
                double p0 = raw[i][0];
                double ps = e[i][s];
                double ps0 = e[i][0];
                if (p < clip || p > 1 - clip || p0 < clip || p0 > 1 - clip) {
                    clipped++;
                }
                if (option[i] == s) {
                    treated++;
                    tMin = Math.min(tMin, p);
                    tMax = Math.max(tMax, p);
                    if (keep[i]) {
                        sumT += 1 / ps;
                        sqT += 1 / (ps * ps);
                    }
                } else {
                    baseline++;
                    bMin = Math.min(bMin, p);
                    bMax = Math.max(bMax, p);
                    if (keep[i]) {
                        double w = ps / ps0;
                        sumB += w;
                        sqB += w * w;
                    }
                }
            }
            double effT = kish(sumT, sqT);
            double effB = kish(sumB, sqB);
            List<String> warnings = new ArrayList<>();
            if (effT < 0.1 * treated || effT < 30) {
                warnings.add(String.format(Locale.ROOT, "thin overlap: the ATE weights leave %.1f effective cases of"
                        + " the %d who received the service; estimates for everyone rest on extrapolation", effT,
                        treated));
            }
            if (effB < 0.1 * baseline || effB < 30) {
                warnings.add(String.format(Locale.ROOT, "thin overlap: the ATT weights leave %.1f effective"
                        + " comparison cases of %d with no programme; the effect on the treated rests on few"
                        + " comparable people", effB, baseline));
            }
            if (clipped > 0) {
                warnings.add(String.format(Locale.ROOT, "%d of %d cases had a propensity outside [%s, %s] and were"
                        + " clipped: some people are (almost) never or always given this option", clipped,
                        treated + baseline, clip, 1 - clip));
            }
            if (trimmed > 0) {
                warnings.add(trimmed + " cases trimmed (propensity below " + settings.trim() + "): the estimates are"
                        + " about the people kept, not everyone");
            }
            return new Overlap(options.get(s), treated, baseline, tMin, tMax, bMin, bMax, effT, effB, clipped,
                    trimmed, notEligible, warnings);
        }
    }
}
