package org.fairpath.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Path-dependent TreeSHAP with per-leaf tables computed once per ensemble (in the spirit of FastTreeSHAP v2, Yang
 * 2021), so that explaining a row costs one pass over each leaf's path plus one table read per feature on it,
 * instead of Algorithm 2's polynomial updates at every node.
 *
 * <p>The value function of one leaf {@code l} with value {@code v}, for a set {@code S} of known columns, is
 * {@code v * prod over the distinct columns j on l's path of (j in S ? o_j : z_j)}, where {@code z_j} is the product
 * of the path's cover ratios at its splits on {@code j} and {@code o_j} is 1 when the row follows every one of those
 * splits, else 0. Columns off the path are dummies, so with {@code U} the path's {@code d} distinct columns and
 * {@code P} those with {@code o_j = 1}, the Shapley value of {@code i} in {@code U} is
 * {@code v * (o_i - z_i) * sum over S in P \ {i} of |S|! (d - 1 - |S|)! / d! * prod over j in U \ S \ {i} of z_j}.
 * With the table {@code T[R] = sum over S in R of |S|! (d - 1 - |S|)! / d! * prod over j in U \ S of z_j} (one entry
 * per subset {@code R} of {@code U}), that is {@code v (1 - z_i) / z_i * T[P \ {i}]} when {@code i} is in {@code P}
 * and {@code -v * T[P]} when it is not. Covers are never 0 ({@link TreeShapReference} floors leaves at 1e-12), so
 * {@code z_i > 0}.
 *
 * <p>A table has {@code 2^d} entries and costs {@code 3^d} operations to build; {@link #of} refuses (returns null)
 * ensembles whose tables would exceed {@link #MAX_ENTRIES} entries or {@link #MAX_BUILD} operations, and the caller
 * falls back to the reference algorithm. Agrees with {@link TreeShapReference} to about 1e-15 (tested to 1e-12).
 * Immutable and thread-safe.
 */
final class LeafTables {

    /** At most 2^22 table entries (32 MiB) per ensemble. */
    static final long MAX_ENTRIES = 1L << 22;
    /** At most 2^28 operations to build the tables. */
    static final long MAX_BUILD = 1L << 28;

    private final int width;
    /** Leaf {@code l}'s path entries are {@code pathStart[l] .. pathStart[l + 1]}. */
    private final int[] pathStart;
    private final int[] pathColumn;
    private final float[] pathThreshold;
    /** 1 when the path takes the split's "no" branch, else 0. */
    private final int[] pathNo;
    /** Index of the path entry's column among its leaf's distinct columns. */
    private final int[] pathBit;
    /** Leaf {@code l}'s distinct columns are {@code columnStart[l] .. columnStart[l + 1]}. */
    private final int[] columnStart;
    private final int[] column;
    /** {@code sign * v * (1 - z_i) / z_i} per distinct column of a leaf. */
    private final double[] known;
    /** {@code -sign * v} per leaf. */
    private final double[] unknown;
    private final int[] tableStart;
    private final double[] table;

    private LeafTables(int width, int[] pathStart, int[] pathColumn, float[] pathThreshold, int[] pathNo,
                       int[] pathBit, int[] columnStart, int[] column, double[] known, double[] unknown,
                       int[] tableStart, double[] table) {
        this.width = width;
        this.pathStart = pathStart;
        this.pathColumn = pathColumn;
        this.pathThreshold = pathThreshold;
        this.pathNo = pathNo;
        this.pathBit = pathBit;
        this.columnStart = columnStart;
        this.column = column;
        this.known = known;
        this.unknown = unknown;
        this.tableStart = tableStart;
        this.table = table;
    }

    /** The tables of {@code r}'s ensemble, or null if they would exceed {@link #MAX_ENTRIES} or {@link #MAX_BUILD}. */
    static LeafTables of(TreeShapReference r) {
        return of(r, MAX_ENTRIES);
    }

    /** As {@link #of(TreeShapReference)} with at most {@code maxEntries} entries (and 64 times as many operations). */
    static LeafTables of(TreeShapReference r, long maxEntries) {
        if (r.maxDepth() >= 64) {
            return null;
        }
        Collector c = new Collector(r, maxEntries, maxEntries * (MAX_BUILD / MAX_ENTRIES));
        int[] roots = r.roots();
        for (int k = 0; k < roots.length; k++) {
            c.visit(roots[k], r.sign()[k]);
            if (c.entries > c.maxEntries || c.build > c.maxBuild) {
                return null;
            }
        }
        return c.tables();
    }

    /** Exact per-column Shapley values of the ensemble's log-odds for {@code row}. */
    double[] columnValues(double[] row) {
        double[] phi = new double[width];
        int leaves = tableStart.length;
        for (int l = 0; l < leaves; l++) {
            int fail = 0;
            for (int k = pathStart[l]; k < pathStart[l + 1]; k++) {
                int no = (float) row[pathColumn[k]] < pathThreshold[k] ? 0 : 1;
                fail |= (no ^ pathNo[k]) << pathBit[k];
            }
            int from = columnStart[l];
            int d = columnStart[l + 1] - from;
            int p = ((1 << d) - 1) & ~fail;
            int t = tableStart[l];
            double off = unknown[l] * table[t + p];
            for (int i = 0; i < d; i++) {
                if ((p >>> i & 1) != 0) {
                    phi[column[from + i]] += known[from + i] * table[t + (p ^ (1 << i))];
                } else {
                    phi[column[from + i]] += off;
                }
            }
        }
        return phi;
    }

    /** Walks each tree once, collecting every leaf's path, distinct columns, factors and table. */
    private static final class Collector {
        private final TreeShapReference r;
        private final int[] feature;
        private final int[] yes;
        private final int[] no;
        private final double[] cover;
        private final int[] pathNode = new int[64];
        private final boolean[] pathWentNo = new boolean[64];
        private int depth;
        long entries;
        long build;
        final long maxEntries;
        final long maxBuild;
        private final List<int[]> paths = new ArrayList<>();
        private final List<Object[]> leaves = new ArrayList<>();

        Collector(TreeShapReference r, long maxEntries, long maxBuild) {
            this.r = r;
            this.maxEntries = maxEntries;
            this.maxBuild = maxBuild;
            this.feature = r.feature();
            this.yes = r.yes();
            this.no = r.no();
            this.cover = r.cover();
        }

        void visit(int n, double sign) {
            if (feature[n] < 0) {
                leaf(n, sign);
                return;
            }
            pathNode[depth] = n;
            pathWentNo[depth] = false;
            depth++;
            visit(yes[n], sign);
            pathWentNo[depth - 1] = true;
            visit(no[n], sign);
            depth--;
        }

        private void leaf(int n, double sign) {
            // distinct columns in order of first use, and z_j = product of the path's cover ratios on column j
            int[] cols = new int[depth];
            double[] z = new double[depth];
            int[] bit = new int[depth];
            int d = 0;
            for (int k = 0; k < depth; k++) {
                int parent = pathNode[k];
                int child = pathWentNo[k] ? no[parent] : yes[parent];
                int j = 0;
                while (j < d && cols[j] != feature[parent]) {
                    j++;
                }
                if (j == d) {
                    cols[d] = feature[parent];
                    z[d] = 1;
                    d++;
                }
                z[j] *= cover[child] / cover[parent];
                bit[k] = j;
            }
            if (d > 22 || entries + (1L << d) > maxEntries || build + (long) Math.pow(3, d) > maxBuild) {
                entries = Long.MAX_VALUE; // over budget: the caller falls back to the reference algorithm
                return;
            }
            double v = sign * r.value()[n];
            double[] known = new double[d];
            for (int i = 0; i < d; i++) {
                known[i] = v * (1 - z[i]) / z[i];
            }
            double[] weight = new double[d + 1]; // |S|! (d - 1 - |S|)! / d!, for |S| < d
            for (int s = 0; s < d; s++) {
                weight[s] = factorial(s) * factorial(d - 1 - s) / factorial(d);
            }
            int full = (1 << d) - 1;
            double[] product = new double[1 << d]; // product of z over a subset
            product[0] = 1;
            for (int m = 1; m <= full; m++) {
                int low = Integer.numberOfTrailingZeros(m);
                product[m] = product[m & (m - 1)] * z[low];
            }
            double[] t = new double[1 << d];
            for (int rset = 0; rset <= full; rset++) {
                double sum = 0;
                // every subset S of rset, including the empty set
                for (int s = rset; ; s = (s - 1) & rset) {
                    sum += weight[Integer.bitCount(s)] * product[full ^ s];
                    if (s == 0) {
                        break;
                    }
                }
                t[rset] = sum;
            }
            entries += t.length;
            build += (long) Math.pow(3, d);
            int[] path = new int[depth * 2];
            for (int k = 0; k < depth; k++) {
                path[2 * k] = pathNode[k];
                path[2 * k + 1] = (pathWentNo[k] ? 1 : 0) | bit[k] << 1;
            }
            paths.add(path);
            leaves.add(new Object[] {Arrays.copyOf(cols, d), known, -v, t});
        }

        private static double factorial(int n) {
            double f = 1;
            for (int i = 2; i <= n; i++) {
                f *= i;
            }
            return f;
        }

        LeafTables tables() {
            int count = leaves.size();
            int[] pathStart = new int[count + 1];
            int[] columnStart = new int[count + 1];
            int[] tableStart = new int[count];
            int pathTotal = 0;
            int columnTotal = 0;
            long tableTotal = 0;
            for (int l = 0; l < count; l++) {
                pathStart[l] = pathTotal;
                columnStart[l] = columnTotal;
                tableStart[l] = (int) tableTotal;
                pathTotal += paths.get(l).length / 2;
                columnTotal += ((int[]) leaves.get(l)[0]).length;
                tableTotal += ((double[]) leaves.get(l)[3]).length;
            }
            pathStart[count] = pathTotal;
            columnStart[count] = columnTotal;
            int[] pathColumn = new int[pathTotal];
            float[] pathThreshold = new float[pathTotal];
            int[] pathNo = new int[pathTotal];
            int[] pathBit = new int[pathTotal];
            int[] column = new int[columnTotal];
            double[] known = new double[columnTotal];
            double[] unknown = new double[count];
            double[] table = new double[(int) tableTotal];
            float[] threshold = r.threshold();
            for (int l = 0; l < count; l++) {
                int[] path = paths.get(l);
                for (int k = 0; k < path.length / 2; k++) {
                    int at = pathStart[l] + k;
                    pathColumn[at] = feature[path[2 * k]];
                    pathThreshold[at] = threshold[path[2 * k]];
                    pathNo[at] = path[2 * k + 1] & 1;
                    pathBit[at] = path[2 * k + 1] >>> 1;
                }
                Object[] leaf = leaves.get(l);
                int[] cols = (int[]) leaf[0];
                System.arraycopy(cols, 0, column, columnStart[l], cols.length);
                System.arraycopy((double[]) leaf[1], 0, known, columnStart[l], cols.length);
                unknown[l] = (double) leaf[2];
                double[] t = (double[]) leaf[3];
                System.arraycopy(t, 0, table, tableStart[l], t.length);
            }
            return new LeafTables(r.width(), pathStart, pathColumn, pathThreshold, pathNo, pathBit, columnStart,
                    column, known, unknown, tableStart, table);
        }
    }
}
