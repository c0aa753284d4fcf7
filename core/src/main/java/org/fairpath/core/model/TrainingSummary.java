package org.fairpath.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairpath.core.FeatureEncoder;

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
 */
public record TrainingSummary(int cases, Map<String, Integer> casesPerOption, Map<String, Double> employedRate,
                              double maxWeight, Map<String, Double> effectiveCases, String dataFingerprint,
                              double[] columnMin, double[] columnMax) {

    public TrainingSummary {
        casesPerOption = Collections.unmodifiableMap(new LinkedHashMap<>(casesPerOption));
        employedRate = Collections.unmodifiableMap(new LinkedHashMap<>(employedRate));
        effectiveCases = Collections.unmodifiableMap(new LinkedHashMap<>(effectiveCases));
        columnMin = columnMin.clone();
        columnMax = columnMax.clone();
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
                              int[] positives, float[] weights, FeatureEncoder encoder) {
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
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                min[j] = Math.min(min[j], row[j]);
                max[j] = Math.max(max[j], row[j]);
            }
        }
        return new TrainingSummary(rows.length, perOption, rate, maxWeight, effective, fingerprint(cases), min, max);
    }

    private static String fingerprint(List<TrainingCase> cases) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (TrainingCase c : cases) {
                md.update(c.profile().toJson().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(c.service().getBytes(StandardCharsets.UTF_8));
                md.update((byte) (c.employed() ? 1 : 0));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
