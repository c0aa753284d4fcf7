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
 *                        (IN-SAMPLE, so optimistic; rank-based with ties counted one half): see {@code heldOut} for
 *                        honest figures
 * @param brier           per option (and {@code profiling}), the point model's Brier score on its training cases
 *                        (in-sample)
 * @param columnMean      the mean of each encoded column over all training cases: the reference row that additive
 *                        explanations are relative to
 * @param heldOut         out-of-bag (held-out) AUC, Brier and calibration with intervals, per option and for every
 *                        level of every categorical or boolean protected attribute ({@link HeldOutMetrics}); empty
 *                        when trained with fewer than two bags
 * @param overlapWarnings with inverse-propensity weighting: plain sentences when an option's effective sample size
 *                        falls below 10% of its cases or below 30, or when weights were capped at {@code maxWeight};
 *                        empty otherwise (see {@link EffectEstimates} for full overlap diagnostics)
 * @param biasAllowance   per option (and {@code profiling}), the estimated spread of the model's own bias on the
 *                        probability scale, from held-out residuals of neighbouring cases: what the bootstrap bags
 *                        cannot see; intervals add its square to the bags' variance (see the Recommender). Empty
 *                        when trained with fewer than two bags or not trained here
 * @param upliftAllowance per service, the estimated spread of the bias of its uplift over no programme, paired: the
 *                        held-out residuals of both arms in the same groups ({@link BiasAllowance#paired}), so that
 *                        bias the two models share cancels; the uplift's intervals add its square to the bags'
 *                        variance of the uplift. Empty when {@code biasAllowance} is
 */
public record TrainingSummary(int cases, Map<String, Integer> casesPerOption, Map<String, Double> employedRate,
                              double maxWeight, Map<String, Double> effectiveCases, String dataFingerprint,
                              double[] columnMin, double[] columnMax, Map<String, Double> auc,
                              Map<String, Double> brier, double[] columnMean, List<HeldOutMetrics> heldOut,
                              List<String> overlapWarnings, Map<String, Double> biasAllowance,
                              Map<String, Double> upliftAllowance) {

    /** A summary without bias allowances (models not trained here, or without bags). */
    public TrainingSummary(int cases, Map<String, Integer> casesPerOption, Map<String, Double> employedRate,
                           double maxWeight, Map<String, Double> effectiveCases, String dataFingerprint,
                           double[] columnMin, double[] columnMax, Map<String, Double> auc,
                           Map<String, Double> brier, double[] columnMean, List<HeldOutMetrics> heldOut,
                           List<String> overlapWarnings) {
        this(cases, casesPerOption, employedRate, maxWeight, effectiveCases, dataFingerprint, columnMin, columnMax, auc,
                brier, columnMean, heldOut, overlapWarnings, Map.of(), Map.of());
    }

    public TrainingSummary {
        biasAllowance = Collections.unmodifiableMap(new LinkedHashMap<>(biasAllowance));
        for (Map.Entry<String, Double> e : biasAllowance.entrySet()) {
            if (!(e.getValue() >= 0 && e.getValue() <= 1)) {
                throw new IllegalArgumentException("biasAllowance of '" + e.getKey() + "' is " + e.getValue()
                        + "; allowed: a probability difference from 0 to 1");
            }
        }
        upliftAllowance = Collections.unmodifiableMap(new LinkedHashMap<>(upliftAllowance));
        for (Map.Entry<String, Double> e : upliftAllowance.entrySet()) {
            if (!(e.getValue() >= 0 && e.getValue() <= 2)) {
                throw new IllegalArgumentException("upliftAllowance of '" + e.getKey() + "' is " + e.getValue()
                        + "; allowed: a difference of probability differences, from 0 to 2");
            }
        }
        casesPerOption = Collections.unmodifiableMap(new LinkedHashMap<>(casesPerOption));
        employedRate = Collections.unmodifiableMap(new LinkedHashMap<>(employedRate));
        effectiveCases = Collections.unmodifiableMap(new LinkedHashMap<>(effectiveCases));
        auc = Collections.unmodifiableMap(new LinkedHashMap<>(auc));
        brier = Collections.unmodifiableMap(new LinkedHashMap<>(brier));
        columnMin = columnMin.clone();
        columnMax = columnMax.clone();
        columnMean = columnMean.clone();
        heldOut = List.copyOf(heldOut);
        overlapWarnings = List.copyOf(overlapWarnings);
    }

    /** The held-out metrics of {@code option} for {@code group} ({@code all} or {@code attribute=level}). */
    public java.util.Optional<HeldOutMetrics> heldOut(String option, String group) {
        return heldOut.stream().filter(h -> h.option().equals(option) && h.group().equals(group)).findFirst();
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
                              int[] positives, float[] weights, FeatureEncoder encoder, Scorer[][] scorers,
                              boolean[][][] drawn, double confidence, float cap) {
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
        List<String> warnings = new java.util.ArrayList<>();
        if (weights != null) {
            int[] capped = new int[options.size()];
            for (int i = 0; i < rows.length; i++) {
                if (weights[i] >= cap) {
                    capped[options.indexOf(cases.get(i).service())]++;
                }
            }
            for (int a = 0; a < options.size(); a++) {
                double ess = effective.get(options.get(a));
                if (ess < 0.1 * count[a] || ess < 30) {
                    warnings.add(String.format(java.util.Locale.ROOT, "%s: after inverse-propensity weighting only"
                            + " %.1f of its %d cases are effective; its model rests on few comparable people",
                            options.get(a), ess, count[a]));
                }
                if (capped[a] > 0) {
                    warnings.add(String.format(java.util.Locale.ROOT, "%s: %d of its %d cases had their weight capped"
                            + " at %s", options.get(a), capped[a], count[a], cap));
                }
            }
        }
        Map<String, Double> upliftAllowance = new LinkedHashMap<>();
        Map<String, Double> biasAllowance = biasAllowance(cases, rows, options, scorers, drawn, upliftAllowance);
        return new TrainingSummary(rows.length, perOption, rate, maxWeight, effective, fingerprint(cases), min, max,
                auc, brier, mean, heldOut(cases, rows, options, scorers, drawn, confidence), warnings,
                biasAllowance, upliftAllowance);
    }

    /**
     * The {@link BiasAllowance} of every option and the profiling model; empty with fewer than two bags. Puts every
     * service's paired uplift allowance ({@link BiasAllowance#paired}) into {@code uplift}.
     */
    private static Map<String, Double> biasAllowance(List<TrainingCase> cases, double[][] rows, List<String> options,
                                                     Scorer[][] scorers, boolean[][][] drawn,
                                                     Map<String, Double> uplift) {
        int bags = scorers[0].length - 1;
        Map<String, Double> out = new LinkedHashMap<>();
        if (bags < 2) {
            return out;
        }
        double[] allowance = new double[options.size() + 1];
        int[][] membersOf = new int[options.size() + 1][];
        boolean[][] yOf = new boolean[options.size() + 1][];
        double[][] oobOf = new double[options.size() + 1][];
        java.util.stream.IntStream.rangeClosed(0, options.size()).parallel().forEach(a -> {
            boolean profiling = a == options.size();
            int[] members = java.util.stream.IntStream.range(0, rows.length)
                    .filter(i -> profiling || cases.get(i).service().equals(options.get(a))).toArray();
            boolean[] y = new boolean[members.length];
            double[] oob = new double[members.length];
            for (int k = 0; k < members.length; k++) {
                int i = members[k];
                y[k] = profiling != cases.get(i).employed();
                double sum = 0;
                int m = 0;
                for (int b = 1; b <= bags; b++) {
                    if (!drawn[a][b][i]) {
                        sum += scorers[a][b].probability(rows[i]);
                        m++;
                    }
                }
                oob[k] = m == 0 ? Double.NaN : sum / m;
            }
            allowance[a] = Math.min(1, BiasAllowance.estimate(rows, members, y, oob));
            membersOf[a] = members;
            yOf[a] = y;
            oobOf[a] = oob;
        });
        double[] paired = new double[options.size()];
        java.util.stream.IntStream.range(1, options.size()).parallel().forEach(s -> {
            // each case's point prediction of the uplift, only to group the cases by it
            double[] upS = new double[membersOf[s].length];
            for (int k = 0; k < upS.length; k++) {
                double[] row = rows[membersOf[s][k]];
                upS[k] = scorers[s][0].probability(row) - scorers[0][0].probability(row);
            }
            double[] up0 = new double[membersOf[0].length];
            for (int k = 0; k < up0.length; k++) {
                double[] row = rows[membersOf[0][k]];
                up0[k] = scorers[s][0].probability(row) - scorers[0][0].probability(row);
            }
            paired[s] = Math.min(2, BiasAllowance.paired(rows, membersOf[s], yOf[s], oobOf[s], upS, membersOf[0],
                    yOf[0], oobOf[0], up0, allowance[s] * allowance[s] + allowance[0] * allowance[0]));
        });
        for (int s = 1; s < options.size(); s++) {
            uplift.put(options.get(s), paired[s]);
        }
        for (int a = 0; a <= options.size(); a++) {
            out.put(a == options.size() ? OutcomeModels.PROFILING : options.get(a), allowance[a]);
        }
        return out;
    }

    /** Out-of-bag metrics per option (and profiling), overall and per level of each protected attribute. */
    private static List<HeldOutMetrics> heldOut(List<TrainingCase> cases, double[][] rows, List<String> options,
                                                Scorer[][] scorers, boolean[][][] drawn, double confidence) {
        int bags = scorers[0].length - 1;
        List<HeldOutMetrics> out = new java.util.ArrayList<>();
        if (bags < 2) {
            return out;
        }
        double z = org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1)
                .inverseCumulativeProbability(0.5 + confidence / 2);
        org.fairpath.core.Schema schema = cases.get(0).profile().schema();
        List<org.fairpath.core.Attribute> groups = schema.attributes().stream()
                .filter(a -> a.hasRole(org.fairpath.core.Role.PROTECTED)
                        && a.type() != org.fairpath.core.AttributeType.NUMERIC).toList();
        for (int a = 0; a <= options.size(); a++) {
            boolean profiling = a == options.size();
            List<Integer> idx = new java.util.ArrayList<>();
            List<Double> p = new java.util.ArrayList<>();
            for (int i = 0; i < rows.length; i++) {
                if (!profiling && !cases.get(i).service().equals(options.get(a))) {
                    continue;
                }
                double sum = 0;
                int k = 0;
                for (int b = 1; b <= bags; b++) {
                    if (!drawn[a][b][i]) {
                        sum += scorers[a][b].probability(rows[i]);
                        k++;
                    }
                }
                if (k > 0) {
                    idx.add(i);
                    p.add(sum / k);
                }
            }
            String key = profiling ? OutcomeModels.PROFILING : options.get(a);
            out.add(metrics(key, "all", cases, idx, p, profiling, z, c -> true));
            for (org.fairpath.core.Attribute g : groups) {
                List<String> levels = new java.util.ArrayList<>(g.type() == org.fairpath.core.AttributeType.BOOLEAN
                        ? List.of("true", "false") : g.levels());
                if (g.allowsMissing()) {
                    levels.add("missing");
                }
                for (String level : levels) {
                    out.add(metrics(key, g.name() + "=" + level, cases, idx, p, profiling, z, c -> {
                        Object v = c.profile().value(g.name());
                        return level.equals(v == null ? "missing" : String.valueOf(v));
                    }));
                }
            }
        }
        return out;
    }

    private static HeldOutMetrics metrics(String option, String group, List<TrainingCase> cases, List<Integer> idx,
                                          List<Double> p, boolean profiling, double z,
                                          java.util.function.Predicate<TrainingCase> member) {
        List<Integer> at = new java.util.ArrayList<>();
        for (int j = 0; j < idx.size(); j++) {
            if (member.test(cases.get(idx.get(j)))) {
                at.add(j);
            }
        }
        double[] prob = new double[at.size()];
        boolean[] y = new boolean[at.size()];
        for (int k = 0; k < prob.length; k++) {
            prob[k] = p.get(at.get(k));
            y[k] = profiling != cases.get(idx.get(at.get(k))).employed();
        }
        return HeldOutMetrics.of(option, group, prob, y, z);
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
