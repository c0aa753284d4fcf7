package org.fairpath.fairness.stats;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.fairpath.fairness.stats.ScoreCounts.Scores;

/**
 * The score counts of rows held in memory, by cell (a mixed-radix code of the group columns' codes), without hashing
 * every row. While the scores take few distinct values, one pass counts them by a dense code (a histogram per cell).
 * Otherwise the usable rows' keys (a score's bits, then the outcome bit), each packed with its cell code into one
 * {@code long}, are spread over buckets by their top bits and each bucket is sorted on its own in cache; two walks over
 * the sorted keys then give each cell's counts and the overall Mann-Whitney U. Both ways give exactly the counts that
 * adding each row to a {@link ScoreCounts.Accumulator} gives (tested against it).
 *
 * <p>A non-negative double's bits order like the double, so {@code bits << 1 | favourable} sorts by score, then by
 * outcome; -0.0 is made 0.0 before taking the bits, as in the accumulator.
 */
final class ScoreSort {

    /** Most cells: a cell code takes at most 16 bits of a packed key. */
    static final int MAX_CELLS = 1 << 16;
    /** Most distinct scores per chunk of rows counted in dense histograms; beyond that, the radix sort. */
    static final int DENSE_SCORES = 1 << 16;
    /** Most histogram entries (cells x distinct scores x 2) per chunk. */
    static final int DENSE_ENTRIES = 1 << 23;
    /** Usable rows of a chunk after which mostly distinct scores end the dense counting. */
    static final int LOOK = 1 << 14;
    /** Fewest rows per chunk worth a thread of its own. */
    private static final int MIN_CHUNK = 1 << 16;

    /**
     * The counts of each cell (null where a cell has no usable row) and, of all usable rows together, twice the
     * Mann-Whitney U (the overall counts themselves are the cells' added, left to {@link ScoreCounts#overall()}).
     *
     * @param byCell        per cell code
     * @param overallTwiceU {@link Scores#twiceU()} of all usable rows
     */
    record Counts(Scores[] byCell, long overallTwiceU) {
    }

    private ScoreSort() {
    }

    /** One chunk's first pass. */
    private static final class Chunk {
        final int from;
        final int to;
        int usable;
        long or;
        long and = -1L;
        Dense dense;

        Chunk(int from, int to) {
            this.from = from;
            this.to = to;
        }
    }

    /**
     * Counts rows {@code [0, rows)} whose score is not NaN and whose outcome is known (0 or 1), by the cell of
     * {@code cols} (cell = sum of code times the product of the sizes of the columns before it).
     */
    static Counts count(double[] score, byte[] outcome, int[][] cols, int[] sizes, int rows) {
        return count(score, outcome, cols, sizes, rows, threads(rows), denseCap(sizes));
    }

    /**
     * {@link #count(double[], byte[], int[][], int[], int)} in {@code threads} chunks of rows, counting densely while
     * each chunk holds at most {@code denseCap} distinct scores (tests set both).
     */
    static Counts count(double[] score, byte[] outcome, int[][] cols, int[] sizes, int rows, int threads,
                        int denseCap) {
        Prepared p = prepare(score, outcome, cols, sizes, rows, threads, denseCap);
        return p.sorted == null ? p.dense : runs(p.sorted);
    }

    /**
     * The metric sums of each cell (null where a cell has no usable row; {@code bins} calibration bins) and the
     * overall Mann-Whitney U of the rows that {@link #count(double[], byte[], int[][], int[], int)} counts, equal to
     * those {@link ScoreCounts.Sums#of} gives from its counts; when the scores are sorted, the sums come from the sorted
     * keys without building each cell's counts.
     */
    static CellSums sums(double[] score, byte[] outcome, int[][] cols, int[] sizes, int rows, int threads,
                         int denseCap, int bins) {
        Prepared p = prepare(score, outcome, cols, sizes, rows, threads, denseCap);
        if (p.sorted != null) {
            return sumWalks(p.sorted, bins);
        }
        ScoreCounts.Sums[] byCell = new ScoreCounts.Sums[p.dense.byCell().length];
        for (int g = 0; g < byCell.length; g++) {
            if (p.dense.byCell()[g] != null) {
                byCell[g] = ScoreCounts.Sums.of(p.dense.byCell()[g], bins);
            }
        }
        return new CellSums(byCell, p.dense.overallTwiceU());
    }

