package org.fairpath.explain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fairpath.core.FeatureEncoder;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.model.Scorer;

/** Model-level importance of each attribute, for documenting a model (e.g. in a model card). */
public final class GlobalImportance {

    private GlobalImportance() {
    }

    /**
     * Mean absolute contribution (log-odds) of each attribute over {@code sample}: how much, on average, each attribute
     * moves this model's output away from the base value.
     */
    public static Map<String, Double> meanAbsoluteContribution(List<AdditiveExplanation> sample) {
        if (sample.isEmpty()) {
            throw new IllegalArgumentException("the sample is empty; give at least one explanation");
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (AdditiveExplanation e : sample) {
            for (AdditiveExplanation.Contribution c : e.contributions()) {
                m.merge(c.attribute(), Math.abs(c.logOdds()) / sample.size(), Double::sum);
            }
        }
        return m;
    }

    /**
     * Permutation importance: the mean increase of the Brier score over {@code repeats} seeded shuffles of one
     * attribute's columns across the sample (the other attributes unchanged). 0 means the model does not use it.
     */
    public static Map<String, Double> permutationImportance(Scorer scorer, FeatureEncoder encoder,
                                                            List<JobseekerProfile> profiles, List<Boolean> outcomes,
                                                            int repeats, long seed) {
        if (profiles.size() != outcomes.size() || profiles.isEmpty()) {
            throw new IllegalArgumentException("profiles (" + profiles.size() + ") and outcomes (" + outcomes.size()
                    + ") must be non-empty and of equal length");
        }
        double[][] rows = profiles.stream().map(encoder::encode).toArray(double[][]::new);
        double baseline = brier(scorer, rows, outcomes);
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String attribute : encoder.columns().stream().map(FeatureEncoder.Column::attribute).distinct().toList()) {
            int[] cols = encoder.columnsOf(attribute);
            double increase = 0;
            for (int r = 0; r < repeats; r++) {
                int[] perm = permutation(rows.length, random);
                double[][] shuffled = new double[rows.length][];
                for (int i = 0; i < rows.length; i++) {
                    shuffled[i] = rows[i].clone();
                    for (int c : cols) {
                        shuffled[i][c] = rows[perm[i]][c];
                    }
                }
                increase += brier(scorer, shuffled, outcomes) - baseline;
            }
            out.put(attribute, increase / repeats);
        }
        return out;
    }

    private static double brier(Scorer s, double[][] rows, List<Boolean> outcomes) {
        double sum = 0;
        for (int i = 0; i < rows.length; i++) {
            double d = s.probability(rows[i]) - (outcomes.get(i) ? 1 : 0);
            sum += d * d;
        }
        return sum / rows.length;
    }

    private static int[] permutation(int n, SplittableRandom r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
