package org.fairpath.core.allocation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Allocates a cohort's programme places: at most one service per jobseeker, only services they are eligible for, no
 * service beyond its capacity, maximising the {@link Objective} summed over the cohort, optionally under
 * {@link GroupConstraint}s.
 *
 * <p><b>Exact without group constraints.</b> The capacity-only problem is a transportation problem with few
 * options; it is solved exactly by successive longest-gain paths over the option nodes, and its objective equals
 * the linear programme's optimum (tested against Commons Math's simplex on generated instances).
 *
 * <p><b>Group constraints</b> are priced by Lagrangian relaxation on top of the same exact assignment; the result
 * reports the LP bound, the gap of the whole-place allocation to it, and any constraint missed by whole places
 * ({@link AllocationResult#violations()}). A gap constraint no allocation within the capacities can meet is refused
 * with an error naming the groups and the full services.
 *
 * <p><b>Reproducible.</b> Jobseekers are processed in the order of their ids, so the same cohort in any order gives
 * the same allocation; equal values go to the smaller id and the earlier service.
 */
public final class Allocator {

    static final double TOLERANCE = 1e-9;

    private Allocator() {
    }

    /**
     * Allocates {@code cohort} under {@code settings}.
     *
     * @throws IllegalArgumentException for a capacity or constraint naming an unknown service or attribute, or a
     *                                  gap constraint no allocation can meet (naming groups, services and what to
     *                                  change)
     */
    public static AllocationResult allocate(Cohort cohort, AllocationSettings settings) {
        List<String> services = cohort.services();
        int n = cohort.size();
        int m = services.size() + 1;
        long[] capacity = new long[m];
        Arrays.fill(capacity, Long.MAX_VALUE);
        for (Map.Entry<String, Long> e : settings.capacities().entrySet()) {
            int s = services.indexOf(e.getKey());
            if (s < 0) {
                throw new IllegalArgumentException("capacity given for unknown service '" + e.getKey()
                        + "'; known services: " + services);
            }
            capacity[s + 1] = e.getValue();
        }
        for (GroupConstraint c : settings.constraints()) {
            if (!cohort.groups().containsKey(c.attribute())) {
                throw new IllegalArgumentException("constraint " + c + ": attribute '" + c.attribute()
                        + "' has no groups in the cohort; known grouping attributes: "
                        + new TreeSet<>(cohort.groups().keySet()));
            }
            if (c instanceof GroupConstraint.ServiceShare share && !services.contains(share.service())) {
                throw new IllegalArgumentException("constraint " + c + ": unknown service '" + share.service()
                        + "'; known services: " + services);
            }
        }
        // internal order: by id, so that input order never matters
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, Comparator.comparing(cohort.ids()::get));
        int[] perm = new int[n];
        for (int r = 0; r < n; r++) {
            perm[r] = boxed[r];
        }
        Objective objective = settings.objective();
        double[] value = new double[n * m];
        double[] uplift = new double[n * m];
        for (int r = 0; r < n; r++) {
            int i = perm[r];
            double p0 = cohort.pWithout(i);
            for (int s = 1; s < m; s++) {
                double p = cohort.pWith(i, s - 1);
                value[r * m + s] = Double.isNaN(p) ? Double.NEGATIVE_INFINITY : objective.gain(p, p0);
                uplift[r * m + s] = Double.isNaN(p) ? 0 : p - p0;
            }
        }
        int[] best = new int[n];
        double unconstrainedObjective = 0;
        for (int r = 0; r < n; r++) {
            int b = 0;
            for (int s = 1; s < m; s++) {
                if (value[r * m + s] > value[r * m + b]) {
                    b = s;
                }
            }
            best[r] = b;
            unconstrainedObjective += value[r * m + b];
        }
        int[] capOnly = Transport.solve(n, m, value, capacity);
        double capObjective = Lagrange.objective(value, capOnly, m);
        int[] chosen = capOnly;
        double objectiveValue = capObjective;
        double bound = capObjective;
        int iterations = 0;
        boolean converged = true;
        int moves = 0;
        List<AllocationResult.Violation> violations = new ArrayList<>();
        if (!settings.constraints().isEmpty()) {
            List<Rows> rows = rows(cohort, settings.constraints(), perm, m, uplift);
            checkGapsReachable(cohort, rows, n, m, value, capacity, capOnly);
            Lagrange.Outcome out = Lagrange.solve(n, m, value, capacity, rows, TOLERANCE);
            chosen = out.assign();
            objectiveValue = Lagrange.objective(value, chosen, m);
            bound = out.bound();
            iterations = out.iterations();
            converged = out.converged();
            moves = out.repairMoves();
            for (Rows row : rows) {
                double slack = row.slack(chosen, m);
                if (slack > TOLERANCE) {
                    violations.add(violation(row, slack, services));
                }
            }
        }
        int[] option = new int[n];
        int[] capacityOnly = new int[n];
        int[] unconstrained = new int[n];
        for (int r = 0; r < n; r++) {
            option[perm[r]] = chosen[r];
            capacityOnly[perm[r]] = capOnly[r];
            unconstrained[perm[r]] = best[r];
        }
        return new AllocationResult(cohort, settings, capacity, option, capacityOnly, unconstrained, objectiveValue,
                capObjective, unconstrainedObjective, bound, iterations, converged, moves, violations);
    }

    private static AllocationResult.Violation violation(Rows row, double slack, List<String> services) {
        String label = row.groupLabels[row.g];
        if (row.kind == Rows.Kind.GAP) {
            return new AllocationResult.Violation(row.source.toString(), label + " vs " + row.groupLabels[row.h], "",
                    slack / row.scale);
        }
        return new AllocationResult.Violation(row.source.toString(),
                label + (row.kind == Rows.Kind.SHARE_UPPER ? " (too many)" : " (too few)"),
                services.get(row.option - 1), slack / row.scale);
    }

    /** The constraint rows, in the internal (by id) order. */
    static List<Rows> rows(Cohort cohort, List<GroupConstraint> constraints, int[] perm, int m, double[] uplift) {
        int n = perm.length;
        List<Rows> rows = new ArrayList<>();
        for (GroupConstraint c : constraints) {
            List<String> labels = cohort.groups().get(c.attribute());
            String[] levels = new TreeSet<>(labels).toArray(new String[0]);
            int[] groupOf = new int[n];
            for (int r = 0; r < n; r++) {
                groupOf[r] = Arrays.binarySearch(levels, labels.get(perm[r]));
            }
            int groups = levels.length;
            if (c instanceof GroupConstraint.ServiceShare share) {
                int option = cohort.services().indexOf(share.service()) + 1;
                long[] eligible = new long[groups];
                long total = 0;
                for (int r = 0; r < n; r++) {
                    if (cohort.eligible(perm[r], option - 1)) {
                        eligible[groupOf[r]]++;
                        total++;
                    }
                }
                if (total == 0) {
                    continue;
                }
                double d = share.maxDistance();
                for (int g = 0; g < groups; g++) {
                    double e = (double) eligible[g] / total;
                    if (e + d < 1) {
                        rows.add(new Rows(Rows.Kind.SHARE_UPPER, c, groupOf, levels, g, -1, option, 1 - (e + d),
                                -(e + d), 0, 1, null));
                    }
                    if (e - d > 0) {
                        rows.add(new Rows(Rows.Kind.SHARE_LOWER, c, groupOf, levels, g, -1, option, (e - d) - 1,
                                e - d, 0, 1, null));
                    }
                }
            } else if (c instanceof GroupConstraint.EmploymentGap gap) {
                long[] size = new long[groups];
                double[] p0 = new double[groups];
                for (int r = 0; r < n; r++) {
                    size[groupOf[r]]++;
                    p0[groupOf[r]] += cohort.pWithout(perm[r]);
                }
                for (int g = 0; g < groups; g++) {
                    p0[g] /= size[g];
                }
                for (int g = 0; g < groups; g++) {
                    for (int h = 0; h < groups; h++) {
                        if (g == h) {
                            continue;
                        }
                        double sc = Math.min(size[g], size[h]);
                        rows.add(new Rows(Rows.Kind.GAP, c, groupOf, levels, g, h, -1, sc / size[g], -sc / size[h],
                                sc * (gap.maxGap() - (p0[g] - p0[h])), sc, uplift));
                    }
                }
            }
        }
        return rows;
    }

    /** Refuses a gap constraint that no allocation within the capacities meets, even alone. */
    private static void checkGapsReachable(Cohort cohort, List<Rows> rows, int n, int m, double[] value,
                                           long[] capacity, int[] capOnly) {
        double[] v = new double[n * m];
        for (Rows row : rows) {
            if (row.kind != Rows.Kind.GAP || row.slack(capOnly, m) <= Allocator.TOLERANCE) {
                continue; // the capacity-only allocation meets the row, so some allocation does
            }
            for (int r = 0; r < n; r++) {
                for (int s = 0; s < m; s++) {
                    v[r * m + s] = s == 0 ? 0
                            : value[r * m + s] == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY
                            : -row.a(r, s, m);
                }
            }
            int[] x = Transport.solve(n, m, v, capacity);
            double slack = row.slack(x, m);
            if (slack > Allocator.TOLERANCE) {
                GroupConstraint.EmploymentGap gap = (GroupConstraint.EmploymentGap) row.source;
                double smallest = gap.maxGap() + slack / row.scale;
                long[] count = new long[m];
                for (int o : x) {
                    count[o]++;
                }
                List<String> full = new ArrayList<>();
                for (int s = 1; s < m; s++) {
                    if (capacity[s] != Long.MAX_VALUE && count[s] >= capacity[s]) {
                        full.add(cohort.services().get(s - 1) + " (" + capacity[s] + " places)");
                    }
                }
                throw new IllegalArgumentException(String.format(Locale.ROOT, "constraint %s cannot be met: the"
                                + " expected employment rate of %s=%s stays at least %.2f points above %s=%s under"
                                + " any allocation within these capacities%s; allow a gap of at least %.4f or %s",
                        gap, gap.attribute(), row.groupLabels[row.g], 100 * smallest, gap.attribute(),
                        row.groupLabels[row.h],
                        full.isEmpty() ? " (no service is full: the services cannot close it)"
                                : "; full services: " + String.join(", ", full),
                        smallest, full.isEmpty() ? "use another constraint" : "add places in those services"));
            }
        }
    }
}
