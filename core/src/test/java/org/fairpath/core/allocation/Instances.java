package org.fairpath.core.allocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.PivotSelectionRule;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/** Seeded random cohorts and the linear-programme oracle (Commons Math 3.6.1's simplex) for allocation tests. */
final class Instances {

    private Instances() {
    }

    /**
     * A cohort of {@code n} jobseekers over {@code services} services: chances without a programme spread over
     * (0.05, 0.95), uplifts from -0.05 to +0.25, each service eligible with probability {@code eligible}, two groups
     * "a"/"b" (attribute "g", 40/60) and three groups "x"/"y"/"z" (attribute "h"). Probabilities are rounded to
     * 1/1000 in some instances so that many exact ties occur.
     */
    static Cohort cohort(long seed, int n, int services, double eligible, boolean ties) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> ids = new ArrayList<>();
        List<String> svc = new ArrayList<>();
        for (int s = 0; s < services; s++) {
            svc.add("svc" + s);
        }
        double[] p0 = new double[n];
        double[][] p = new double[n][services];
        List<String> g = new ArrayList<>();
        List<String> h = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(String.format("js-%05d", rnd.nextInt(100_000)) + "-" + i);
            boolean groupA = rnd.nextDouble() < 0.4;
            g.add(groupA ? "a" : "b");
            h.add(new String[] {"x", "y", "z"}[rnd.nextInt(3)]);
            p0[i] = round(0.05 + 0.9 * rnd.nextDouble() * (groupA ? 0.8 : 1.0), ties);
            for (int s = 0; s < services; s++) {
                if (rnd.nextDouble() < eligible) {
                    double u = -0.05 + 0.3 * rnd.nextDouble();
                    p[i][s] = Math.min(0.999, Math.max(0.001, round(p0[i] + u, ties)));
                } else {
                    p[i][s] = Double.NaN;
                }
            }
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("g", g);
        groups.put("h", h);
        return Cohort.of(ids, svc, p0, p, groups, "test-model");
    }

    private static double round(double v, boolean ties) {
        return ties ? Math.max(0.001, Math.rint(v * 100) / 100) : v;
    }

    /** Random capacities: each service 0 to about a third of the cohort, one sometimes unlimited (absent). */
    static Map<String, Long> capacities(long seed, Cohort c) {
        SplittableRandom rnd = new SplittableRandom(seed * 31 + 7);
        Map<String, Long> caps = new LinkedHashMap<>();
        for (String s : c.services()) {
            if (rnd.nextDouble() < 0.85) {
                caps.put(s, (long) rnd.nextInt(c.size() / 3 + 2));
            }
        }
        return caps;
    }

    /** A linear-programme row over the (jobseeker, service) variables. */
    record Row(double[] coefficients, Relationship relation, double rhs) {
    }

    /**
     * The LP optimum of the allocation with {@code extra} rows: variables x(i, s) for eligible pairs only (column
     * {@code i * services + s}), each jobseeker at most one place, each service within its capacity.
     */
    static double lpOptimum(Cohort c, Map<String, Long> caps, Objective objective, List<Row> extra) {
        int n = c.size();
        int m = c.services().size();
        // one variable per eligible (jobseeker, service) pair; rows are written over all n * m pairs and projected
        int[] column = new int[n * m];
        int vars = 0;
        for (int i = 0; i < n * m; i++) {
            column[i] = c.eligible(i / m, i % m) ? vars++ : -1;
        }
        double[] obj = new double[vars];
        List<LinearConstraint> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] one = new double[vars];
            for (int s = 0; s < m; s++) {
                if (column[i * m + s] >= 0) {
                    obj[column[i * m + s]] = objective.gain(c.pWith(i, s), c.pWithout(i));
                    one[column[i * m + s]] = 1;
                }
            }
            rows.add(new LinearConstraint(one, Relationship.LEQ, 1));
        }
        for (int s = 0; s < m; s++) {
            Long cap = caps.get(c.services().get(s));
            if (cap != null) {
                double[] col = new double[vars];
                for (int i = 0; i < n; i++) {
                    if (column[i * m + s] >= 0) {
                        col[column[i * m + s]] = 1;
                    }
                }
                rows.add(new LinearConstraint(col, Relationship.LEQ, cap));
            }
        }
        for (Row r : extra) {
            double[] a = new double[vars];
            for (int i = 0; i < n * m; i++) {
                if (column[i] >= 0) {
                    a[column[i]] = r.coefficients()[i];
                }
            }
            // written as <= rows: with a zero right-hand side the origin stays feasible and the simplex needs no
            // artificial variables (Commons Math 3.6.1 returned suboptimal vertices on the >= form here)
            if (r.relation() == Relationship.GEQ) {
                for (int v = 0; v < vars; v++) {
                    a[v] = -a[v];
                }
                rows.add(new LinearConstraint(a, Relationship.LEQ, -r.rhs()));
            } else {
                rows.add(new LinearConstraint(a, r.relation(), r.rhs()));
            }
        }
        double primal = simplex(obj, rows, GoalType.MAXIMIZE, PivotSelectionRule.DANTZIG);
        // the dual, min b.y s.t. A'y >= c, y >= 0 (every row as <=): equal optima certify both
        int k = rows.size();
        double[] b = new double[k];
        double[][] at = new double[vars][k];
        for (int r = 0; r < k; r++) {
            LinearConstraint row = rows.get(r);
            double sign = row.getRelationship() == Relationship.GEQ ? -1 : 1;
            if (row.getRelationship() == Relationship.EQ) {
                throw new IllegalArgumentException("equality rows are not used here");
            }
            b[r] = sign * row.getValue();
            double[] a = row.getCoefficients().toArray();
            for (int v = 0; v < vars; v++) {
                at[v][r] = sign * a[v];
            }
        }
        List<LinearConstraint> dualRows = new ArrayList<>();
        for (int v = 0; v < vars; v++) {
            dualRows.add(new LinearConstraint(at[v], Relationship.GEQ, obj[v]));
        }
        double dual = simplex(b, dualRows, GoalType.MINIMIZE, PivotSelectionRule.DANTZIG);
        if (Math.abs(primal - dual) > 1e-9) { // a degenerate vertex fooled one of them: Bland's rule, slower
            primal = simplex(obj, rows, GoalType.MAXIMIZE, PivotSelectionRule.BLAND);
            dual = simplex(b, dualRows, GoalType.MINIMIZE, PivotSelectionRule.BLAND);
        }
        if (Math.abs(primal - dual) > 1e-9) {
            throw new AssertionError("the LP oracle is not certified: primal " + primal + ", dual " + dual);
        }
        return primal;
    }

    private static double simplex(double[] objective, List<LinearConstraint> rows, GoalType goal,
                                  PivotSelectionRule rule) {
        return new SimplexSolver().optimize(new MaxIter(1_000_000), new LinearObjectiveFunction(objective, 0),
                new LinearConstraintSet(rows), goal, new NonNegativeConstraint(true), rule).getValue();
    }

    /** The share rows of {@code share:attribute:service:d}, written from the constraint's definition. */
    static List<Row> shareRows(Cohort c, String attribute, int service, double d) {
        int n = c.size();
        int m = c.services().size();
        List<String> labels = c.groups().get(attribute);
        List<Row> out = new ArrayList<>();
        long total = 0;
        Map<String, Long> eligible = new java.util.TreeMap<>();
        for (int i = 0; i < n; i++) {
            eligible.merge(labels.get(i), c.eligible(i, service) ? 1L : 0L, Long::sum);
            total += c.eligible(i, service) ? 1 : 0;
        }
        for (Map.Entry<String, Long> e : eligible.entrySet()) {
            double share = (double) e.getValue() / total;
            double[] up = new double[n * m];   // x_g - (share + d) X <= 0
            double[] low = new double[n * m];  // x_g - (share - d) X >= 0
            for (int i = 0; i < n; i++) {
                double member = labels.get(i).equals(e.getKey()) ? 1 : 0;
                up[i * m + service] = member - (share + d);
                low[i * m + service] = member - (share - d);
            }
            out.add(new Row(up, Relationship.LEQ, 0));
            out.add(new Row(low, Relationship.GEQ, 0));
        }
        return out;
    }

    /** The rows of {@code gap:attribute:gamma}: every pair's difference of expected employment rates within gamma. */
    static List<Row> gapRows(Cohort c, String attribute, double gamma) {
        int n = c.size();
        int m = c.services().size();
        List<String> labels = c.groups().get(attribute);
        Map<String, double[]> stats = new java.util.TreeMap<>(); // size, sum p0
        for (int i = 0; i < n; i++) {
            double[] st = stats.computeIfAbsent(labels.get(i), k -> new double[2]);
            st[0]++;
            st[1] += c.pWithout(i);
        }
        List<Row> out = new ArrayList<>();
        for (String g : stats.keySet()) {
            for (String h : stats.keySet()) {
                if (g.equals(h)) {
                    continue;
                }
                double[] a = new double[n * m];
                for (int i = 0; i < n; i++) {
                    for (int s = 0; s < m; s++) {
                        if (!c.eligible(i, s)) {
                            continue;
                        }
                        double u = c.pWith(i, s) - c.pWithout(i);
                        if (labels.get(i).equals(g)) {
                            a[i * m + s] = u / stats.get(g)[0];
                        } else if (labels.get(i).equals(h)) {
                            a[i * m + s] = -u / stats.get(h)[0];
                        }
                    }
                }
                double base = stats.get(g)[1] / stats.get(g)[0] - stats.get(h)[1] / stats.get(h)[0];
                out.add(new Row(a, Relationship.LEQ, gamma - base));
            }
        }
        return out;
    }
}
