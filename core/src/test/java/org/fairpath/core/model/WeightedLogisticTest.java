package org.fairpath.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * Oracles: liblinear itself (through Tribuo, L2R_LR, unit weights), duplicated rows (integer weights), and the
 * first-order optimality condition of the objective checked by hand.
 */
final class WeightedLogisticTest {

    private static final int N = 600;
    private static final int D = 5;

    private static double[][] rows(SplittableRandom r, int n) {
        double[][] x = new double[n][D];
        for (double[] row : x) {
            for (int j = 0; j < D; j++) {
                row[j] = j < 2 ? r.nextGaussian() : (r.nextDouble() < 0.3 ? 1 : 0);
            }
        }
        return x;
    }

    private static boolean[] outcomes(SplittableRandom r, double[][] x) {
        boolean[] y = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            double z = -0.3 + 0.8 * x[i][0] - 0.5 * x[i][1] + 0.7 * x[i][2] - x[i][4];
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z));
        }
        return y;
    }

    private static String[] names() {
        String[] names = new String[D];
        for (int j = 0; j < D; j++) {
            names[j] = "x" + j + "@value";
        }
        return names;
    }

    @Test
    void unitWeights_matchLiblinear() {
        SplittableRandom r = new SplittableRandom(1);
        double[][] x = rows(r, N);
        boolean[] y = outcomes(r, x);
        Model<Label> lib = TribuoBridge.trainLogistic(TribuoBridge.dataset("t", names(), x, y, null), 1.0, 1L);
        LinearScorer expected = (LinearScorer) TribuoBridge.compile(lib, names());
        LinearScorer ours = WeightedLogistic.fit(x, y, null, 1.0);
        // liblinear stops at a relative gradient norm of 1e-4; ours goes to 1e-10: agree to liblinear's tolerance
        for (int j = 0; j < D; j++) {
            assertEquals(expected.weights()[j], ours.weights()[j], 2e-3, "weight " + j);
        }
        assertEquals(expected.bias(), ours.bias(), 2e-3);
    }

    @Test
    void integerWeights_equalDuplicatedRows() {
        SplittableRandom r = new SplittableRandom(2);
        double[][] x = rows(r, N);
        boolean[] y = outcomes(r, x);
        double[] w = new double[N];
        List<double[]> dx = new ArrayList<>();
        List<Boolean> dy = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            w[i] = r.nextInt(4); // 0..3 copies
            for (int k = 0; k < w[i]; k++) {
                dx.add(x[i]);
                dy.add(y[i]);
            }
        }
        boolean[] yy = new boolean[dy.size()];
        for (int i = 0; i < yy.length; i++) {
            yy[i] = dy.get(i);
        }
        LinearScorer weighted = WeightedLogistic.fit(x, y, w, 0.5);
        LinearScorer duplicated = WeightedLogistic.fit(dx.toArray(new double[0][]), yy, null, 0.5);
        for (int j = 0; j < D; j++) {
            assertEquals(duplicated.weights()[j], weighted.weights()[j], 1e-9, "weight " + j);
        }
        assertEquals(duplicated.bias(), weighted.bias(), 1e-9);
    }

    @Test
    void fractionalWeights_satisfyTheOptimalityCondition() {
        SplittableRandom r = new SplittableRandom(3);
        double[][] x = rows(r, N);
        boolean[] y = outcomes(r, x);
        double[] w = new double[N];
        for (int i = 0; i < N; i++) {
            w[i] = 0.05 + 19.95 * r.nextDouble();
        }
        double cost = 2;
        LinearScorer m = WeightedLogistic.fit(x, y, w, cost);
        // gradient of 0.5|beta|^2 + C sum w_i log(1 + exp(-s_i z_i)) must vanish: beta_j = C sum w_i (y_i - p_i) x_ij
        double[] g = new double[D + 1];
        for (int i = 0; i < N; i++) {
            double resid = (y[i] ? 1 : 0) - m.probability(x[i]);
            for (int j = 0; j < D; j++) {
                g[j] += cost * w[i] * resid * x[i][j];
            }
            g[D] += cost * w[i] * resid;
        }
        for (int j = 0; j < D; j++) {
            assertEquals(m.weights()[j], g[j], 1e-7, "stationarity of weight " + j);
        }
        assertEquals(m.bias(), g[D], 1e-7);
    }

    @Test
    void negativeOrNaNWeight_isRefusedNamingTheCase() {
        double[][] x = {{1}, {0}};
        boolean[] y = {true, false};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeightedLogistic.fit(x, y, new double[] {1, -1}, 1));
        assertTrue(e.getMessage().contains("weight[1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WeightedLogistic.fit(x, y, new double[] {Double.NaN, 1}, 1));
        assertThrows(IllegalArgumentException.class, () -> WeightedLogistic.fit(x, y, new double[] {0, 0}, 1));
    }
}
