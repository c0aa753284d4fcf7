package org.fairpath.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairpath.core.FeatureEncoder;
import org.fairpath.core.Sha256;

/**
 * What the models were trained on: cases and employment rate per option, the propensity weights, the range of every
 * encoded column (to flag profiles outside it), and a fingerprint of the data.
 *
 * @param cases           number of training cases
 * @param casesPerOption  cases that received each option
 * @param employedRate    observed employment rate per option
 * @param maxWeight       largest inverse-propensity weight used (1 when weighting is off)
 * @param effectiveCases  Kish's effective sample size per option, {@code (sum w)^2 / sum w^2} (= the count when
 *                        weighting is off): how much information is left after weighting
 * @param dataFingerprint SHA-256 over every case's canonical profile JSON, service and outcome, in order
 * @param auc             per option (and {@code profiling}), the point model's ROC AUC on its own training cases
 *                        (in-sample, so optimistic; rank-based with ties counted one half)
 * @param brier           per option (and {@code profiling}), the point model's Brier score on its training cases
 * @param columnMean      the mean of each encoded column over all training cases: the reference row that additive
 *                        explanations are relative to
 */
public record TrainingSummary(int cases, Map<String, Integer> casesPerOption, Map<String, Double> employedRate,
                              double maxWeight, Map<String, Double> effectiveCases, String dataFingerprint,
                              double[] columnMin, double[] columnMax, Map<String, Double> auc,
                              Map<String, Double> brier, double[] columnMean) {

    public TrainingSummary {
        casesPerOption = Collections.unmodifiableMap(new LinkedHashMap<>(casesPerOption));
        employedRate = Collections.unmodifiableMap(new LinkedHashMap<>(employedRate));
        effectiveCases = Collections.unmodifiableMap(new LinkedHashMap<>(effectiveCases));
        auc = Collections.unmodifiableMap(new LinkedHashMap<>(auc));
        brier = Collections.unmodifiableMap(new LinkedHashMap<>(brier));
        columnMin = columnMin.clone();
        columnMax = columnMax.clone();
        columnMean = columnMean.clone();
    }

    /** Mean of each encoded column over the training cases (a copy). */
    @Override
    public double[] columnMean() {
        return columnMean.clone();
    }

    /** Smallest training value of each encoded column (a copy). */
    @Override
    public double[] columnMin() {
        return columnMin.clone();
    }

    /** Largest training value of each encoded column (a copy). */
    @Override
    public double[] columnMax() {
        return columnMax.clone();
    }

    static TrainingSummary of(List<TrainingCase> cases, double[][] rows, List<String> options, int[] count,
                              int[] positives, float[] weights, FeatureEncoder encoder, Scorer[][] scorers) {
        Map<String, Integer> perOption = new LinkedHashMap<>();
        Map<String, Double> rate = new LinkedHashMap<>();
        Map<String, Double> effective = new LinkedHashMap<>();
        double[] sum = new double[options.size()];
        double[] sumSq = new double[options.size()];
        double maxWeight = 1;
        for (int i = 0; i < rows.length; i++) {
            int a = options.indexOf(cases.get(i).service());
            double w = weights == null ? 1 : weights[i];
            sum[a] += w;
            sumSq[a] += w * w;
            maxWeight = Math.max(maxWeight, w);
        }
        for (int a = 0; a < options.size(); a++) {
            perOption.put(options.get(a), count[a]);
            rate.put(options.get(a), (double) positives[a] / count[a]);
            effective.put(options.get(a), sum[a] * sum[a] / sumSq[a]);
        }
        double[] min = new double[encoder.width()];
        double[] max = new double[encoder.width()];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        double[] mean = new double[encoder.width()];
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                min[j] = Math.min(min[j], row[j]);
                max[j] = Math.max(max[j], row[j]);
                mean[j] += row[j] / rows.length;
            }
        }
        Map<String, Double> auc = new LinkedHashMap<>();
        Map<String, Double> brier = new LinkedHashMap<>();
        for (int a = 0; a <= options.size(); a++) {
            boolean profiling = a == options.size();
            List<double[]> scored = new java.util.ArrayList<>();
            for (int i = 0; i < rows.length; i++) {
                if (profiling || cases.get(i).service().equals(options.get(a))) {
                    boolean positive = profiling != cases.get(i).employed();
                    scored.add(new double[] {scorers[a][0].probability(rows[i]), positive ? 1 : 0});
                }
            }
            String key = profiling ? OutcomeModels.PROFILING : options.get(a);
            auc.put(key, auc(scored));
            brier.put(key, scored.stream().mapToDouble(s -> (s[0] - s[1]) * (s[0] - s[1])).average().orElse(Double.NaN));
        }
        return new TrainingSummary(rows.length, perOption, rate, maxWeight, effective, fingerprint(cases), min, max,
                auc, brier, mean);
    }

    /** Rank-based ROC AUC (Mann-Whitney U / (n+ n-)), ties between scores counted one half; NaN with one class. */
    static double auc(List<double[]> scoreAndLabel) {
        List<double[]> sorted = new java.util.ArrayList<>(scoreAndLabel);
        sorted.sort((x, y) -> Double.compare(x[0], y[0]));
        double rankSumPositive = 0;
        long positives = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j)[0] == sorted.get(i)[0]) {
                j++;
            }
            double midRank = (i + 1 + j) / 2.0; // ranks i+1..j share their mean
            for (int k = i; k < j; k++) {
                if (sorted.get(k)[1] == 1) {
                    rankSumPositive += midRank;
                    positives++;
                }
            }
            i = j;
        }
        long negatives = sorted.size() - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static String fingerprint(List<TrainingCase> cases) {
        MessageDigest md = Sha256.digest();
        for (TrainingCase c : cases) {
            md.update(c.profile().toJson().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(c.service().getBytes(StandardCharsets.UTF_8));
            md.update((byte) (c.employed() ? 1 : 0));
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
