package org.fairpath.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.fairpath.core.reliability.Reseal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bias allowance that widens the intervals (issue 14): the binned U-statistic against hand computation and brute
 * force, and against a bias injected into otherwise exact predictions; the bundle refuses a missing or impossible
 * allowance.
 */
final class BiasAllowanceTest {

    @TempDir
    Path dir;

    private static int[] identity(int n) {
        int[] m = new int[n];
        for (int i = 0; i < n; i++) {
            m[i] = i;
        }
        return m;
    }

    @Test
    void byColumn_fourCases_equalsHandComputation() {
        // column 0 groups {a, b} (value 0) and {c, d} (value 1); residuals y - p: a 0.5, b 0.3, c -0.4, d 0.6
        double[][] rows = {{0}, {0}, {1}, {1}};
        boolean[] y = {true, true, false, true};
        double[] p = {0.5, 0.7, 0.4, 0.4};
        double[] b = BiasAllowance.byColumn(rows, identity(4), y, p);
        // U of a group of two = r1 * r2; weighted by 2 of 4 each: (0.5 * 0.3 + (-0.4) * 0.6) / 2 = -0.045
        assertEquals(-0.045, b[0], 1e-12);
        // by prediction: {0.4, 0.4} and {0.5} and {0.7}: only c, d form a pair: 2 * (-0.24) / 4
        assertEquals(-0.12, b[1], 1e-12);
        assertEquals(0.0, BiasAllowance.estimate(rows, identity(4), y, p), 0.0);
    }

    @Test
    void byColumn_randomSmallCases_equalsMeanOfPairProductsByBruteForce() {
        SplittableRandom r = new SplittableRandom(14);
        for (int trial = 0; trial < 50; trial++) {
            int n = 5 + r.nextInt(40);
            double[][] rows = new double[n][2];
            boolean[] y = new boolean[n];
            double[] p = new double[n];
            for (int i = 0; i < n; i++) {
                rows[i][0] = r.nextInt(3); // at most 12 levels: grouped by value
                rows[i][1] = r.nextInt(4); // also by value
                y[i] = r.nextBoolean();
                p[i] = r.nextInt(5) / 4.0;
            }
            double[] b = BiasAllowance.byColumn(rows, identity(n), y, p);
            for (int j = 0; j < 3; j++) {
                double total = 0;
                for (int i = 0; i < n; i++) {
                    int same = 0;
                    double products = 0;
                    for (int k = 0; k < n; k++) {
                        double vi = j < 2 ? rows[i][j] : p[i];
                        double vk = j < 2 ? rows[k][j] : p[k];
                        if (k != i && vi == vk) {
                            same++;
                            products += ((y[i] ? 1 : 0) - p[i]) * ((y[k] ? 1 : 0) - p[k]);
                        }
                    }
                    total += same == 0 ? 0 : products / same; // each case: mean product with its group's others
                }
                assertEquals(total / n, b[j], 1e-12, "trial " + trial + " column " + j);
            }
        }
    }

    @Test
    void estimate_injectedBiasAlongOneColumn_isRecovered() {
        // outcomes drawn from p; predictions p - 0.1 where column 1 is 1 (half the cases), exact elsewhere: the
        // squared bias along column 1 is 0.5 * 0.01, so the allowance is sqrt(0.005) = 0.0707
        SplittableRandom r = new SplittableRandom(7);
        int n = 40_000;
        double[][] rows = new double[n][3];
        boolean[] y = new boolean[n];
        double[] p = new double[n];
        double[] exact = new double[n];
        for (int i = 0; i < n; i++) {
            rows[i][0] = r.nextDouble() * 60; // a numeric column without bias: ten bins
            rows[i][1] = r.nextInt(2);
            rows[i][2] = r.nextInt(5);
            double truth = 0.2 + 0.6 * r.nextDouble();
            y[i] = r.nextDouble() < truth;
            exact[i] = truth;
            p[i] = truth - (rows[i][1] == 1 ? 0.1 : 0);
        }
        assertEquals(Math.sqrt(0.005), BiasAllowance.estimate(rows, identity(n), y, p), 0.01);
        // exact predictions: nothing to allow for beyond noise
        assertTrue(BiasAllowance.estimate(rows, identity(n), y, exact) < 0.02);
    }

