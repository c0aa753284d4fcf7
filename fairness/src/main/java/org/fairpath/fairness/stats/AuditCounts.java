package org.fairpath.fairness.stats;

import org.fairpath.fairness.input.AuditData;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Group counts for every grouping of an audit: each group attribute alone and every intersection of up to
 * {@code depth} attributes, computed in one pass over the rows (in parallel over row blocks). Mergeable: the counts of
 * two partial audits merged equal the counts of the union of their rows, so an audit can run partitioned.
 *
 * <p>Immutable. Only groups that occur are present.
 */
public final class AuditCounts {

    private static final int BLOCK = 1 << 16;
    /** Per group: n, selected, tp, fp, tn, fn, and a slot for cases with an unknown outcome (not reported). */
    private static final int SLOTS = 7;

    private final List<String> attributes;
    private final int depth;
    private final Map<List<String>, Map<List<String>, GroupCounts>> groups;
    private final GroupCounts overall;

    private AuditCounts(List<String> attributes, int depth, Map<List<String>, Map<List<String>, GroupCounts>> groups,
                        GroupCounts overall) {
        this.attributes = List.copyOf(attributes);
        this.depth = depth;
        this.groups = groups;
        this.overall = overall;
    }

    /**
     * Counts {@code data} for each attribute and each intersection of up to {@code depth} attributes.
     *
     * @throws IllegalArgumentException if {@code depth} is not between 1 and the number of attributes
     */
    public static AuditCounts of(AuditData data, int depth) {
        int k = data.attributes().size();
        if (depth < 1 || depth > k) {
            throw new IllegalArgumentException("depth is " + depth + "; allowed: 1 to " + k
                    + " (the number of group attributes)");
        }
        List<int[]> subsets = subsets(k, depth);
        int[][] radix = new int[subsets.size()][];
        int[] sizes = new int[subsets.size()];
        for (int s = 0; s < subsets.size(); s++) {
            int[] attrs = subsets.get(s);
            radix[s] = new int[attrs.length];
            long size = 1;
            for (int j = 0; j < attrs.length; j++) {
                radix[s][j] = (int) size;
                size *= data.levels(attrs[j]).size();
            }
            if (size * SLOTS > Integer.MAX_VALUE / 2) {
                throw new IllegalArgumentException("the intersection " + names(data, attrs) + " has " + size
                        + " possible groups; too many to count (reduce the depth or the levels)");
            }
            sizes[s] = (int) size;
        }
        int blocks = (data.rows() + BLOCK - 1) / BLOCK;
        long[][] total = IntStream.range(0, Math.max(blocks, 1)).parallel()
                .mapToObj(b -> countBlock(data, subsets, radix, sizes, b * BLOCK,
                        Math.min(data.rows(), (b + 1) * BLOCK)))
                .reduce(AuditCounts::add).orElseThrow();
        Map<List<String>, Map<List<String>, GroupCounts>> groups = new LinkedHashMap<>();
        for (int s = 0; s < subsets.size(); s++) {
            int[] attrs = subsets.get(s);
            Map<List<String>, GroupCounts> m = new TreeMap<>(AuditCounts::compareKeys);
            for (int g = 0; g < sizes[s]; g++) {
                long[] c = total[s];
                int base = g * SLOTS;
                if (c[base] == 0) {
                    continue;
                }
                List<String> key = new ArrayList<>(attrs.length);
                int rest = g;
                for (int j = attrs.length - 1; j >= 0; j--) {
                    key.add(0, data.levels(attrs[j]).get(rest / radix[s][j]));
                    rest %= radix[s][j];
                }
                m.put(Collections.unmodifiableList(key), new GroupCounts(c[base], c[base + 1], c[base + 2],
                        c[base + 3], c[base + 4], c[base + 5]));
            }
            groups.put(names(data, attrs), Collections.unmodifiableMap(m));
        }
        GroupCounts overall = GroupCounts.EMPTY;
        for (GroupCounts c : groups.get(List.of(data.attributes().get(0))).values()) {
            overall = overall.plus(c);
        }
        return new AuditCounts(data.attributes(), depth, Collections.unmodifiableMap(groups), overall);
    }