    /**
     * Each cell's sums and the overall U.
     *
     * @param byCell        per cell code, null where the cell has no usable row
     * @param overallTwiceU {@link Scores#twiceU()} of all usable rows
     */
    record CellSums(ScoreCounts.Sums[] byCell, long overallTwiceU) {
    }

    /** The default number of chunks of rows: one per processor, each of at least {@link #MIN_CHUNK} rows. */
    static int threads(int rows) {
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), rows / MIN_CHUNK));
    }

    /** The default cap on distinct scores counted densely: at most {@link #DENSE_ENTRIES} histogram entries. */
    static int denseCap(int[] sizes) {
        return Math.max(1, Math.min(DENSE_SCORES, DENSE_ENTRIES / 2 / Math.max(1, cells(sizes))));
    }

    static int cells(int[] sizes) {
        int cells = 1;
        for (int s : sizes) {
            cells = Math.multiplyExact(cells, s);
        }
        return cells;
    }

    /** The dense counts, or else the sorted keys (then {@code dense} is null). */
    private record Prepared(Counts dense, Sorted sorted) {
    }

    private static Prepared prepare(double[] score, byte[] outcome, int[][] cols, int[] sizes, int rows, int threads,
                                    int denseCap) {
        int cells = cells(sizes);
        if (cells > MAX_CELLS) {
            throw new IllegalArgumentException("cells is " + cells + "; allowed: at most " + MAX_CELLS);
        }
        Chunk[] chunks = new Chunk[threads];
        for (int t = 0; t < threads; t++) {
            chunks[t] = new Chunk((int) ((long) rows * t / threads), (int) ((long) rows * (t + 1) / threads));
        }
        IntStream.range(0, threads).parallel().forEach(t -> {
            Chunk c = chunks[t];
            c.dense = new Dense(cells, denseCap);
            countDense(score, outcome, cols, sizes, c);
        });
        boolean dense = true;
        for (Chunk c : chunks) {
            dense &= c.dense != null;
        }
        if (dense) {
            return new Prepared(fromDense(chunks, cells), null);
        }
        // too many distinct scores somewhere: sort keys instead
        IntStream.range(0, threads).parallel().forEach(t -> scan(score, outcome, chunks[t]));
        Sorted sorted = sorted(score, outcome, cols, sizes, chunks, cells);
        return sorted == null ? new Prepared(new Counts(new Scores[cells], 0), null) : new Prepared(null, sorted);
    }

    /** The key of a usable row: its score's bits (-0.0 as 0.0), then its outcome bit. */
    private static long key(double score, byte outcome) {
        return Double.doubleToRawLongBits(score + 0.0) << 1 | outcome;
    }

    private static boolean usable(double score, byte outcome) {
        return !Double.isNaN(score) && outcome >= 0;
    }

    private static int cellOf(int[][] cols, int[] sizes, int r) {
        int cell = 0;
        for (int j = cols.length - 1; j >= 0; j--) {
            cell = cell * sizes[j] + cols[j][r];
        }
        return cell;
    }

    /**
     * Counts densely until the chunk holds more distinct scores than the cap, or its first {@value #LOOK} usable rows
     * hold more than 90% distinct scores (then more distinct scores than the cap are likely to come); then gives up
     * (null dense counts).
     */
    private static void countDense(double[] score, byte[] outcome, int[][] cols, int[] sizes, Chunk c) {
        Dense d = c.dense;
        int seen = 0;
        for (int r = c.from; r < c.to; r++) {
            double s = score[r];
            byte y = outcome[r];
            if (!usable(s, y)) {
                continue;
            }
            if (!d.add(Double.doubleToRawLongBits(s + 0.0), cellOf(cols, sizes, r), y)
                    || ++seen == LOOK && d.size > LOOK / 10 * 9) {
                c.dense = null;
                return;
            }
        }
    }

    /** The chunk's usable rows: how many, and the or and the and of their keys. */
    private static void scan(double[] score, byte[] outcome, Chunk c) {
        int usable = 0;
        long or = 0;
        long and = -1L;
        for (int r = c.from; r < c.to; r++) {
            if (usable(score[r], outcome[r])) {
                long k = key(score[r], outcome[r]);
                usable++;
                or |= k;
                and &= k;
            }
        }
        c.usable = usable;
        c.or = or;
        c.and = and;
    }

    /** Distinct score bits of one chunk to dense codes, with counts by (code, cell, outcome). */
    static final class Dense {
        private static final long FREE = -1L;
        private final int cells;
        private final int cap;
        private long[] keys = filled(256);
        private int[] codes = new int[256];
        private long[] bitsOf = new long[64];
        private int size;
        /** (code * cells + cell) * 2 + outcome. */
        private int[] counts;

        Dense(int cells, int cap) {
            this.cells = cells;
            this.cap = cap;
            this.counts = new int[64 * cells * 2];
        }

        private static long[] filled(int n) {
            long[] k = new long[n];
            Arrays.fill(k, FREE);
            return k;
        }

        private static int slot(long bits, int mask) {
            return (int) ((bits * 0x9E3779B97F4A7C15L) >>> (64 - Integer.bitCount(mask))) & mask;
        }

        /** Counts one row; false (nothing counted) if its score would pass the cap of distinct scores. */
        boolean add(long bits, int cell, int y) {
            int mask = keys.length - 1;
            int i = slot(bits, mask);
            long k;
            while ((k = keys[i]) != bits && k != FREE) {
                i = (i + 1) & mask;
            }
            int code;
            if (k == FREE) {
                if (size == cap) {
                    return false;
                }
                code = size++;
                keys[i] = bits;
                codes[i] = code;
                if (code == bitsOf.length) {
                    bitsOf = Arrays.copyOf(bitsOf, code * 2);
                    counts = Arrays.copyOf(counts, code * 2 * cells * 2);
                }
                bitsOf[code] = bits;
                if (size * 2 > keys.length) {
                    grow();
                }
            } else {
                code = codes[i];
            }
            counts[(code * cells + cell) * 2 + y]++;
            return true;
        }

        private void grow() {
            long[] ok = keys;
            int[] oc = codes;
            keys = filled(ok.length * 2);
            codes = new int[ok.length * 2];
            int mask = keys.length - 1;
            for (int j = 0; j < ok.length; j++) {
                if (ok[j] != FREE) {
                    int i = slot(ok[j], mask);
                    while (keys[i] != FREE) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = ok[j];
                    codes[i] = oc[j];
                }
            }
        }
    }

    /** Joins the chunks' dense counts: the union of their distinct scores, sorted, then per cell the non-zero ones. */
    private static Counts fromDense(Chunk[] chunks, int cells) {
        int total = 0;
        for (Chunk c : chunks) {
            total += c.dense.size;
        }
        long[] all = new long[total];
        int w = 0;
        for (Chunk c : chunks) {
            System.arraycopy(c.dense.bitsOf, 0, all, 0 + w, c.dense.size);
            w += c.dense.size;
        }
        Arrays.sort(all);
        int distinct = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                all[distinct++] = all[i];
            }
        }
        long[] bits = Arrays.copyOf(all, distinct);
        int[][] rank = new int[chunks.length][];
        for (int t = 0; t < chunks.length; t++) {
            Dense d = chunks[t].dense;
            rank[t] = new int[d.size];
            for (int code = 0; code < d.size; code++) {
                rank[t][code] = Arrays.binarySearch(bits, d.bitsOf[code]);
            }
        }
        long[] pos = new long[distinct];
        long[] neg = new long[distinct];
        long[] allPos = new long[distinct];
        long[] allNeg = new long[distinct];
        Scores[] byCell = new Scores[cells];
        for (int g = 0; g < cells; g++) {
            Arrays.fill(pos, 0);
            Arrays.fill(neg, 0);
            for (int t = 0; t < chunks.length; t++) {
                Dense d = chunks[t].dense;
                for (int code = 0; code < d.size; code++) {
                    int at = (code * cells + g) * 2;
                    pos[rank[t][code]] += d.counts[at + 1];
                    neg[rank[t][code]] += d.counts[at];
                }
            }
            byCell[g] = nonZero(bits, pos, neg);
            for (int i = 0; i < distinct; i++) {
                allPos[i] += pos[i];
                allNeg[i] += neg[i];
            }
        }
        Scores overall = nonZero(bits, allPos, allNeg);
        return new Counts(byCell, overall == null ? 0 : overall.twiceU());
    }

    /** The scores with a case; null when none has. */
    private static Scores nonZero(long[] bits, long[] pos, long[] neg) {
        int n = 0;
        for (int i = 0; i < bits.length; i++) {
            if (pos[i] + neg[i] > 0) {
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        double[] s = new double[n];
        long[] p = new long[n];
        long[] q = new long[n];
        int j = 0;
        for (int i = 0; i < bits.length; i++) {
            if (pos[i] + neg[i] > 0) {
                s[j] = Double.longBitsToDouble(bits[i]);
                p[j] = pos[i];
                q[j] = neg[i];
                j++;
            }
        }
        return new Scores(s, p, q);
    }

    /**
     * Sorts the keys of the chunks' usable rows ({@link #scan} has counted them) and counts them per cell and overall.
     *
     * <p>Only the {@code width} bits in which keys differ matter. One parallel pass counts the keys of each of
     * 2<sup>digit</sup> buckets (their top {@code digit} of those bits), a second writes each key into its bucket,
     * packed as its remaining bits followed by its cell code (so one {@code long} sorts by score, then outcome, then
     * cell); each bucket, small enough to stay in a core's cache for common score distributions, is then sorted on its
     * own, the buckets in parallel. The digit is wide enough that
     * the packed form fits in 63 bits (at most 16 bits, as a cell code takes at most 16). Equal scores share their top
     * bits, so every run of equal scores lies inside one bucket.
     */
    private static Sorted sorted(double[] score, byte[] outcome, int[][] cols, int[] sizes, Chunk[] chunks,
                                 int cells) {
        int n = 0;
        long or = 0;
        long and = -1L;
        for (Chunk c : chunks) {
            n += c.usable;
            or |= c.or;
            and &= c.and;
        }
        if (n == 0) {
            return null;
        }
        Layout lay = new Layout(or ^ and, and, cells, n);
        int buckets = 1 << lay.digit;
        int threads = chunks.length;
        // per chunk and bucket: how many keys, then where the chunk's first key of the bucket goes
        int[][] at = new int[threads][buckets];
        IntStream.range(0, threads).parallel().forEach(t -> {
            int[] h = at[t];
            for (int r = chunks[t].from; r < chunks[t].to; r++) {
                if (usable(score[r], outcome[r])) {
                    h[lay.bucket(key(score[r], outcome[r]))]++;
                }
            }
        });
        int[] start = new int[buckets + 1];
        for (int b = 0, sum = 0; b < buckets; b++) {
            for (int t = 0; t < threads; t++) {
                int c = at[t][b];
                at[t][b] = sum;
                sum += c;
            }
            start[b + 1] = sum;
        }
        long[] packed = new long[n];
        IntStream.range(0, threads).parallel().forEach(t -> {
            int[] w = at[t];
            for (int r = chunks[t].from; r < chunks[t].to; r++) {
                if (usable(score[r], outcome[r])) {
                    long k = key(score[r], outcome[r]);
                    packed[w[lay.bucket(k)]++] = lay.pack(k, cellOf(cols, sizes, r));
                }
            }
        });
        IntStream.range(0, buckets).parallel().forEach(b -> {
            if (start[b + 1] - start[b] > 1) {
                sort(packed, new long[start[b + 1] - start[b]], start[b], start[b + 1], lay.packedBits);
            }
        });
        return new Sorted(packed, start, lay, cells, threads, bucketRanges(start, threads));
    }

    /**
     * Keys sorted by score, then outcome, then cell, in buckets.
     *
     * @param packed  the packed keys ({@link Layout#pack}), sorted within each bucket
     * @param start   bucket {@code b} holds {@code packed[start[b], start[b + 1])}; buckets in key order
     * @param lay     how the keys are packed
     * @param cells   the number of cell codes
     * @param threads the number of chunks of rows
     * @param edge    ranges of whole buckets to walk in parallel: range {@code r} is {@code [edge[r], edge[r + 1])}
     */
    private record Sorted(long[] packed, int[] start, Layout lay, int cells, int threads, int[] edge) {
        int ranges() {
            return edge.length - 1;
        }
    }

    /** Ranges of whole buckets, about a quarter of a thread's share of the keys each. */
    private static int[] bucketRanges(int[] start, int threads) {
        int buckets = start.length - 1;
        int[] edge = new int[buckets + 1];
        int ranges = 0;
        int target = Math.max(1, start[buckets] / (4 * threads));
        for (int b = 0; b < buckets; b++) {
            if (start[b + 1] - start[edge[ranges]] >= target || b == buckets - 1) {
                edge[++ranges] = b + 1;
            }
        }
        return Arrays.copyOf(edge, ranges + 1);
    }

    /**
     * How keys are bucketed and packed: {@code low .. low + width - 1} are the bits in which keys differ (the others
     * equal those of {@code same}); the top {@code digit} of them pick the bucket, the other {@code rest} are kept,
     * shifted left past {@code cellBits} bits of cell code.
     */
    static final class Layout {
        final long same;
        final int low;
        final int width;
        final int digit;
        final int rest;
        final int cellBits;
        final int packedBits;

        Layout(long differ, long same, int cells, int n) {
            this.low = differ == 0 ? 0 : Long.numberOfTrailingZeros(differ);
            this.width = differ == 0 ? 0 : 64 - Long.numberOfLeadingZeros(differ) - low;
            this.same = same & ~(width == 0 ? 0 : (-1L >>> (64 - width)) << low);
            this.cellBits = 32 - Integer.numberOfLeadingZeros(cells - 1);
            // about 256 keys or more per bucket on average, at most 2^11 buckets, and the packed form within 63 bits;
            // the digit never takes the outcome bit (bit 0), so that equal scores share a bucket
            int wanted = Math.max(0, Math.min(11, 31 - Integer.numberOfLeadingZeros(n) - 8));
            int scoreBits = low == 0 ? Math.max(0, width - 1) : width;
            this.digit = Math.max(width + cellBits - 63, Math.min(scoreBits, wanted));
            this.rest = width - digit;
            this.packedBits = rest + cellBits;
        }

        int bucket(long key) {
            return digit == 0 ? 0 : (int) (key >>> (low + rest)) & ((1 << digit) - 1);
        }

        long pack(long key, int cell) {
            return ((key >>> low) & ((1L << rest) - 1)) << cellBits | cell;
        }

        long unpack(int bucket, long packed) {
            return same | ((long) bucket << rest | packed >>> cellBits) << low;
        }
    }

    /**
     * Each cell's runs of equal scores, and twice the overall Mann-Whitney U, from the sorted packed keys: two walks
     * over ranges of whole buckets in parallel (no run spans two buckets), the first counting each range's runs per
     * cell, the second writing them after the earlier ranges' runs.
     */
    private static Counts runs(Sorted sorted) {
        long[] packed = sorted.packed;
        int[] start = sorted.start;
        Layout lay = sorted.lay;
        int cells = sorted.cells;
        int[] edge = sorted.edge;
        int ranges = sorted.ranges();
        Walk[] counted = new Walk[ranges];
        IntStream.range(0, ranges).parallel().forEach(r -> {
            counted[r] = new Walk(cells, null);
            walk(packed, start, lay, edge[r], edge[r + 1], counted[r]);
        });
        // every score of a range is above every score of the ranges before it
        RunU all = new RunU();
        int[] total = new int[cells];
        int[][] first = new int[ranges][];
        for (int r = 0; r < ranges; r++) {
            Walk w = counted[r];
            all.then(w.u);
            first[r] = total.clone();
            for (int g = 0; g < cells; g++) {
                total[g] += w.runs[g];
            }
        }
        double[][] score = new double[cells][];
        long[][] pos = new long[cells][];
        long[][] neg = new long[cells][];
        IntStream.range(0, cells).parallel().forEach(g -> { // zeroing the arrays takes as long as filling them
            if (total[g] > 0) {
                score[g] = new double[total[g]];
                pos[g] = new long[total[g]];
                neg[g] = new long[total[g]];
            }
        });
        IntStream.range(0, ranges).parallel().forEach(r -> {
            Walk w = new Walk(cells, first[r]);
            w.score = score;
            w.pos = pos;
            w.neg = neg;
            walk(packed, start, lay, edge[r], edge[r + 1], w);
        });
        Scores[] byCell = new Scores[cells];
        for (int g = 0; g < cells; g++) {
            if (total[g] > 0) {
                byCell[g] = new Scores(score[g], pos[g], neg[g]);
            }
        }
        return new Counts(byCell, all.twiceU);
    }

    /**
     * Twice the Mann-Whitney U of keys met in ascending order of score, by runs of equal scores (2 for each
     * favourable case above an unfavourable one, 1 for each such pair in a run), with the cases by outcome.
     */
    private static final class RunU {
        long twiceU;
        long positives;
        /** The unfavourable cases of the runs ended. */
        long negatives;
        private long prev = -1L;
        private long runPos;
        private long runNeg;

        /** Adds a key: its score's bits and its outcome (1 favourable). */
        void add(long score, long favourable) {
            if (score != prev) {
                end();
                prev = score;
            }
            runPos += favourable;
            runNeg += 1 - favourable;
        }

        /** Ends the current run; call once after the last key. */
        void end() {
            twiceU = Math.addExact(twiceU, Math.multiplyExact(runPos, Math.addExact(2 * negatives, runNeg)));
            positives += runPos;
            negatives += runNeg;
            runPos = 0;
            runNeg = 0;
        }

        /** Adds an ended count of later keys, every one scored above every key counted here. */
        void then(RunU later) {
            twiceU = Math.addExact(twiceU, Math.addExact(later.twiceU, Math.multiplyExact(later.positives,
                    2 * negatives)));
            positives += later.positives;
            negatives += later.negatives;
        }
    }

    /** One walk over a range of buckets: what it has seen, and (when writing) where. */
    private static final class Walk {
        /** Per cell: the bits of its last score, -1 before the first. */
        final long[] last;
        /** Per cell: the runs seen. */
        final int[] runs;
        /** Per cell: the index of the range's first run in the cell's arrays; null when only counting. */
        final int[] at;
        double[][] score;
        long[][] pos;
        long[][] neg;
        /** Over all cells: the U within the range (when counting). */
        final RunU u = new RunU();

        Walk(int cells, int[] at) {
            this.last = new long[cells];
            Arrays.fill(last, -1L);
            this.runs = new int[cells];
            this.at = at;
        }
    }

    /**
     * Walks buckets {@code [fromBucket, toBucket)} in key order: counts the runs of equal scores per cell and, over all
     * cells, twice the Mann-Whitney U within the range; or, when {@code w.at} is set, writes each cell's runs.
     */
    private static void walk(long[] packed, int[] start, Layout lay, int fromBucket, int toBucket, Walk w) {
        int cellMask = (1 << lay.cellBits) - 1;
        long[] last = w.last;
        int[] runs = w.runs;
        if (w.at != null) {
            int[] at = w.at;
            for (int b = fromBucket; b < toBucket; b++) {
                for (int i = start[b]; i < start[b + 1]; i++) {
                    long p = packed[i];
                    long k = lay.unpack(b, p);
                    long s = k >>> 1;
                    int g = (int) p & cellMask;
                    int j = at[g] + runs[g];
                    if (last[g] != s) {
                        last[g] = s;
                        runs[g]++;
                        w.score[g][j] = Double.longBitsToDouble(s);
                    } else {
                        j--;
                    }
                    long y = k & 1;
                    w.pos[g][j] += y;
                    w.neg[g][j] += 1 - y;
                }
            }
            return;
        }
        RunU u = w.u;
        for (int b = fromBucket; b < toBucket; b++) {
            for (int i = start[b]; i < start[b + 1]; i++) {
                long p = packed[i];
                long k = lay.unpack(b, p);
                long s = k >>> 1;
                u.add(s, k & 1);
                int g = (int) p & cellMask;
                if (last[g] != s) {
                    last[g] = s;
                    runs[g]++;
                }
            }
        }
        u.end();
    }

    /**
     * Each cell's metric sums and the overall U straight from the sorted keys, without each cell's counts: one walk per
     * range of buckets (in parallel) keeps, per cell, its last score, its current run's cases and its sums so far;
     * the ranges' sums are then added cell by cell, in key order for the U.
     */
    private static CellSums sumWalks(Sorted sorted, int bins) {
        int cells = sorted.cells;
        int ranges = sorted.ranges();
        SumWalk[] walks = new SumWalk[ranges];
        IntStream.range(0, ranges).parallel().forEach(r -> {
            walks[r] = new SumWalk(cells, bins);
            sumWalk(sorted, sorted.edge[r], sorted.edge[r + 1], walks[r]);
        });
        RunU all = new RunU();
        for (SumWalk w : walks) {
            all.then(w.u);
        }
        ScoreCounts.Sums[] byCell = new ScoreCounts.Sums[cells];
        for (int g = 0; g < cells; g++) {
            ScoreCounts.Sums sum = null;
            for (SumWalk w : walks) {
                ScoreCounts.Sums x = w.sums[g];
                if (x != null) {
                    if (sum == null) {
                        sum = new ScoreCounts.Sums(bins);
                    }
                    sum.then(x); // every score of this range is above every score of the ranges before it
                }
            }
            byCell[g] = sum;
        }
        return new CellSums(byCell, all.twiceU);
    }

    /** One walk for the sums: per cell, its last score's bits, its current run's cases and its sums. */
    private static final class SumWalk {
        final long[] last;
        final long[] runPos;
        final long[] runNeg;
        final ScoreCounts.Sums[] sums;
        final int bins;
        /** Over all cells: the U within the range. */
        final RunU u = new RunU();

        SumWalk(int cells, int bins) {
            last = new long[cells];
            Arrays.fill(last, -1L);
            runPos = new long[cells];
            runNeg = new long[cells];
            sums = new ScoreCounts.Sums[cells];
            this.bins = bins;
        }

        /** Ends cell {@code g}'s run: its pairs with the cell's lower scores and within the run. */
        void endRun(int g) {
            ScoreCounts.Sums x = sums[g];
            x.twiceU = Math.addExact(x.twiceU, Math.multiplyExact(runPos[g], Math.addExact(2 * x.negatives,
                    runNeg[g])));
            x.positives += runPos[g];
            x.negatives += runNeg[g];
            runPos[g] = 0;
            runNeg[g] = 0;
        }
    }

    private static void sumWalk(Sorted sorted, int fromBucket, int toBucket, SumWalk w) {
        long[] packed = sorted.packed;
        int[] start = sorted.start;
        Layout lay = sorted.lay;
        int cellMask = (1 << lay.cellBits) - 1;
        int bins = w.bins;
        long[] last = w.last;
        RunU u = w.u;
        for (int b = fromBucket; b < toBucket; b++) {
            for (int i = start[b]; i < start[b + 1]; i++) {
                long p = packed[i];
                long k = lay.unpack(b, p);
                long s = k >>> 1;
                int y = (int) k & 1;
                u.add(s, y);
                int g = (int) p & cellMask;
                ScoreCounts.Sums x = w.sums[g];
                if (x == null) {
                    x = new ScoreCounts.Sums(bins);
                    w.sums[g] = x;
                    last[g] = s;
                } else if (last[g] != s) {
                    w.endRun(g);
                    last[g] = s;
                }
                w.runPos[g] += y;
                w.runNeg[g] += 1 - y;
                double v = Double.longBitsToDouble(s);
                int bin = Math.min(bins - 1, (int) (v * bins));
                x.cases[bin]++;
                x.favourable[bin] += y;
                x.scoreSum[bin].add(v, 1);
                x.squares.add(y == 1 ? (v - 1) * (v - 1) : v * v, 1);
            }
        }
        for (int g = 0; g < last.length; g++) {
            if (w.sums[g] != null) {
                w.endRun(g);
            }
        }
        u.end();
    }

    /**
     * Sorts {@code a[from, to)}, non-negative values below 2<sup>bits</sup>, with {@code t[0, to - from)} as scratch: a
     * most-significant-digit radix sort (about 8 values per sub-range, at most 2<sup>12</sup> sub-ranges), each
     * sub-range sorted the same way on the bits left; ranges of at most 16 values by insertion.
     */
    static void sort(long[] a, long[] t, int from, int to, int bits) {
        int n = to - from;
        while (n > 16 && bits > 0) {
            int digit = Math.min(bits, Math.min(12, 32 - Integer.numberOfLeadingZeros(n) - 3));
            int shift = bits - digit;
            int mask = (1 << digit) - 1;
            int[] at = new int[mask + 2];
            for (int i = from; i < to; i++) {
                at[((int) (a[i] >>> shift) & mask) + 1]++;
            }
            bits = shift;
            if (at[((int) (a[from] >>> shift) & mask) + 1] == n) {
                continue; // every value has this digit: on to the next bits
            }
            for (int d = 0; d <= mask; d++) {
                at[d + 1] += at[d];
            }
            int[] end = Arrays.copyOfRange(at, 1, mask + 2);
            for (int i = from; i < to; i++) {
                long v = a[i];
                t[at[(int) (v >>> shift) & mask]++] = v;
            }
            System.arraycopy(t, 0, a, from, n);
            for (int d = 0, lo = from; d <= mask; d++) {
                int hi = from + end[d];
                if (hi - lo > 1) {
                    sort(a, t, lo, hi, shift);
                }
                lo = hi;
            }
            return;
        }
        for (int i = from + 1; i < to; i++) {
            long v = a[i];
            int j = i - 1;
            while (j >= from && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }
}