    @Test
    void paired_smallCase_equalsHandComputation() {
        // one column, two groups. Service arm: value 0 {r 0.5, 0.3}, value 1 {r -0.4, 0.6}; baseline arm: value 0
        // {r 0.2, 0.4}, value 1 {r 0.1} (one case: cannot be paired)
        double[][] rows = {{0}, {0}, {1}, {1}, {0}, {0}, {1}};
        int[] s = {0, 1, 2, 3};
        boolean[] yS = {true, true, false, true};
        double[] pS = {0.5, 0.7, 0.4, 0.4};
        int[] b = {4, 5, 6};
        boolean[] y0 = {true, true, true};
        double[] p0 = {0.8, 0.6, 0.9};
        double[] upS = {0.1, 0.1, 0.1, 0.1};
        double[] up0 = {0.1, 0.1, 0.1};
        double unpaired = 0.09;
        // group 0: U_s = 0.5 * 0.3 = 0.15, U_0 = 0.2 * 0.4 = 0.08, rbar_s = 0.4, rbar_0 = 0.3:
        //          0.15 + 0.08 - 2 * 0.4 * 0.3 = -0.01, weight 4 cases
        // group 1: 2 service cases but 1 baseline case: the unpaired 0.09, weight 3 cases
        // column: (4 * -0.01 + 3 * 0.09) / 7 = 0.23 / 7; predicted uplift: one group of all 7, U_s = mean of pair
        // products of (0.5, 0.3, -0.4, 0.6) = (0.15 - 0.2 + 0.3 - 0.12 + 0.18 - 0.24) / 6 = 0.011667,
        // U_0 = (0.08 + 0.02 + 0.04) / 3 = 0.046667, rbar_s = 0.25, rbar_0 = 0.7 / 3: 0.058333 - 0.116667 < 0.23 / 7
        assertEquals(Math.sqrt(0.23 / 7), BiasAllowance.paired(rows, s, yS, pS, upS, b, y0, p0, up0, unpaired),
                1e-12);
    }

    @Test
    void paired_sharedBiasCancels_ownBiasIsRecovered() {
        // both arms' predictions 0.1 too low where column 1 is 1 (a bias the two models share): the uplift has none,
        // where adding the two arms' allowances gives sqrt(0.005 + 0.005) = 0.1; with only the service's predictions
        // biased the uplift's allowance is sqrt(0.005) = 0.0707
        SplittableRandom r = new SplittableRandom(8);
        int n = 40_000;
        double[][] rows = new double[2 * n][3];
        boolean[] y = new boolean[2 * n];
        double[] exact = new double[2 * n];
        double[] biased = new double[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            rows[i][0] = r.nextDouble() * 60;
            rows[i][1] = r.nextInt(2);
            rows[i][2] = r.nextInt(5);
            double truth = 0.2 + 0.6 * r.nextDouble();
            y[i] = r.nextDouble() < truth;
            exact[i] = truth;
            biased[i] = truth - (rows[i][1] == 1 ? 0.1 : 0);
        }
        int[] s = new int[n];
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = i;
            b[i] = n + i;
        }
        boolean[] yS = java.util.Arrays.copyOfRange(y, 0, n);
        boolean[] y0 = java.util.Arrays.copyOfRange(y, n, 2 * n);
        double[] zero = new double[n];
        double[] biasedS = java.util.Arrays.copyOfRange(biased, 0, n);
        double[] biased0 = java.util.Arrays.copyOfRange(biased, n, 2 * n);
        double[] exact0 = java.util.Arrays.copyOfRange(exact, n, 2 * n);
        double unpaired = 0.01;
        double shared = BiasAllowance.paired(rows, s, yS, biasedS, zero, b, y0, biased0, zero, unpaired);
        assertTrue(shared < 0.02, "shared bias cancels: " + shared);
        double own = BiasAllowance.paired(rows, s, yS, biasedS, zero, b, y0, exact0, zero, unpaired);
        assertEquals(Math.sqrt(0.005), own, 0.01);
    }

    @Test
    void estimate_skipsCasesWithoutHeldOutPrediction() {
        double[][] rows = {{0}, {0}, {0}};
        boolean[] y = {true, true, true};
        double[] p = {0.5, Double.NaN, 0.5};
        // only the two held-out cases count: U = 0.5 * 0.5, weighted 2 of 2
        assertEquals(0.5, BiasAllowance.estimate(rows, identity(3), y, p), 1e-12);
    }

    @Test
    void trainedModels_haveAnAllowanceForEveryOption_andTheBundleRefusesAMissingOrImpossibleOne()
            throws IOException {
        OutcomeModels m = ModelFixtures.logistic();
        assertEquals(m.options().size() + 1, m.summary().biasAllowance().size());
        m.summary().biasAllowance().values().forEach(v -> assertTrue(v >= 0 && v < 0.5, "allowance " + v));
        assertEquals(m.catalogue().ids(), java.util.List.copyOf(m.summary().upliftAllowance().keySet()));
        m.summary().upliftAllowance().values().forEach(v -> assertTrue(v >= 0 && v < 0.5, "uplift allowance " + v));
        ObjectMapper json = new ObjectMapper();
        for (String field : new String[] {"biasAllowance", "upliftAllowance"}) {
            for (String edit : new String[] {"remove", "negative"}) {
                Path b = dir.resolve(field + "-" + edit);
                m.save(b);
                Path training = b.resolve("training.json");
                ObjectNode root = (ObjectNode) json.readTree(training.toFile());
                ObjectNode allowance = (ObjectNode) root.get("summary").get(field);
                if (edit.equals("remove")) {
                    allowance.remove("wage_subsidy");
                } else {
                    allowance.put("wage_subsidy", -0.1);
                }
                Files.write(training, json.writeValueAsBytes(root));
                Reseal.reseal(b);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelBundle.load(b));
                assertTrue(e.getMessage().contains("training.json") && e.getMessage().contains(field),
                        e.getMessage());
            }
        }
    }
}
