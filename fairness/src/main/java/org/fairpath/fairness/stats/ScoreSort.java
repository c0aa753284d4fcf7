package org.fairpath.fairness.stats;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.fairpath.fairness.stats.ScoreCounts.Scores;

/**
 * The score counts of rows held in memory, by cell (a mixed-radix code of the group columns' codes), without hashing
 * every row: one pass counts the rows of each cell and, while the scores take few distinct values, counts them by a
 * dense code (a histogram per cell); otherwise the rows' keys (a score's bits, then the outcome bit) are sorted by a
 * least-significant-digit radix sort over the bits in which the keys differ, the sorted keys give the overall counts,
 * and a stable pass by cell gives each cell's. Both ways give exactly the counts that adding each row to a
 * {@link ScoreCounts.Accumulator} gives (tested against it).
 *
 * <p>A non-negative double's bits order like the double, so {@code bits << 1 | favourable} sorts by score, then by
 * outcome; -0.0 is made 0.0 before taking the bits, as in the accumulator.
 */
final class ScoreSort {

    /** Most cells: a cell code is kept in a {@code char} per row. */
    static final int MAX_CELLS = 1 << 16;
    /** Most distinct scores per chunk of rows counted in dense histograms; beyond that, the radix sort. */
    static final int DENSE_SCORES = 1 << 16;
    /** Most histogram entries (cells x distinct scores x 2) per chunk. */
    static final int DENSE_ENTRIES = 1 << 23;
    /** Most bits sorted per radix pass. */
    static final int DIGIT_BITS = 11;
    /** Fewest rows per chunk worth a thread of its own. */
    private static final int MIN_CHUNK = 1 << 16;

    /**
     * The counts of each cell (null where a cell has no usable row) and of all rows.
     *
     * @param byCell  per cell code
     * @param overall all usable rows
     */
    record Counts(Scores[] byCell, Scores overall) {
    }

    private ScoreSort() {
    }

    /** One chunk's first pass. */
    private static final class Chunk {
        final int from;
        final int to;
        final int[] cellRows;
        int usable;
        long or;
        long and = -1L;
        Dense dense;

        Chunk(int from, int to, int cells) {
            this.from = from;
            this.to = to;
            this.cellRows = new int[cells];
        }
    }

