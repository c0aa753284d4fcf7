package org.fairpath.core.model;

/**
 * L2-regularised logistic regression with example weights: minimises liblinear's L2R_LR objective
 * {@code 0.5 |w|^2 + C * sum_i v_i * log(1 + exp(-y_i (w . x_i + b)))} with the bias {@code b} treated as the weight
 * of a constant column of 1 (regularised, as liblinear does with Tribuo's bias feature), by Newton's method with a
 * backtracking line search, solved to a gradient norm of {@code 1e-12} times the initial one (at least 1) (or 100 iterations).
 *
 * <p>The objective is strictly convex, so the minimiser is unique: with unit weights it is the model liblinear
 * approximates, and an integer weight {@code k} is exactly {@code k} copies of the case. Deterministic: no random
 * state at all.
 */
final class WeightedLogistic {

    private WeightedLogistic() {
    }

    /**
     * Fits the model.
     *
     * @param x       rows (each of the same width)
     * @param y       outcomes
     * @param weight  example weights, each finite and at least 0 (null = all 1)
     * @param cost    liblinear's C
     * @throws IllegalArgumentException if a weight is negative or not finite, or all weights are 0
     */
    static LinearScorer fit(double[][] x, boolean[] y, double[] weight, double cost) {
        int n = x.length;
        if (n == 0) {
            throw new IllegalArgumentException("no cases to fit");
        }
        int d = x[0].length;
        int p = d + 1; // last = bias
        double total = 0;
        for (int i = 0; i < n; i++) {
            double v = weight == null ? 1 : weight[i];
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("weight[" + i + "] is " + v + "; allowed: finite and >= 0");
            }
            total += v;
        }
        if (total == 0) {
            throw new IllegalArgumentException("every example weight is 0");
        }
        double[] w = new double[p];
        double[] grad = new double[p];
        double[][] hess = new double[p][p];
        double[] z = new double[n];
        double f = objective(x, y, weight, cost, w, z);
        double g0 = -1;
        for (int iter = 0; iter < 100; iter++) {
            // gradient and Hessian
            java.util.Arrays.fill(grad, 0);
            for (double[] row : hess) {
                java.util.Arrays.fill(row, 0);
            }
            for (int i = 0; i < n; i++) {
                double v = weight == null ? 1 : weight[i];
                if (v == 0) {
                    continue;
                }
                double s = y[i] ? 1 : -1;
                double sigma = sigmoid(s * z[i]); // P(correct class)
                double gi = cost * v * (sigma - 1) * s;
                double di = cost * v * sigma * (1 - sigma);
                double[] xi = x[i];
                for (int j = 0; j < d; j++) {
                    double xj = xi[j];
                    if (xj == 0) {
                        continue;
                    }
                    grad[j] += gi * xj;
                    double dx = di * xj;
                    double[] hj = hess[j];
                    for (int k = 0; k <= j; k++) {
                        hj[k] += dx * xi[k];
                    }
                    hess[d][j] += dx; // bias row
                }
                grad[d] += gi;
                hess[d][d] += di;
            }
            double norm = 0;
            for (int j = 0; j < p; j++) {
                grad[j] += w[j];
                hess[j][j] += 1;
                norm += grad[j] * grad[j];
            }
            norm = Math.sqrt(norm);
            if (g0 < 0) {
                g0 = norm;
            }
            if (norm <= 1e-12 * Math.max(g0, 1.0)) {
                break;
            }
            for (int j = 0; j < p; j++) { // symmetric fill (lower triangle computed; bias row is row d)
                for (int k = j + 1; k < d; k++) {
                    hess[j][k] = hess[k][j];
                }
                if (j < d) {
                    hess[j][d] = hess[d][j];
                }
            }
            double[] step = solve(hess, grad);
            double slope = 0;
            for (int j = 0; j < p; j++) {
                slope -= grad[j] * step[j];
            }
            double t = 1;
            double[] candidate = new double[p];
            double fNew;
            while (true) {
                for (int j = 0; j < p; j++) {
                    candidate[j] = w[j] - t * step[j];
                }
                fNew = objective(x, y, weight, cost, candidate, z);
                if (fNew <= f + 1e-4 * t * slope + 1e-13 * Math.abs(f) || t < 1e-12) { // rounding-tolerant Armijo
                    break;
                }
                t /= 2;
            }
            System.arraycopy(candidate, 0, w, 0, p);
            f = fNew;
        }
        double[] coefficients = java.util.Arrays.copyOf(w, d);
        return new LinearScorer(coefficients, w[d]);
    }

    /** The objective at {@code w}; fills {@code z} with each row's log-odds. */
    private static double objective(double[][] x, boolean[] y, double[] weight, double cost, double[] w, double[] z) {
        int d = w.length - 1;
        double loss = 0;
        for (int i = 0; i < x.length; i++) {
            double zi = w[d];
            double[] xi = x[i];
            for (int j = 0; j < d; j++) {
                zi += w[j] * xi[j];
            }
            z[i] = zi;
            double v = weight == null ? 1 : weight[i];
            if (v != 0) {
                double m = y[i] ? zi : -zi;
                // log(1 + exp(-m)) without overflow
                loss += v * (m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m)));
            }
        }
        double reg = 0;
        for (double wj : w) {
            reg += wj * wj;
        }
        return 0.5 * reg + cost * loss;
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** Solves the symmetric positive definite system {@code a s = b} by Cholesky. */
    private static double[] solve(double[][] a, double[] b) {
        int p = b.length;
        double[][] l = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    l[i][i] = Math.sqrt(Math.max(s, 1e-300));
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        double[] yv = new double[p];
        for (int i = 0; i < p; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * yv[k];
            }
            yv[i] = s / l[i][i];
        }
        double[] out = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double s = yv[i];
            for (int k = i + 1; k < p; k++) {
                s -= l[k][i] * out[k];
            }
            out[i] = s / l[i][i];
        }
        return out;
    }
}
