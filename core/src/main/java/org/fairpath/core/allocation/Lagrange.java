package org.fairpath.core.allocation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * Group constraints by Lagrangian relaxation on top of the exact capacity assignment ({@link Transport}): each
 * constraint row gets a price {@code mu >= 0}; for given prices the relaxed problem is again a capacity assignment,
 * solved exactly, and its value {@code L(mu)} is an upper bound on the linear programme's optimum (weak duality). The
 * prices minimising {@code L} are found by Kelley's cutting planes (a small linear programme over the prices, solved
 * with Commons Math's simplex), and {@code min L} equals the LP optimum (strong duality; the capacity polytope is
 * integral). From the second iteration on, the relaxed assignment is warm-started from the previous one
 * ({@link Transport#improve}). The whole-place assignment at the final prices may miss a constraint by a few places; a greedy repair
 * then moves single jobseekers to free places, least loss per unit of violation first.
 */
final class Lagrange {

    /** Prices are kept in {@code [0, PRICE_CAP * max |value|]}; a price at the cap means the rows fight each other. */
    static final double PRICE_CAP = 1e4;
    static final int MAX_ITERATIONS = 400;
    /** Relative gain below which a warm-started assignment's cycle of moves counts as rounding noise. */
    static final double WARM_EPS = 1e-12;
    /** Repair gives up after this many single moves and reports what is left. */
    static final int MAX_REPAIR_MOVES = 2000;

    record Outcome(int[] assign, double bound, int iterations, boolean converged, int repairMoves) {
    }

    private Lagrange() {
    }

    static Outcome solve(int n, int m, double[] value, long[] capacity, List<Rows> rows, double tolerance) {
        int k = rows.size();
        double maxAbs = 0;
        for (double v : value) {
            if (v != Double.NEGATIVE_INFINITY) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
        }
        double maxCap = PRICE_CAP * Math.max(maxAbs, 1e-6);
        // the prices start in a small box that grows tenfold whenever the master's prices reach its edge: far
        // fewer wild first steps than one huge box, and the prices are optimal only once they lie inside it
        double cap = Math.min(maxCap, 4 * Math.max(maxAbs, 1e-6));
        double[] mu = new double[k];
        double[] work = new double[n * m];
        List<double[]> cutG = new ArrayList<>();
        List<Double> cutF = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int[] bestAssign = null;
        int[] lastAssign = null;
        boolean converged = false;
        int it = 0;
        while (it < MAX_ITERATIONS) {
            it++;
            int[] x = relaxed(n, m, value, capacity, rows, mu, work, lastAssign);
            double f = 0;
            for (int i = 0; i < n; i++) {
                f += value[i * m + x[i]];
            }
            double[] g = new double[k];
            double l = f;
            for (int r = 0; r < k; r++) {
                g[r] = rows.get(r).slack(x, m);
                l -= mu[r] * g[r];
            }
            lastAssign = x;
            if (l < best) {
                best = l;
                bestAssign = x;
            }
            cutG.add(g);
            cutF.add(f);
            double[] next = new double[k + 1];
            double lower = master(cutG, cutF, k, cap, next);
            while (atEdge(next, k, cap) && cap < maxCap) {
                cap = Math.min(maxCap, cap * 10);
                lower = master(cutG, cutF, k, cap, next);
            }
            if (best - lower <= 1e-11 * Math.max(1, Math.abs(best))) {
                converged = !atEdge(next, k, cap); // at the outer edge the box may cut the optimum off
                break;
            }
            mu = Arrays.copyOf(next, k);
        }
        // repair the whole-place assignment at the last and at the best prices; keep the better feasible one
        int[] movesA = new int[1];
        int[] movesB = new int[1];
        int[] a = repair(n, m, value, capacity, rows, lastAssign.clone(), tolerance, movesA);
        int[] b = repair(n, m, value, capacity, rows, bestAssign.clone(), tolerance, movesB);
        int[] chosen = pick(n, m, value, rows, a, b, tolerance);
        return new Outcome(chosen, best, it, converged, chosen == a ? movesA[0] : movesB[0]);
    }

    private static boolean atEdge(double[] mu, int k, double cap) {
        for (int r = 0; r < k; r++) {
            if (mu[r] >= cap * (1 - 1e-9)) {
                return true;
            }
        }
        return false;
    }

    private static int[] pick(int n, int m, double[] value, List<Rows> rows, int[] a, int[] b, double tol) {
        double va = violation(rows, a, m, tol);
        double vb = violation(rows, b, m, tol);
        if (va != vb) {
            return va < vb ? a : b;
        }
        return objective(value, a, m) >= objective(value, b, m) ? a : b;
    }

    static double objective(double[] value, int[] assign, int m) {
        double f = 0;
        for (int i = 0; i < assign.length; i++) {
            f += value[i * m + assign[i]];
        }
        return f;
    }

    static double violation(List<Rows> rows, int[] assign, int m, double tol) {
        double v = 0;
        for (Rows r : rows) {
            double s = r.slack(assign, m);
            if (s > tol) {
                v += s;
            }
        }
        return v;
    }

    /**
     * The exact assignment for the values less the priced rows: from scratch when {@code previous} is null, else
     * warm-started from it (the previous iteration's assignment), which moves only the jobseekers the new prices
     * reroute.
     */
    static int[] relaxed(int n, int m, double[] value, long[] capacity, List<Rows> rows, double[] mu, double[] work,
                         int[] previous) {
        System.arraycopy(value, 0, work, 0, value.length);
        for (int r = 0; r < rows.size(); r++) {
            if (mu[r] == 0) {
                continue;
            }
            Rows row = rows.get(r);
            for (int i = 0; i < n; i++) {
                for (int s = 1; s < m; s++) {
                    int at = i * m + s;
                    if (work[at] != Double.NEGATIVE_INFINITY) {
                        work[at] -= mu[r] * row.a(i, s, m);
                    }
                }
            }
        }
        if (previous == null) {
            return Transport.solve(n, m, work, capacity);
        }
        double scale = 1;
        for (double w : work) {
            if (w != Double.NEGATIVE_INFINITY) {
                scale = Math.max(scale, Math.abs(w));
            }
        }
        return Transport.improve(n, m, work, capacity, previous, WARM_EPS * scale);
    }

    /**
     * Kelley's master: min theta s.t. theta >= f_j - mu . g_j, 0 <= mu <= cap; the prices into {@code out}. Solved
     * in units shifted by the first cut and scaled to order one, so that the simplex's tolerances mean the same on a
     * cohort of 50 and of 100,000; if the strict tolerances fail on a degenerate master, the defaults are tried.
     */
    private static double master(List<double[]> cutG, List<Double> cutF, int k, double cap, double[] out) {
        double shift = cutF.get(0);
        double scale = Math.max(1, Math.abs(shift));
        List<LinearConstraint> cons = new ArrayList<>();
        for (int j = 0; j < cutG.size(); j++) {
            double[] c = new double[k + 1];
            for (int r = 0; r < k; r++) {
                c[r] = cutG.get(j)[r] / scale;
            }
            c[k] = 1;
            cons.add(new LinearConstraint(c, Relationship.GEQ, (cutF.get(j) - shift) / scale));
        }
        for (int r = 0; r < k; r++) {
            double[] c = new double[k + 1];
            c[r] = 1;
            cons.add(new LinearConstraint(c, Relationship.GEQ, 0));
            cons.add(new LinearConstraint(c.clone(), Relationship.LEQ, cap));
        }
        double[] obj = new double[k + 1];
        obj[k] = 1;
        PointValuePair p;
        try {
            p = new SimplexSolver(1e-12, 10, 1e-15).optimize(new MaxIter(100_000),
                    new LinearObjectiveFunction(obj, 0), new LinearConstraintSet(cons), GoalType.MINIMIZE,
                    new NonNegativeConstraint(false));
        } catch (MathIllegalStateException e) {
            p = new SimplexSolver().optimize(new MaxIter(100_000), new LinearObjectiveFunction(obj, 0),
                    new LinearConstraintSet(cons), GoalType.MINIMIZE, new NonNegativeConstraint(false));
        }
        System.arraycopy(p.getPoint(), 0, out, 0, k + 1);
        return shift + scale * p.getValue();
    }

    /**
     * Moves single jobseekers to options with a free place (no programme always has one) while that lowers the
     * total violation, taking the move with the least loss of objective per unit of violation removed.
     */
    static int[] repair(int n, int m, double[] value, long[] capacity, List<Rows> rows, int[] x, double tol,
                        int[] movesOut) {
        int k = rows.size();
        long[] count = new long[m];
        for (int i = 0; i < n; i++) {
            count[x[i]]++;
        }
        double[] slack = new double[k];
        for (int r = 0; r < k; r++) {
            slack[r] = rows.get(r).slack(x, m);
        }
        int limit = MAX_REPAIR_MOVES;
        int moves = 0;
        while (moves < limit) {
            double v = 0;
            for (double s : slack) {
                v += s > tol ? s : 0;
            }
            if (v == 0) {
                break;
            }
            int bestI = -1;
            int bestT = -1;
            double bestRate = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                int cur = x[i];
                double here = value[i * m + cur];
                for (int t = 0; t < m; t++) {
                    if (t == cur || value[i * m + t] == Double.NEGATIVE_INFINITY
                            || (t != 0 && count[t] >= capacity[t])) {
                        continue;
                    }
                    double after = 0;
                    for (int r = 0; r < k; r++) {
                        Rows row = rows.get(r);
                        double s = slack[r] + row.a(i, t, m) - row.a(i, cur, m);
                        after += s > tol ? s : 0;
                    }
                    double reduction = v - after;
                    if (reduction <= tol) {
                        continue;
                    }
                    double rate = (value[i * m + t] - here) / reduction;
                    if (rate > bestRate) {
                        bestRate = rate;
                        bestI = i;
                        bestT = t;
                    }
                }
            }
            if (bestI < 0) {
                break; // no single move helps: report what is left
            }
            int cur = x[bestI];
            for (int r = 0; r < k; r++) {
                Rows row = rows.get(r);
                slack[r] += row.a(bestI, bestT, m) - row.a(bestI, cur, m);
            }
            count[cur]--;
            count[bestT]++;
            x[bestI] = bestT;
            moves++;
        }
        movesOut[0] = moves;
        return x;
    }
}