    /**
     * Counts rows {@code [0, rows)} whose score is not NaN and whose outcome is known (0 or 1), by the cell of
     * {@code cols} (cell = sum of code times the product of the sizes of the columns before it).
     */
    static Counts count(double[] score, byte[] outcome, int[][] cols, int[] sizes, int rows) {
        int cells = 1;
        for (int s : sizes) {
            cells = Math.multiplyExact(cells, s);
        }
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), rows / MIN_CHUNK));
        return count(score, outcome, cols, sizes, rows, threads,
                Math.max(1, Math.min(DENSE_SCORES, DENSE_ENTRIES / 2 / Math.max(1, cells))));
    }

    /**
     * {@link #count(double[], byte[], int[][], int[], int)} in {@code threads} chunks of rows, counting densely while
     * each chunk holds at most {@code denseCap} distinct scores (tests set both).
     */
    static Counts count(double[] score, byte[] outcome, int[][] cols, int[] sizes, int rows, int threads,
                        int denseCap) {
        int cells = 1;
        for (int s : sizes) {
            cells = Math.multiplyExact(cells, s);
        }
        if (cells > MAX_CELLS) {
            throw new IllegalArgumentException("cells is " + cells + "; allowed: at most " + MAX_CELLS);
        }
        Chunk[] chunks = new Chunk[threads];
        for (int t = 0; t < threads; t++) {
            chunks[t] = new Chunk((int) ((long) rows * t / threads), (int) ((long) rows * (t + 1) / threads), cells);
        }
        int nCells = cells;
        IntStream.range(0, threads).parallel().forEach(t -> {
            Chunk c = chunks[t];
            c.dense = new Dense(nCells, denseCap);
            countDense(score, outcome, cols, sizes, c);
        });
        boolean dense = true;
        for (Chunk c : chunks) {
            dense &= c.dense != null;
        }
        if (dense) {
            return fromDense(chunks, cells);
        }
        // too many distinct scores somewhere (a chunk stops counting densely at the cap): sort keys instead
        long[] key = new long[rows];
        char[] cell = new char[rows];
        IntStream.range(0, threads).parallel().forEach(t -> extract(score, outcome, cols, sizes, chunks[t], key,
                cell));
        return fromKeys(chunks, key, cell, cells);
    }

    private static int cellOf(int[][] cols, int[] sizes, int r) {
        int cell = 0;
        for (int j = cols.length - 1; j >= 0; j--) {
            cell = cell * sizes[j] + cols[j][r];
        }
        return cell;
    }

    /** Counts densely until the chunk holds more distinct scores than the cap; then writes keys from the start. */
    private static void countDense(double[] score, byte[] outcome, int[][] cols, int[] sizes, Chunk c) {
        Dense d = c.dense;
        for (int r = c.from; r < c.to; r++) {
            double s = score[r];
            byte y = outcome[r];
            if (Double.isNaN(s) || y < 0) {
                continue;
            }
            if (!d.add(Double.doubleToRawLongBits(s + 0.0), cellOf(cols, sizes, r), y)) {
                c.dense = null;
                return;
            }
        }
        // the cell counts and the or/and of the keys are not needed on the dense way
    }

    /** Writes the keys and cells of the chunk's usable rows to {@code key[from ..]} and {@code cell[from ..]}. */
    private static void extract(double[] score, byte[] outcome, int[][] cols, int[] sizes, Chunk c, long[] key,
                                char[] cell) {
        int w = c.from;
        long or = 0;
        long and = -1L;
        int[] cellRows = c.cellRows;
        for (int r = c.from; r < c.to; r++) {
            double s = score[r];
            byte y = outcome[r];
            if (Double.isNaN(s) || y < 0) {
                continue;
            }
            long k = Double.doubleToRawLongBits(s + 0.0) << 1 | y;
            int g = cellOf(cols, sizes, r);
            key[w] = k;
            cell[w] = (char) g;
            w++;
            cellRows[g]++;
            or |= k;
            and &= k;
        }
        c.usable = w - c.from;
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
        return new Counts(byCell, nonZero(bits, allPos, allNeg));
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
     * Sorts the chunks' keys (each chunk's at the start of its row range) by a radix sort over the bits in which they
     * differ, then counts overall from the sorted keys and per cell after a stable pass by cell.
     */
    private static Counts fromKeys(Chunk[] chunks, long[] keyIn, char[] cellIn, int cells) {
        int n = 0;
        long or = 0;
        long and = -1L;
        int[] cellRows = new int[cells];
        for (Chunk c : chunks) {
            n += c.usable;
            or |= c.or;
            and &= c.and;
            for (int g = 0; g < cells; g++) {
                cellRows[g] += c.cellRows[g];
            }
        }
        Scores[] byCell = new Scores[cells];
        if (n == 0) {
            return new Counts(byCell, null);
        }
        int threads = chunks.length;
        int[] from = new int[threads];
        int[] to = new int[threads];
        for (int t = 0; t < threads; t++) {
            from[t] = chunks[t].from;
            to[t] = chunks[t].from + chunks[t].usable;
        }
        // two buffers each way; a pass reads one and writes [0, n) of the other (keyIn has rows >= n entries)
        long[] key = keyIn;
        char[] cell = cellIn;
        long[] key2 = new long[n];
        char[] cell2 = new char[n];
        // bits outside [low, high] are equal in every key and cannot change the order
        long differ = or ^ and;
        if (differ != 0) {
            int low = Long.numberOfTrailingZeros(differ);
            int high = 63 - Long.numberOfLeadingZeros(differ);
            int width = high - low + 1;
            int passes = (width + DIGIT_BITS - 1) / DIGIT_BITS;
            int bits = (width + passes - 1) / passes;
            for (int p = 0; p < passes; p++) {
                int shift = low + p * bits;
                if (pass(key, cell, key2, cell2, from, to, shift, (1 << bits) - 1)) {
                    long[] k = key;
                    key = key2;
                    key2 = k;
                    char[] c = cell;
                    cell = cell2;
                    cell2 = c;
                    for (int t = 0; t < threads; t++) {
                        from[t] = (int) ((long) n * t / threads);
                        to[t] = (int) ((long) n * (t + 1) / threads);
                    }
                }
            }
        }
        if (from[0] != 0 || !contiguous(from, to)) {
            // no pass moved the keys (they differ in no digit): put the chunks' keys one after the other
            int w = 0;
            for (int t = 0; t < threads; t++) {
                System.arraycopy(key, from[t], key2, w, to[t] - from[t]);
                System.arraycopy(cell, from[t], cell2, w, to[t] - from[t]);
                w += to[t] - from[t];
            }
            long[] k = key;
            key = key2;
            key2 = k;
            cell = cell2;
        }
        long[] sorted = key;
        Scores overall = runs(sorted, 0, n);
        // stable by cell: each cell's keys stay in score order
        int[] start = new int[cells + 1];
        for (int g = 0; g < cells; g++) {
            start[g + 1] = start[g] + cellRows[g];
        }
        int[] at = Arrays.copyOf(start, cells);
        long[] byCellKeys = key2;
        for (int i = 0; i < n; i++) {
            byCellKeys[at[cell[i]]++] = sorted[i];
        }
        IntStream.range(0, cells).parallel().forEach(g -> {
            if (start[g + 1] > start[g]) {
                byCell[g] = runs(byCellKeys, start[g], start[g + 1]);
            }
        });
        return new Counts(byCell, overall);
    }

    private static boolean contiguous(int[] from, int[] to) {
        for (int t = 1; t < from.length; t++) {
            if (from[t] != to[t - 1]) {
                return false;
            }
        }
        return true;
    }

    /**
     * One stable radix pass on the digit {@code (key >>> shift) & mask}, reading the ranges {@code [from[t], to[t])}
     * in order and writing {@code [0, n)}; false (nothing written) when every key has the same digit.
     */
    private static boolean pass(long[] key, char[] cell, long[] keyOut, char[] cellOut, int[] from, int[] to,
                                int shift, int mask) {
        int threads = from.length;
        int[][] hist = new int[threads][mask + 1];
        IntStream.range(0, threads).parallel().forEach(t -> {
            int[] h = hist[t];
            for (int i = from[t]; i < to[t]; i++) {
                h[(int) (key[i] >>> shift) & mask]++;
            }
        });
        int n = 0;
        for (int t = 0; t < threads; t++) {
            n += to[t] - from[t];
        }
        // offsets: bucket by bucket, and within a bucket chunk by chunk (stable)
        int sum = 0;
        for (int b = 0; b <= mask; b++) {
            int inBucket = 0;
            for (int t = 0; t < threads; t++) {
                inBucket += hist[t][b];
            }
            if (inBucket == n) {
                return false;
            }
            for (int t = 0; t < threads; t++) {
                int c = hist[t][b];
                hist[t][b] = sum;
                sum += c;
            }
        }
        IntStream.range(0, threads).parallel().forEach(t -> {
            int[] at = hist[t];
            for (int i = from[t]; i < to[t]; i++) {
                long k = key[i];
                int w = at[(int) (k >>> shift) & mask]++;
                keyOut[w] = k;
                cellOut[w] = cell[i];
            }
        });
        return true;
    }

    /** The counts of the sorted keys {@code [from, to)}: one entry per run of equal scores. */
    static Scores runs(long[] key, int from, int to) {
        int distinct = 0;
        long prev = -1L;
        for (int i = from; i < to; i++) {
            long s = key[i] >>> 1;
            if (s != prev) {
                distinct++;
                prev = s;
            }
        }
        double[] score = new double[distinct];
        long[] pos = new long[distinct];
        long[] neg = new long[distinct];
        int j = -1;
        prev = -1L;
        for (int i = from; i < to; i++) {
            long k = key[i];
            long s = k >>> 1;
            if (s != prev) {
                j++;
                score[j] = Double.longBitsToDouble(s);
                prev = s;
            }
            if ((k & 1) != 0) {
                pos[j]++;
            } else {
                neg[j]++;
            }
        }
        return new Scores(score, pos, neg);
    }
}
