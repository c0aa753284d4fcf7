package org.fairpath.fairness.stats;

import org.fairpath.fairness.input.AuditData;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Per group, how many favourable and unfavourable cases had each distinct score: enough to compute ROC AUC, the
 * Brier score and calibration bins exactly, and mergeable by adding counts (the counts of two partitions merged
 * equal the counts of one pass over their union, whatever the partition). Immutable; build with
 * {@link #accumulator} or {@link #of(AuditData, List)}.
 *
 * <p>Exactness: AUC is the Mann-Whitney statistic (ties counted one half) kept as a whole number of half-pairs, so it
 * is exact up to 2<sup>53</sup> pairs per group; the Brier score (the mean of each case's {@code (s - y)²} as a double)
 * and each calibration bin's mean score are exact sums divided by the count and rounded once ({@link ExactSum#mean}),
 * so no result depends on the order of the rows.
 * Memory is proportional to the distinct (group, score) pairs, not to the rows: scores given to 4 decimals take at
 * most 10,001 entries per group; scores that are all different take one entry (24 bytes) per case.
 *
 * <p>Scores are probabilities in [0, 1]; -0.0 counts as 0.0 (they compare equal); NaN is refused (a case without a
 * score is left out by the caller).
 */
public final class ScoreCounts {

    private final List<String> attributes;
    /** Sorted by group ({@link #compareKeys}). */
    private final Map<List<String>, Scores> groups;
    /** All groups' counts together; worked out when first asked for unless known on construction. */
    private volatile Scores overall;
    /** {@code overall().twiceU()} when known without {@link #overall}, else -1. */
    private final long overallTwiceU;

    private ScoreCounts(List<String> attributes, Map<List<String>, Scores> groups) {
        this(attributes, groups, null, -1);
    }

    private ScoreCounts(List<String> attributes, Map<List<String>, Scores> groups, Scores overall,
                        long overallTwiceU) {
        this.attributes = List.copyOf(attributes);
        this.groups = groups;
        this.overall = overall;
        this.overallTwiceU = overallTwiceU;
    }

    /** An empty accumulator for groups of {@code attributes} (the names of the group columns, in order). */
    public static Accumulator accumulator(List<String> attributes) {
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException("attributes is empty; score counts need at least one group attribute");
        }
        requireDistinct(attributes);
        return new Accumulator(attributes);
    }

    private static void requireDistinct(List<String> attributes) {
        if (new java.util.HashSet<>(attributes).size() != attributes.size()) {
            throw new IllegalArgumentException("attributes " + attributes + " name an attribute twice; allowed: each"
                    + " attribute once");
        }
    }

    /**
     * The score counts of {@code data} by {@code grouping}: every case with a score and a known outcome, in parallel
     * over blocks of rows.
     *
     * @throws IllegalArgumentException if the data have no scores, or the grouping names an unknown attribute
     */
    public static ScoreCounts of(AuditData data, List<String> grouping) {
        return bySorting(data, grouping, attrs(data, grouping), -1, -1);
    }

    /**
     * The metrics of {@code data} by {@code grouping} ({@code bins} calibration bins): equal to
     * {@code of(data, grouping).summaries(bins)}, but without building each group's counts when the scores take
     * many distinct values and the partial sums fit: one exact sum per bin, combination of levels and range of sorted
     * scores walked (5 ranges per thread at most), at most {@value #DIRECT_SUMS} of them (about 20 MB).
     *
     * @throws IllegalArgumentException if the data have no scores, the grouping names an unknown attribute, or
     *                                  {@code bins} is below 1
     */
    public static Summaries summaries(AuditData data, List<String> grouping, int bins) {
        checkBins(bins);
        int[] attrs = attrs(data, grouping);
        CellColumns columns = CellColumns.of(data, attrs);
        int threads = ScoreSort.threads(data.rows());
        if (5L * threads * columns.cells() * bins > DIRECT_SUMS) {
            return bySorting(data, grouping, attrs, -1, -1).summaries(bins);
        }
        return summaries(data, attrs, columns, threads, ScoreSort.denseCap(columns.sizes()), bins);
    }

    /** The most partial exact sums that {@link #summaries(AuditData, List, int)} keeps while walking sorted scores. */
    static final int DIRECT_SUMS = 1 << 16;

    /** {@link #summaries(AuditData, List, int)} through the sums of {@link ScoreSort} (tests set the threads). */
    static Summaries summaries(AuditData data, int[] attrs, CellColumns columns, int threads, int denseCap,
                               int bins) {
        ScoreSort.CellSums sums = ScoreSort.sums(data.scores(), data.outcomes(), columns.cols(), columns.sizes(),
                data.rows(), threads, denseCap, bins);
        Map<List<String>, Summary> byGroup = new TreeMap<>(ScoreCounts::compareKeys);
        Sums all = new Sums(bins);
        for (int cell = 0; cell < sums.byCell().length; cell++) {
            Sums x = sums.byCell()[cell];
            if (x != null) {
                all.add(x);
                byGroup.put(group(data, attrs, columns.sizes(), cell), x.summary(x.twiceU));
            }
        }
        return new Summaries(all.summary(sums.overallTwiceU()), Collections.unmodifiableMap(byGroup));
    }

    /** The grouping's attribute indexes in {@code data}, which must have scores. */
    private static int[] attrs(AuditData data, List<String> grouping) {
        if (!data.hasScores()) {
            throw new IllegalArgumentException("the audit data have no scores; add them with AuditData.Builder.scores");
        }
        requireDistinct(grouping);
        int[] attrs = new int[grouping.size()];
        for (int j = 0; j < attrs.length; j++) {
            attrs[j] = data.attributes().indexOf(grouping.get(j));
            if (attrs[j] < 0) {
                throw new IllegalArgumentException("unknown attribute '" + grouping.get(j) + "'; known: "
                        + data.attributes());
            }
        }
        return attrs;
    }

    /** The levels of a mixed-radix cell code. */
    private static List<String> group(AuditData data, int[] attrs, int[] sizes, int cell) {
        String[] key = new String[attrs.length];
        for (int j = 0; j < attrs.length; j++) {
            key[j] = data.levels(attrs[j]).get(cell % sizes[j]);
            cell /= sizes[j];
        }
        return List.of(key);
    }

    /** The grouping's columns of level codes, their numbers of levels, and the product (the mixed-radix cells). */
    record CellColumns(int[][] cols, int[] sizes, long cells) {
        static CellColumns of(AuditData data, int[] attrs) {
            int[][] cols = new int[attrs.length][];
            int[] sizes = new int[attrs.length];
            long cells = 1;
            for (int j = 0; j < attrs.length; j++) {
                cols[j] = data.codes(attrs[j]);
                sizes[j] = data.levels(attrs[j]).size();
                cells *= sizes[j];
            }
            return new CellColumns(cols, sizes, cells);
        }
    }

    /**
     * {@link #of(AuditData, List)} through {@link ScoreSort} when the groups have at most
     * {@link ScoreSort#MAX_CELLS} combinations of levels, else {@link #byTables}; {@code threads} and
     * {@code denseCap} as in {@link ScoreSort#count(double[], byte[], int[][], int[], int, int, int)}, or -1 for the
     * defaults.
     */
    static ScoreCounts bySorting(AuditData data, List<String> grouping, int[] attrs, int threads, int denseCap) {
        CellColumns columns = CellColumns.of(data, attrs);
        int[][] cols = columns.cols();
        int[] sizes = columns.sizes();
        if (columns.cells() > ScoreSort.MAX_CELLS) {
            return byTables(data, grouping, attrs);
        }
        ScoreSort.Counts sorted = threads < 0
                ? ScoreSort.count(data.scores(), data.outcomes(), cols, sizes, data.rows())
                : ScoreSort.count(data.scores(), data.outcomes(), cols, sizes, data.rows(), threads, denseCap);
        Map<List<String>, Scores> m = new TreeMap<>(ScoreCounts::compareKeys);
        for (int cell = 0; cell < sorted.byCell().length; cell++) {
            if (sorted.byCell()[cell] != null) {
                m.put(group(data, attrs, sizes, cell), sorted.byCell()[cell]);
            }
        }
        return new ScoreCounts(grouping, Collections.unmodifiableMap(m), m.isEmpty() ? Scores.EMPTY : null,
                sorted.overallTwiceU());
    }

    /**
     * {@link #of(AuditData, List)} by adding every row to an {@link Accumulator} (one per block of rows, merged): the
     * way for groupings with more than {@link ScoreSort#MAX_CELLS} combinations of levels, and the reference that
     * the sorting way is tested against.
     */
    static ScoreCounts byTables(AuditData data, List<String> grouping, int[] attrs) {
        int block = 1 << 18;
        int blocks = Math.max(1, (data.rows() + block - 1) / block);
        CellColumns columns = CellColumns.of(data, attrs);
        int[][] cols = columns.cols();
        int[] sizes = columns.sizes();
        long cells = columns.cells();
        return IntStream.range(0, blocks).parallel().mapToObj(b -> {
            Accumulator acc = accumulator(grouping);
            double[] score = data.scores();
            byte[] outcome = data.outcomes();
            // mixed-radix cell code -> accumulator group; a map instead when the cells are too many for an array
            int[] byCell = cells <= 1 << 20 ? new int[(int) cells] : null;
            if (byCell != null) {
                Arrays.fill(byCell, -1);
            }
            Map<List<Integer>, Integer> index = new HashMap<>();
            int to = Math.min(data.rows(), (b + 1) * block);
            for (int r = b * block; r < to; r++) {
                double s = score[r];
                if (Double.isNaN(s) || outcome[r] < 0) {
                    continue;
                }
                int g;
                if (byCell != null) {
                    int cell = 0;
                    for (int j = attrs.length - 1; j >= 0; j--) {
                        cell = cell * sizes[j] + cols[j][r];
                    }
                    g = byCell[cell];
                    if (g < 0) {
                        g = acc.groupIndex(labels(data, attrs, cols, r));
                        byCell[cell] = g;
                    }
                } else {
                    List<Integer> k = new ArrayList<>(attrs.length);
                    for (int[] col : cols) {
                        k.add(col[r]);
                    }
                    int row = r;
                    g = index.computeIfAbsent(k, x -> acc.groupIndex(labels(data, attrs, cols, row)));
                }
                acc.add(g, s, outcome[r] == 1);
            }
            return acc.build();
        }).reduce(ScoreCounts::merge).orElseThrow();
    }

    private static List<String> labels(AuditData data, int[] attrs, int[][] cols, int row) {
        List<String> labels = new ArrayList<>(attrs.length);
        for (int j = 0; j < attrs.length; j++) {
            labels.add(data.levels(attrs[j]).get(cols[j][row]));
        }
        return labels;
    }

    /** The group attributes, in order. */
    public List<String> attributes() {
        return attributes;
    }

    /** The groups that hold at least one case, in level order (numbers by value, then text). */
    public List<List<String>> groups() {
        return new ArrayList<>(groups.keySet());
    }

    /**
     * The distinct scores of {@code group} with their counts.
     *
     * @throws IllegalArgumentException if the group holds no case
     */
    public Scores scores(List<String> group) {
        Scores s = groups.get(group);
        if (s == null) {
            throw new IllegalArgumentException("no cases in group " + group + "; groups: " + groups.keySet());
        }
        return s;
    }

    /** The distinct scores of every case, all groups together. */
    public Scores overall() {
        Scores all = overall;
        if (all == null) {
            all = Scores.sum(new ArrayList<>(groups.values()));
            overall = all;
        }
        return all;
    }

    /**
     * The AUC, Brier score and calibration ({@code bins} equal-width bins) of every group and of all cases, each group
     * in one pass over its counts, the groups in parallel. All cases' Brier and calibration sums are the groups' exact
     * sums added (equal to one pass over every case, as the sums are exact); their AUC needs all cases in score order,
     * which {@link #of(AuditData, List)} has already counted, or else {@link #overall()} gives.
     *
     * @throws IllegalArgumentException if {@code bins} is below 1
     */
    public Summaries summaries(int bins) {
        checkBins(bins);
        List<List<String>> keys = groups();
        Sums[] sums = new Sums[keys.size()];
        long[] twiceU = {overallTwiceU};
        // all cases first: the largest task when their counts must still be merged
        IntStream.rangeClosed(0, keys.size()).parallel().forEach(i -> {
            if (i == 0) {
                if (twiceU[0] < 0) {
                    twiceU[0] = overall().twiceU();
                }
            } else {
                sums[i - 1] = Sums.of(groups.get(keys.get(i - 1)), bins);
            }
        });
        Sums all = new Sums(bins);
        Map<List<String>, Summary> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < sums.length; i++) {
            all.add(sums[i]);
            byGroup.put(keys.get(i), sums[i].summary(sums[i].twiceU));
        }
        return new Summaries(all.summary(twiceU[0]), Collections.unmodifiableMap(byGroup));
    }

    private static void checkBins(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins is " + bins + "; allowed: 1 or more");
        }
    }

    /**
     * The metrics of all cases and of each group.
     *
     * @param overall all cases
     * @param byGroup each group holding a case, in level order
     */
    public record Summaries(Summary overall, Map<List<String>, Summary> byGroup) {
    }

    /**
     * The metrics of a set of cases.
     *
     * @param positives   favourable cases
     * @param negatives   unfavourable cases
     * @param auc         ROC AUC ({@link Scores#auc()}); NaN when either outcome is absent
     * @param brier       the Brier score ({@link Scores#brier()}); NaN without cases
     * @param calibration the calibration bins ({@link Scores#calibration(int)})
     */
    public record Summary(long positives, long negatives, double auc, double brier, List<BinCounts> calibration) {
    }

    /**
     * The counts of the union of both inputs' cases.
     *
     * @throws IllegalArgumentException if the two have other attributes
     */
    public ScoreCounts merge(ScoreCounts other) {
        if (!attributes.equals(other.attributes)) {
            throw new IllegalArgumentException("cannot merge score counts by " + attributes + " and by "
                    + other.attributes);
        }
        Map<List<String>, Scores> m = new TreeMap<>(ScoreCounts::compareKeys);
        m.putAll(groups);
        other.groups.forEach((k, v) -> m.merge(k, v, Scores::plus));
        return new ScoreCounts(attributes, Collections.unmodifiableMap(m));
    }

    /**
     * The same cases grouped by {@code subset} (attributes of this one, in any order): the groups that agree on
     * {@code subset} merged.
     *
     * @throws IllegalArgumentException naming the attribute if one is not among {@link #attributes()}
     */
    public ScoreCounts by(List<String> subset) {
        requireDistinct(subset);
        int[] pos = new int[subset.size()];
        for (int j = 0; j < pos.length; j++) {
            pos[j] = attributes.indexOf(subset.get(j));
            if (pos[j] < 0) {
                throw new IllegalArgumentException("unknown attribute '" + subset.get(j) + "'; known: "
                        + attributes);
            }
        }
        Map<List<String>, List<Scores>> parts = new TreeMap<>(ScoreCounts::compareKeys);
        groups.forEach((k, v) -> {
            List<String> key = new ArrayList<>(pos.length);
            for (int p : pos) {
                key.add(k.get(p));
            }
            parts.computeIfAbsent(Collections.unmodifiableList(key), x -> new ArrayList<>()).add(v);
        });
        Map<List<String>, Scores> m = new TreeMap<>(ScoreCounts::compareKeys);
        parts.forEach((k, v) -> m.put(k, Scores.sum(v)));
        return new ScoreCounts(subset, Collections.unmodifiableMap(m), overall, overallTwiceU);
    }

    static int compareKeys(List<String> x, List<String> y) {
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = org.fairpath.fairness.input.Bands.ORDER.compare(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoreCounts c && attributes.equals(c.attributes) && groups.equals(c.groups);
    }

    @Override
    public int hashCode() {
        return Objects.hash(attributes, groups);
    }

    /**
     * One group's distinct scores in ascending order, each with its favourable ({@code positives}) and unfavourable
     * ({@code negatives}) cases, and the metrics computed from them. Immutable.
     */
    public static final class Scores {

        static final Scores EMPTY = new Scores(new double[0], new long[0], new long[0]);

        private final double[] score;
        private final long[] pos;
        private final long[] neg;

        Scores(double[] score, long[] pos, long[] neg) {
            this.score = score;
            this.pos = pos;
            this.neg = neg;
        }

        /** The number of distinct scores. */
        public int size() {
            return score.length;
        }

        /** The {@code i}-th smallest distinct score. */
        public double score(int i) {
            return score[i];
        }

        /** The favourable cases with the {@code i}-th score. */
        public long positives(int i) {
            return pos[i];
        }

        /** The unfavourable cases with the {@code i}-th score. */
        public long negatives(int i) {
            return neg[i];
        }

        /** All favourable cases. */
        public long positives() {
            long p = 0;
            for (long x : pos) {
                p += x;
            }
            return p;
        }

        /** All unfavourable cases. */
        public long negatives() {
            long n = 0;
            for (long x : neg) {
                n += x;
            }
            return n;
        }

        /**
         * Twice the Mann-Whitney U: over every (favourable, unfavourable) pair, 2 when the favourable case scores
         * higher, 1 on a tie.
         */
        public long twiceU() {
            long u = 0;
            long below = 0;
            for (int i = 0; i < score.length; i++) {
                u = Math.addExact(u, Math.multiplyExact(pos[i], Math.addExact(2 * below, neg[i])));
                below += neg[i];
            }
            return u;
        }

        /**
         * ROC AUC: the probability that a favourable case scores above an unfavourable one, ties counted one half;
         * NaN when either outcome is absent.
         */
        public double auc() {
            long p = positives();
            long n = negatives();
            if (p == 0 || n == 0) {
                return Double.NaN;
            }
            return twiceU() / 2.0 / ((double) p * n);
        }

        /** Mean of {@code (s - y)²} with y = 1 for favourable cases, 0 otherwise; NaN without cases. */
        public double brier() {
            return Sums.of(this, 1).brier();
        }

        /**
         * {@code bins} equal-width calibration bins: bin {@code b} holds scores {@code s} with
         * {@code min(bins - 1, (int) (s * bins)) == b}.
         */
        public List<BinCounts> calibration(int bins) {
            checkBins(bins);
            return Sums.of(this, bins).bins();
        }

        /**
         * The counts of all of {@code parts} (not changed), merged pairwise in rounds so that each entry is copied about
         * log2(parts) times, not once per part.
         */
        static Scores sum(List<Scores> parts) {
            if (parts.isEmpty()) {
                return EMPTY;
            }
            while (parts.size() > 1) {
                List<Scores> next = new ArrayList<>((parts.size() + 1) / 2);
                for (int i = 0; i < parts.size(); i += 2) {
                    next.add(i + 1 < parts.size() ? parts.get(i).plus(parts.get(i + 1)) : parts.get(i));
                }
                parts = next;
            }
            return parts.get(0);
        }

        /** The counts of both, score by score (a merge of two sorted lists). */
        Scores plus(Scores o) {
            int n = score.length + o.score.length;
            double[] s = new double[n];
            long[] p = new long[n];
            long[] q = new long[n];
            int i = 0;
            int j = 0;
            int k = 0;
            while (i < score.length || j < o.score.length) {
                int c = i == score.length ? 1 : j == o.score.length ? -1 : Double.compare(score[i], o.score[j]);
                if (c <= 0) {
                    s[k] = score[i];
                    p[k] = pos[i];
                    q[k] = neg[i];
                    i++;
                    if (c == 0) {
                        p[k] += o.pos[j];
                        q[k] += o.neg[j];
                        j++;
                    }
                } else {
                    s[k] = o.score[j];
                    p[k] = o.pos[j];
                    q[k] = o.neg[j];
                    j++;
                }
                k++;
            }
            return k == n ? new Scores(s, p, q) : new Scores(Arrays.copyOf(s, k), Arrays.copyOf(p, k),
                    Arrays.copyOf(q, k));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Scores x && Arrays.equals(score, x.score) && Arrays.equals(pos, x.pos)
                    && Arrays.equals(neg, x.neg);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(score) * 31 + Arrays.hashCode(pos);
        }
    }

    /**
     * The sums behind the metrics of a set of cases, from one pass over its counts; those of disjoint sets add up
     * (all but twice U, which needs the sets' scores in one order).
     */
    static final class Sums {
        long positives;
        long negatives;
        long twiceU;
        final long[] cases;
        final long[] favourable;
        /** Per bin, the exact sum of its scores. */
        final ExactSum[] scoreSum;
        /** The exact sum of {@code (s - y)²}. */
        final ExactSum squares = new ExactSum();

        Sums(int bins) {
            cases = new long[bins];
            favourable = new long[bins];
            scoreSum = new ExactSum[bins];
            for (int b = 0; b < bins; b++) {
                scoreSum[b] = new ExactSum();
            }
        }

        static Sums of(Scores s, int bins) {
            Sums x = new Sums(bins);
            long u = 0;
            long below = 0;
            long p = 0;
            for (int i = 0; i < s.score.length; i++) {
                double v = s.score[i];
                long pi = s.pos[i];
                long ni = s.neg[i];
                u = Math.addExact(u, Math.multiplyExact(pi, Math.addExact(2 * below, ni)));
                below += ni;
                p += pi;
                int b = Math.min(bins - 1, (int) (v * bins));
                x.cases[b] += pi + ni;
                x.favourable[b] += pi;
                x.scoreSum[b].add(v, pi + ni);
                x.squares.add((v - 1) * (v - 1), pi);
                x.squares.add(v * v, ni);
            }
            x.positives = p;
            x.negatives = below;
            x.twiceU = u;
            return x;
        }

        /** Adds the sums of a later set of cases, every one scored above every case counted here: twice U too. */
        void then(Sums later) {
            twiceU = Math.addExact(twiceU, Math.addExact(later.twiceU, Math.multiplyExact(later.positives,
                    2 * negatives)));
            add(later);
        }

        /** Adds the sums of a disjoint set of cases (not twice U). */
        void add(Sums o) {
            positives += o.positives;
            negatives += o.negatives;
            for (int b = 0; b < cases.length; b++) {
                cases[b] += o.cases[b];
                favourable[b] += o.favourable[b];
                scoreSum[b].add(o.scoreSum[b]);
            }
            squares.add(o.squares);
        }

        double brier() {
            long n = positives + negatives;
            return n == 0 ? Double.NaN : squares.mean(n);
        }

        List<BinCounts> bins() {
            List<BinCounts> out = new ArrayList<>(cases.length);
            for (int b = 0; b < cases.length; b++) {
                out.add(new BinCounts(cases[b], favourable[b], cases[b] == 0 ? Double.NaN
                        : scoreSum[b].mean(cases[b])));
            }
            return Collections.unmodifiableList(out);
        }

        Summary summary(long twiceU) {
            double auc = positives == 0 || negatives == 0 ? Double.NaN
                    : twiceU / 2.0 / ((double) positives * negatives);
            return new Summary(positives, negatives, auc, brier(), bins());
        }
    }

    /**
     * One calibration bin's counts.
     *
     * @param cases     cases in the bin
     * @param positives favourable cases in the bin
     * @param meanScore the mean score (the exact sum divided by {@code cases}, rounded once); NaN when empty
     */
    public record BinCounts(long cases, long positives, double meanScore) {
    }

    /**
     * Collects cases group by group; not thread-safe (give each thread its own and {@link ScoreCounts#merge} the
     * results). Each group's distinct scores live in an open-addressing table keyed by the score's bits, so adding a
     * case allocates nothing once its score was seen.
     */
    public static final class Accumulator {
        private final List<String> attributes;
        private final Map<List<String>, Integer> index = new LinkedHashMap<>();
        private final List<Table> tables = new ArrayList<>();

        private Accumulator(List<String> attributes) {
            this.attributes = List.copyOf(attributes);
        }

        /**
         * The index of {@code group} (its levels, one per attribute) for {@link #add(int, double, boolean)}, added if
         * new.
         *
         * @throws IllegalArgumentException if the group has not one level per attribute, or a null level
         */
        public int groupIndex(List<String> group) {
            Integer g = index.get(group);
            if (g != null) {
                return g;
            }
            if (group.size() != attributes.size()) {
                throw new IllegalArgumentException("group " + group + " has " + group.size() + " levels; the"
                        + " attributes " + attributes + " need " + attributes.size());
            }
            List<String> key = List.copyOf(group); // refuses null levels
            index.put(key, tables.size());
            tables.add(new Table());
            return tables.size() - 1;
        }

        /**
         * Adds one case.
         *
         * @throws IllegalArgumentException if the score is not in [0, 1] (NaN included) or the index unknown
         */
        public Accumulator add(int group, double score, boolean favourable) {
            return add(group, score, favourable ? 1 : 0, favourable ? 0 : 1);
        }

        /**
         * Adds {@code positives} favourable and {@code negatives} unfavourable cases with {@code score} (e.g. read
         * back from an exchange of counts).
         *
         * @throws IllegalArgumentException if the score is not in [0, 1] (NaN included), a count is negative or the
         *                                  index unknown
         */
        public Accumulator add(int group, double score, long positives, long negatives) {
            if (!(score >= 0 && score <= 1)) {
                throw new IllegalArgumentException("score is " + score + "; allowed: a probability from 0 to 1");
            }
            if (positives < 0 || negatives < 0) {
                throw new IllegalArgumentException("counts are " + positives + " and " + negatives
                        + "; allowed: 0 or more");
            }
            if (group < 0 || group >= tables.size()) {
                throw new IllegalArgumentException("group index " + group + " is unknown; allowed: 0 to "
                        + (tables.size() - 1) + " (from groupIndex)");
            }
            if (positives + negatives > 0) {
                tables.get(group).add(score + 0.0, positives, negatives); // + 0.0 turns -0.0 into 0.0
            }
            return this;
        }

        /** Adds one case of {@code group} (its levels). */
        public Accumulator add(List<String> group, double score, boolean favourable) {
            return add(groupIndex(group), score, favourable);
        }

        /** The counts so far; the accumulator may go on collecting. */
        public ScoreCounts build() {
            Map<List<String>, Scores> m = new TreeMap<>(ScoreCounts::compareKeys);
            index.forEach((k, g) -> {
                Scores s = tables.get(g).sorted();
                if (s.size() > 0) {
                    m.put(k, s);
                }
            });
            return new ScoreCounts(attributes, Collections.unmodifiableMap(m));
        }
    }

    /** Open addressing on a score's bits (never -1L for a score in [0, 1]); linear probing; load at most 1/2. */
    private static final class Table {
        private static final long FREE = -1L;
        private long[] keys = filled(16);
        private long[] pos = new long[16];
        private long[] neg = new long[16];
        private int size;

        /** The top bits of a Fibonacci hash: its middle bits spread the bits of decimal fractions badly. */
        private static int slot(long bits, int mask) {
            return (int) ((bits * 0x9E3779B97F4A7C15L) >>> (64 - Integer.bitCount(mask))) & mask;
        }

        private static long[] filled(int n) {
            long[] k = new long[n];
            Arrays.fill(k, FREE);
            return k;
        }

        void add(double score, long p, long n) {
            long bits = Double.doubleToRawLongBits(score);
            int mask = keys.length - 1;
            int i = slot(bits, mask);
            while (keys[i] != FREE && keys[i] != bits) {
                i = (i + 1) & mask;
            }
            if (keys[i] == FREE) {
                keys[i] = bits;
                size++;
                pos[i] = p;
                neg[i] = n;
                if (size * 2 > keys.length) {
                    grow();
                }
                return;
            }
            pos[i] = Math.addExact(pos[i], p);
            neg[i] = Math.addExact(neg[i], n);
        }

        private void grow() {
            long[] ok = keys;
            long[] op = pos;
            long[] on = neg;
            keys = filled(ok.length * 2);
            pos = new long[ok.length * 2];
            neg = new long[ok.length * 2];
            size = 0;
            for (int i = 0; i < ok.length; i++) {
                if (ok[i] != FREE) {
                    add(Double.longBitsToDouble(ok[i]), op[i], on[i]);
                }
            }
        }

        /** Bits of non-negative doubles sort like the doubles. */
        Scores sorted() {
            long[] k = new long[size];
            int j = 0;
            for (long key : keys) {
                if (key != FREE) {
                    k[j++] = key;
                }
            }
            Arrays.sort(k);
            double[] s = new double[size];
            long[] p = new long[size];
            long[] n = new long[size];
            int mask = keys.length - 1;
            for (int t = 0; t < size; t++) {
                s[t] = Double.longBitsToDouble(k[t]);
                int i = slot(k[t], mask);
                while (keys[i] != k[t]) {
                    i = (i + 1) & mask;
                }
                p[t] = pos[i];
                n[t] = neg[i];
            }
            return new Scores(s, p, n);
        }
    }
}