    /**
     * The counts of cases already counted by their full group (one level per attribute, e.g. streamed from a file):
     * each grouping's counts are the sums over the full groups that agree on its attributes, so they equal
     * {@link #of(AuditData, int)} on the same cases.
     *
     * @param cells full group (levels in {@code attributes} order) to its counts; groups without cases may be left out
     * @throws IllegalArgumentException if {@code depth} is not between 1 and the number of attributes, a key has not
     *                                  one level per attribute, or an intersection has too many possible groups (as
     *                                  {@link #of(AuditData, int)})
     */
    public static AuditCounts ofCells(List<String> attributes, int depth, Map<List<String>, GroupCounts> cells) {
        int k = attributes.size();
        if (depth < 1 || depth > k) {
            throw new IllegalArgumentException("depth is " + depth + "; allowed: 1 to " + k
                    + " (the number of group attributes)");
        }
        List<java.util.Set<String>> levels = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            levels.add(new java.util.HashSet<>());
        }
        for (List<String> key : cells.keySet()) {
            if (key.size() != k) {
                throw new IllegalArgumentException("group " + key + " has " + key.size() + " levels; the attributes "
                        + attributes + " need " + k);
            }
            for (int a = 0; a < k; a++) {
                levels.get(a).add(key.get(a));
            }
        }
        List<int[]> subsets = subsets(k, depth);
        Map<List<String>, Map<List<String>, GroupCounts>> groups = new LinkedHashMap<>();
        for (int[] attrs : subsets) {
            long size = 1;
            List<String> names = new ArrayList<>();
            for (int a : attrs) {
                size *= Math.max(1, levels.get(a).size());
                names.add(attributes.get(a));
            }
            if (size * SLOTS > Integer.MAX_VALUE / 2) {
                throw new IllegalArgumentException("the intersection " + names + " has " + size
                        + " possible groups; too many to count (reduce the depth or the levels)");
            }
            Map<List<String>, GroupCounts> m = new TreeMap<>(AuditCounts::compareKeys);
            cells.forEach((key, c) -> {
                if (c.n() == 0) {
                    return;
                }
                List<String> sub = new ArrayList<>(attrs.length);
                for (int a : attrs) {
                    sub.add(key.get(a));
                }
                m.merge(Collections.unmodifiableList(sub), c, GroupCounts::plus);
            });
            groups.put(Collections.unmodifiableList(names), Collections.unmodifiableMap(m));
        }
        GroupCounts overall = GroupCounts.EMPTY;
        for (GroupCounts c : groups.get(List.of(attributes.get(0))).values()) {
            overall = overall.plus(c);
        }
        if (overall.n() == 0) {
            throw new IllegalArgumentException("no cases; an audit needs at least one");
        }
        return new AuditCounts(attributes, depth, Collections.unmodifiableMap(groups), overall);
    }

    /** Confusion slot by {@code (decision << 2) | (outcome & 3)}: TN 4, FN 5, FP 3, TP 2, unknown outcome 6. */
    private static final int[] SLOT = {4, 5, 6, 6, 3, 2, 6, 6};

    private static long[][] countBlock(AuditData data, List<int[]> subsets, int[][] radix, int[] sizes, int from,
                                       int to) {
        int k = data.attributes().size();
        int[][] codes = new int[k][];
        for (int a = 0; a < k; a++) {
            codes[a] = data.codes(a);
        }
        byte[] dec = data.decisions();
        byte[] out = data.outcomes();
        int len = to - from;
        byte[] slot = new byte[len];
        for (int r = 0; r < len; r++) {
            slot[r] = (byte) SLOT[(dec[from + r] << 2) | (out[from + r] & 3)];
        }
        long[][] c = new long[subsets.size()][];
        // subset by subset over the block: each inner loop reads its attribute columns sequentially
        for (int s = 0; s < c.length; s++) {
            long[] cs = new long[sizes[s] * SLOTS];
            c[s] = cs;
            int[] as = subsets.get(s);
            int[] m = radix[s];
            switch (as.length) {
                case 1 -> {
                    int[] c0 = codes[as[0]];
                    for (int r = 0; r < len; r++) {
                        count(cs, c0[from + r] * SLOTS, dec[from + r], slot[r]);
                    }
                }
                case 2 -> {
                    int[] c0 = codes[as[0]];
                    int[] c1 = codes[as[1]];
                    int m1 = m[1];
                    for (int r = 0; r < len; r++) {
                        count(cs, (c0[from + r] + c1[from + r] * m1) * SLOTS, dec[from + r], slot[r]);
                    }
                }
                case 3 -> {
                    int[] c0 = codes[as[0]];
                    int[] c1 = codes[as[1]];
                    int[] c2 = codes[as[2]];
                    int m1 = m[1];
                    int m2 = m[2];
                    for (int r = 0; r < len; r++) {
                        count(cs, (c0[from + r] + c1[from + r] * m1 + c2[from + r] * m2) * SLOTS, dec[from + r],
                                slot[r]);
                    }
                }
                default -> {
                    for (int r = 0; r < len; r++) {
                        int g = 0;
                        for (int j = 0; j < as.length; j++) {
                            g += codes[as[j]][from + r] * m[j];
                        }
                        count(cs, g * SLOTS, dec[from + r], slot[r]);
                    }
                }
            }
        }
        return c;
    }

    private static void count(long[] cs, int base, int decision, int slot) {
        cs[base]++;
        cs[base + 1] += decision;
        cs[base + slot]++;
    }

    private static long[][] add(long[][] a, long[][] b) {
        for (int s = 0; s < a.length; s++) {
            for (int i = 0; i < a[s].length; i++) {
                a[s][i] += b[s][i];
            }
        }
        return a;
    }

    /** Every non-empty subset of {0..k-1} of size at most {@code depth}: singles first, then pairs, ... */
    private static List<int[]> subsets(int k, int depth) {
        List<int[]> out = new ArrayList<>();
        for (int size = 1; size <= depth; size++) {
            for (int mask = 1; mask < (1 << k); mask++) {
                if (Integer.bitCount(mask) == size) {
                    int[] s = new int[size];
                    int j = 0;
                    for (int a = 0; a < k; a++) {
                        if ((mask & (1 << a)) != 0) {
                            s[j++] = a;
                        }
                    }
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static List<String> names(AuditData data, int[] attrs) {
        List<String> l = new ArrayList<>();
        for (int a : attrs) {
            l.add(data.attributes().get(a));
        }
        return Collections.unmodifiableList(l);
    }

    private static int compareKeys(List<String> x, List<String> y) {
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = org.fairpath.fairness.input.Bands.ORDER.compare(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    /**
     * The counts of the union of both audits' rows.
     *
     * @throws IllegalArgumentException if the audits have other attributes or depths
     */
    public AuditCounts merge(AuditCounts other) {
        if (!attributes.equals(other.attributes) || depth != other.depth) {
            throw new IllegalArgumentException("cannot merge audits of " + attributes + " (depth " + depth + ") and "
                    + other.attributes + " (depth " + other.depth + ")");
        }
        Map<List<String>, Map<List<String>, GroupCounts>> merged = new LinkedHashMap<>();
        for (Map.Entry<List<String>, Map<List<String>, GroupCounts>> e : groups.entrySet()) {
            Map<List<String>, GroupCounts> m = new TreeMap<>(AuditCounts::compareKeys);
            m.putAll(e.getValue());
            other.groups.get(e.getKey()).forEach((k, v) -> m.merge(k, v, GroupCounts::plus));
            merged.put(e.getKey(), Collections.unmodifiableMap(m));
        }
        return new AuditCounts(attributes, depth, Collections.unmodifiableMap(merged), overall.plus(other.overall));
    }

    public List<String> attributes() {
        return attributes;
    }

    public int depth() {
        return depth;
    }

    /** The groupings: each attribute alone, then the intersections, e.g. {@code [gender]}, {@code [gender, age]}. */
    public List<List<String>> groupings() {
        return new ArrayList<>(groups.keySet());
    }

    /**
     * The counts of each group of {@code grouping}, keyed by the group's levels (in grouping order).
     *
     * @throws IllegalArgumentException naming the known groupings if it is not one of them
     */
    public Map<List<String>, GroupCounts> groups(List<String> grouping) {
        Map<List<String>, GroupCounts> m = groups.get(grouping);
        if (m == null) {
            throw new IllegalArgumentException("unknown grouping " + grouping + "; known: " + groupings());
        }
        return m;
    }

    /** The counts over all rows. */
    public GroupCounts overall() {
        return overall;
    }
}
