package org.fairpath.core.model;

import java.util.List;
import java.util.Locale;

/**
 * How effects and policy values are estimated from historical cases ({@link EffectEstimates#estimate}). Immutable;
 * start from {@link #withDefaults()}; every {@code with} method checks its value and throws
 * {@link IllegalArgumentException} naming the setting and the allowed range.
 *
 * @param folds           cross-fitting folds for AIPW: every case's outcome predictions come from models that did not
 *                        see it
 * @param repetitions     independent fold splits; each case's out-of-fold predictions are averaged over them (so the
 *                        AIPW estimate is the mean of the single splits' estimates), which keeps the result from
 *                        depending on one split of the data; also the batch in which more are added (see
 *                        {@code splitError})
 * @param maxRepetitions  at most this many fold splits in all (each split keeps one prediction per case and option
 *                        in memory, so memory grows with the splits used)
 * @param splitError      more splits are added (in batches of {@code repetitions}, up to {@code maxRepetitions})
 *                        while the Monte-Carlo standard error of any AIPW estimate (the mean over the splits,
 *                        {@code sd / sqrt(splits)}) exceeds this (a probability difference; 0.002 = 0.2 pp, so
 *                        that ten seeds are expected to spread by about 3.1 x 0.2 = 0.6 pp or less) and it is
 *                        projected to reach this within {@code maxRepetitions}; an AIPW estimate still above it is
 *                        withheld (NaN, with the reason and the splits it would need in its note), never reported
 *                        as a number another seed would move by more, and the estimates carry a warning
 * @param seed            seed of the fold splits (the only randomness: the learners are deterministic)
 * @param propensityClip  estimated propensities are clipped into {@code [clip, 1 - clip]} before weighting
 *                        (0.01 by default, DoubleML's default trimming threshold); the number of clipped cases is
 *                        reported
 * @param trim            0 (off), or drop the cases whose propensity for the service or for no programme is below
 *                        {@code trim} from that service's estimates (changes the population the effect is about; the
 *                        number dropped is reported)
 * @param estimator       the estimator the summary and the command line lead with
 */
public record EstimationSettings(int folds, int repetitions, int maxRepetitions, double splitError, long seed,
                                 double propensityClip, double trim, Estimator estimator) {

    /** The estimators offered. */
    public enum Estimator {
        /** Difference of the cross-fitted outcome models' predictions (T-learner); no standard error. */
        PLUG_IN,
        /** Normalised (Hajek) inverse-propensity weighting of observed outcomes; influence-function standard error. */
        IPW,
        /**
         * Augmented inverse-propensity weighting (doubly robust): the plug-in corrected by weighted residuals;
         * consistent if either the outcome models or the propensity model are right; influence-function standard
         * error.
         */
        AIPW
    }

    public EstimationSettings {
        if (folds < 2 || folds > 20) {
            throw new IllegalArgumentException("folds is " + folds + "; allowed: 2 to 20");
        }
        if (repetitions < 1 || repetitions > 50) {
            throw new IllegalArgumentException("repetitions is " + repetitions + "; allowed: 1 to 50");
        }
        if (maxRepetitions < repetitions || maxRepetitions > 200) {
            throw new IllegalArgumentException("maxRepetitions is " + maxRepetitions + "; allowed: repetitions ("
                    + repetitions + ") to 200");
        }
        if (!(splitError >= 0 && splitError < 0.5)) {
            throw new IllegalArgumentException("splitError is " + splitError + "; allowed: 0 to below 0.5");
        }
        if (!(propensityClip >= 0 && propensityClip < 0.5)) {
            throw new IllegalArgumentException("propensityClip is " + propensityClip + "; allowed: 0 to below 0.5");
        }
        if (!(trim >= 0 && trim < 0.5)) {
            throw new IllegalArgumentException("trim is " + trim + "; allowed: 0 (off) to below 0.5");
        }
        if (estimator == null) {
            throw new IllegalArgumentException("estimator is null; allowed: " + List.of(Estimator.values()));
        }
    }

    /**
     * 10 folds, 10 repetitions (more, up to 50, while an AIPW estimate's Monte-Carlo standard error exceeds 0.2 pp and
     * is projected to reach it within 50; otherwise that estimate is withheld),
     * seed 42, propensities clipped at 0.01, no trimming, AIPW.
     */
    public static EstimationSettings withDefaults() {
        return new EstimationSettings(10, 10, 50, 0.002, 42L, 0.01, 0, Estimator.AIPW);
    }

    public EstimationSettings withFolds(int k) {
        return new EstimationSettings(k, repetitions, maxRepetitions, splitError,
                seed, propensityClip, trim, estimator);
    }

    public EstimationSettings withRepetitions(int r) {
        return new EstimationSettings(folds, r, Math.max(r, maxRepetitions), splitError, seed, propensityClip, trim,
                estimator);
    }

    /** At most {@code max} fold splits in all (at least {@code repetitions}). */
    public EstimationSettings withMaxRepetitions(int max) {
        return new EstimationSettings(folds, repetitions, max, splitError, seed, propensityClip, trim, estimator);
    }

    /** Add fold splits while an AIPW estimate's Monte-Carlo standard error exceeds {@code error} (0: up to the cap). */
    public EstimationSettings withSplitError(double error) {
        return new EstimationSettings(folds, repetitions, maxRepetitions, error, seed, propensityClip, trim, estimator);
    }

    public EstimationSettings withSeed(long s) {
        return new EstimationSettings(folds, repetitions, maxRepetitions, splitError,
                s, propensityClip, trim, estimator);
    }

    public EstimationSettings withPropensityClip(double c) {
        return new EstimationSettings(folds, repetitions, maxRepetitions, splitError, seed, c, trim, estimator);
    }

    public EstimationSettings withTrim(double t) {
        return new EstimationSettings(folds, repetitions, maxRepetitions, splitError,
                seed, propensityClip, t, estimator);
    }

    public EstimationSettings withEstimator(Estimator e) {
        return new EstimationSettings(folds, repetitions, maxRepetitions, splitError, seed, propensityClip, trim, e);
    }

    /** A one-line description for summaries and provenance. */
    public String describe() {
        return String.format(Locale.ROOT, "%s, %d folds x %d repetitions (mean; up to %d while the split"
                + " error exceeds %.2f pp), seed %d, propensities clipped at %s, trimming %s", estimator, folds,
                repetitions,
                maxRepetitions, 100 * splitError, seed, propensityClip, trim == 0 ? "off" : "at " + trim);
    }
}
