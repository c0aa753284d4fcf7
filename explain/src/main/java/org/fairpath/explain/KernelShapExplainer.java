package org.fairpath.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fairpath.core.FeatureEncoder;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.model.Scorer;

/**
 * Kernel SHAP (Lundberg and Lee 2017) for any {@link Scorer}: Shapley values of the log-odds per original attribute
 * under the interventional value function {@code v(S) = mean over background rows b of f(x on S, b elsewhere)},
 * estimated by Shapley-kernel-weighted least squares with the efficiency constraint. With up to
 * {@value #EXACT_LIMIT} attributes every coalition is enumerated, which makes the result the exact Shapley values of
 * that value function; above it, a seeded sample of coalitions is used. Immutable and thread-safe.
 */
public final class KernelShapExplainer {

    /** Up to this many attributes, all coalitions are enumerated (exact). */
    public static final int EXACT_LIMIT = 14;

    private final FeatureEncoder encoder;
    private final Scorer scorer;
    private final double[][] background;
    private final int samples;
    private final long seed;
    private final String[] attributes;
    private final int[][] columnsOf;

    private KernelShapExplainer(FeatureEncoder encoder, Scorer scorer, double[][] background, int samples, long seed) {
        this.encoder = encoder;
        this.scorer = scorer;
        this.background = background;
        this.samples = samples;
        this.seed = seed;
        Map<String, List<Integer>> cols = new LinkedHashMap<>();
        for (FeatureEncoder.Column c : encoder.columns()) {
            cols.computeIfAbsent(c.attribute(), a -> new ArrayList<>()).add(c.index());
        }
        attributes = cols.keySet().toArray(new String[0]);
        columnsOf = new int[attributes.length][];
        int a = 0;
        for (List<Integer> l : cols.values()) {
            columnsOf[a++] = l.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * @param background encoded rows standing for "unknown" values, e.g. 100 training rows
     * @param samples    coalitions to sample when there are more than {@value #EXACT_LIMIT} attributes
     * @param seed       seed of that sample
     * @throws IllegalArgumentException if the background is empty or its rows have the wrong width
     */
    public static KernelShapExplainer of(FeatureEncoder encoder, Scorer scorer, List<double[]> background, int samples,
                                         long seed) {
        if (background.isEmpty()) {
            throw new IllegalArgumentException("the background sample is empty; give at least one encoded row");
        }
        for (double[] b : background) {
            if (b.length != encoder.width()) {
                throw new IllegalArgumentException("a background row has " + b.length + " columns; the encoder has "
                        + encoder.width());
            }
        }
        if (samples < 100) {
            throw new IllegalArgumentException("samples is " + samples + "; allowed: 100 or more");
        }
        return new KernelShapExplainer(encoder, scorer, background.toArray(new double[0][]), samples, seed);
    }

    private double logOdds(double[] row) {
        double p = scorer.probability(row);
        return Math.log(p / (1 - p));
    }

    /** v(S): mean log-odds with the attributes in {@code mask} taken from {@code x}, the others from the background. */
    private double value(double[] x, long mask, double[] scratch) {
        double sum = 0;
        for (double[] b : background) {
            System.arraycopy(b, 0, scratch, 0, b.length);
            for (int a = 0; a < attributes.length; a++) {
                if ((mask & (1L << a)) != 0) {
                    for (int c : columnsOf[a]) {
                        scratch[c] = x[c];
                    }
                }
            }
            sum += logOdds(scratch);
        }
        return sum / background.length;
    }

    /** The explanation of {@code profile}'s log-odds, per original attribute. */
    public AdditiveExplanation explain(JobseekerProfile profile) {
        double[] x = encoder.encode(profile);
        int m = attributes.length;
        double[] scratch = new double[x.length];
        double v0 = value(x, 0, scratch);
        double vAll = value(x, (1L << m) - 1, scratch);
        double delta = vAll - v0;
        // normal equations for phi_0..phi_{m-2}; phi_{m-1} = delta - sum of the others
        double[][] a = new double[m - 1][m - 1];
        double[] rhs = new double[m - 1];
        boolean exact = m <= EXACT_LIMIT;
        int used = 0;
        SplittableRandom random = new SplittableRandom(seed);
        long total = exact ? (1L << m) - 2 : samples;
        for (long k = 0; k < total; k++) {
            long mask = exact ? k + 1 : sampleMask(m, random);
            int size = Long.bitCount(mask);
            double weight = exact ? (m - 1) / (binomial(m, size) * size * (double) (m - size)) : 1.0;
            double y = value(x, mask, scratch) - v0;
            double zLast = (mask >>> (m - 1)) & 1L;
            double target = y - zLast * delta;
            double[] z = new double[m - 1];
            for (int j = 0; j < m - 1; j++) {
                z[j] = ((mask >>> j) & 1L) - zLast;
            }
            for (int i = 0; i < m - 1; i++) {
                rhs[i] += weight * z[i] * target;
                for (int j = 0; j < m - 1; j++) {
                    a[i][j] += weight * z[i] * z[j];
                }
            }
            used++;
        }
        double[] phi = new double[m];
        double[] solved = solve(a, rhs);
        double rest = delta;
        for (int j = 0; j < m - 1; j++) {
            phi[j] = solved[j];
            rest -= solved[j];
        }
        phi[m - 1] = rest;
        List<AdditiveExplanation.Contribution> contributions = new ArrayList<>(m);
        for (int j = 0; j < m; j++) {
            contributions.add(new AdditiveExplanation.Contribution(attributes[j], phi[j]));
        }
        String fidelity = exact ? "exact for the interventional value function (all " + used + " coalitions, "
                + background.length + " background rows)"
                : "approximate: " + used + " sampled coalitions (seed " + seed + "), " + background.length
                + " background rows";
        return new AdditiveExplanation("kernel-shap", fidelity, v0, vAll, contributions);
    }

    /** A coalition drawn with probability proportional to the Shapley kernel's total weight of its size. */
    private static long sampleMask(int m, SplittableRandom r) {
        double[] sizeWeight = new double[m];
        double total = 0;
        for (int s = 1; s < m; s++) {
            sizeWeight[s] = (m - 1) / (double) (s * (m - s));
            total += sizeWeight[s];
        }
        double u = r.nextDouble() * total;
        int size = 1;
        while (size < m - 1 && u > sizeWeight[size]) {
            u -= sizeWeight[size];
            size++;
        }
        long mask = 0;
        int chosen = 0;
        while (chosen < size) {
            int j = r.nextInt(m);
            if ((mask & (1L << j)) == 0) {
                mask |= 1L << j;
                chosen++;
            }
        }
        return mask;
    }

    private static double binomial(int n, int k) {
        double b = 1;
        for (int i = 1; i <= k; i++) {
            b = b * (n - k + i) / i;
        }
        return b;
    }

    /** Gaussian elimination with partial pivoting. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = java.util.Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            if (Math.abs(m[c][c]) < 1e-300) {
                throw new IllegalStateException("Kernel SHAP's system is singular; use more samples");
            }
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c] / m[c][c];
                    for (int k = c; k <= n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = m[i][n] / m[i][i];
        }
        return x;
    }
}
