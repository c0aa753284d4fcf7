package org.fairpath.fairness.input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.GroupCounts;
import org.fairpath.fairness.stats.ScoreCounts;

/**
 * The streaming counterpart of {@link AuditData}'s columns: instead of every row it keeps, per audited column, the
 * distinct texts with their counts and first line (what {@link Values}' rules look at), and how many rows had each
 * combination of texts, with each combination's scores counted by {@link ScoreCounts}. Memory grows with the distinct
 * texts and combinations, never with the rows; both are bounded ({@code maxDistinct} per column,
 * {@value #MAX_COMBINATIONS} combinations), and refused with one line naming the column beyond that.
 *
 * <p>Combinations live in a trie over the codes (groups, then the outcome, then the decision), so one row costs one
 * hash probe per column. Not thread-safe; partial tallies of one file are joined with {@link #addAll}.
 */
final class Tally extends RowSink {

    /** Most distinct combinations of the audited columns' texts. */
    static final int MAX_COMBINATIONS = 4_000_000;

    private final int maxDistinct;
    /** {@value #MAX_COMBINATIONS}; smaller in tests. */
    int maxCombinations = MAX_COMBINATIONS;
    /** groups..., outcome (if any), decision. */
    final Dict[] dicts;
    private final int k;
    private final boolean hasOutcome;
    private final int levels;
    private final LongIntMap children = new LongIntMap();
    /** Packed codes of a full combination to its leaf (see {@link #add(int[], double)}). */
    private final LongIntMap leafOf = new LongIntMap();
    private final int packBits;
    private int[] parent = new int[1024];
    private int[] codeOf = new int[1024];
    private long[] rowsOf = new long[1024];
    private int[] scoreGroupOf = new int[1024];
    private int nodes = 1;
    private final ScoreCounts.Accumulator scores = ScoreCounts.accumulator(List.of("combination"));
    private final List<Integer> scoreNodes = new ArrayList<>();
    /** Most distinct scores counted in dense arrays. */
    static final int DENSE_SCORES = 1 << 16;
    private final LongIntMap scoreCode = new LongIntMap();
    /** Score code by the score's whole number of ten-thousandths (0 to 10,000), -1 until seen. */
    private final int[] codeOfTenThousandths = filled(10_001, -1);
    private final List<Double> scoreValues = new ArrayList<>();
    /** Score group to counts by score code; null once the scores are too many (see {@link #countScore}). */
    private byte[][] dense = new byte[16][];
    /**
     * The counts of {@link #dense} beyond 8 bits: count = carries[g][c] * 256 + (dense[g][c] & 0xFF). Counters of one
     * byte keep the arrays of 72 groups by 10,001 scores in the core's cache (a long per count did not: most of the
     * counting time was spent waiting for memory); a group's carries are made at its first carry.
     */
    private long[][] carries = new long[16][];
    /**
     * Score codes staged per group before they are counted, {@value #STAGE} at a time: the row's score lands in a
     * short buffer of its group (72 buffers stay in the core's first-level cache), and a full buffer is counted into
     * its group's counters in one run (10 KB, also in cache). Counting each row straight into its group's counters
     * touched 720 KB at random and waited for memory on most rows.
     */
    private char[][] stage = new char[16][];
    private int[] staged = new int[16];
    private static final int STAGE = 256;
    long rows;
    /** Of {@link #rows}, those counted by {@link FastCsv}'s quick loop (tests check that it ran). */
    long quickRows;
    /** The line of the row being added, for messages. */
    long lastLine;

    Tally(Path file, AuditColumns spec, int maxDistinct) {
        super(file, spec);
        this.maxDistinct = maxDistinct;
        k = spec.groups().size();
        hasOutcome = spec.outcome() != null;
        levels = k + (hasOutcome ? 1 : 0) + 1;
        packBits = 62 / levels;
        dicts = new Dict[levels];
        for (int g = 0; g < k; g++) {
            dicts[g] = new Dict("group column '" + spec.groups().get(g) + "'");
        }
        if (hasOutcome) {
            dicts[k] = new Dict("outcome column '" + spec.outcome() + "'");
        }
        dicts[levels - 1] = new Dict("decision column '" + spec.decision() + "'");
        Arrays.fill(scoreGroupOf, -1);
    }

    /** The distinct texts of one column, coded in order of first appearance. */
    final class Dict {
        final String what;
        final Map<String, Integer> code = new HashMap<>();
        final List<String> values = new ArrayList<>();
        long[] count = new long[16];
        long[] firstLine = new long[16];

        Dict(String what) {
            this.what = what;
        }

        /** The code of {@code v}, added (first seen on {@code line}) if new. */
        int code(String v, long line) {
            Integer c = code.get(v);
            if (c != null) {
                return c;
            }
            if (values.size() >= maxDistinct) {
                throw new IllegalArgumentException(file + ": " + what + " holds more than " + String.format(
                        Locale.ROOT, "%,d", maxDistinct) + " distinct values (the next new one is on line " + line
                        + "); allowed: at most " + String.format(Locale.ROOT, "%,d", maxDistinct) + " (raise the"
                        + " limit with --max-distinct, or check that this is a group, decision or outcome column)");
            }
            int n = values.size();
            code.put(v, n);
            values.add(v);
            if (n == firstLine.length) {
                firstLine = Arrays.copyOf(firstLine, n * 2);
            }
            firstLine[n] = line;
            return n;
        }

        /** The texts and their counts ({@link Values} puts them in its one order). */
        Map<String, Integer> counts() {
            Map<String, Integer> m = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                if (count[i] > 0) {
                    m.put(values.get(i), Math.toIntExact(count[i]));
                }
            }
            return Values.order(m);
        }

        /** Where the earliest of {@code texts} (values that cannot be banded) is, as {@link Values} words it. */
        String firstText(Map<String, Integer> texts) {
            String first = null;
            for (String v : texts.keySet()) {
                if (first == null || firstLine[code.get(v)] < firstLine[code.get(first)]) {
                    first = v;
                }
            }
            return "line " + firstLine[code.get(first)] + ": cannot band '" + Values.visible(first) + "'";
        }
    }

    @Override
    boolean hasRows() {
        return rows > 0;
    }

    @Override
    void add(Map<String, String> row, int line) {
        String where = "line " + line;
        int[] codes = new int[levels];
        for (int g = 0; g < k; g++) {
            codes[g] = dicts[g].code(row.getOrDefault(spec.groups().get(g), ""), line);
        }
        String d = row.getOrDefault(spec.decision(), "");
        if (d.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + where + " has no value in decision column '"
                    + spec.decision() + "'; every case needs a decision");
        }
        codes[levels - 1] = dicts[levels - 1].code(d, line);
        if (hasOutcome) {
            codes[k] = dicts[k].code(row.getOrDefault(spec.outcome(), ""), line);
        }
        double s = spec.score() == null ? Double.NaN : score(row.getOrDefault(spec.score(), ""), where);
        lastLine = line;
        add(codes, s, -1);
    }

    /**
     * Counts one row by its codes (one per dict) and its score (NaN for none, else already checked). A caller that
     * knows the score to be a whole number of ten-thousandths passes that number ({@code 0.25} as 2500), else -1.
     */
    void add(int[] codes, double score, int tenThousandths) {
        rows++;
        // the codes packed into one long find the row's combination in one probe; the trie is walked only for a
        // combination not seen before (or codes too large to pack)
        long packed = 0;
        for (int l = 0; l < levels && packed >= 0; l++) {
            int c = codes[l];
            packed = c < (1 << packBits) ? (packed << packBits) | c : -1;
        }
        int leaf = packed >= 0 ? leafOf.get(packed) : -1;
        if (leaf < 0) {
            leaf = 0;
            for (int l = 0; l < levels; l++) {
                leaf = child(leaf, codes[l]);
            }
            if (packed >= 0) {
                leafOf.put(packed, leaf);
            }
        }
        rowsOf[leaf]++;
        if (hasOutcome && !Double.isNaN(score)) {
            int node = parent[leaf]; // groups and outcome: the decision is the last level
            int g = scoreGroupOf[node];
            if (g < 0) {
                g = scores.groupIndex(List.of(Integer.toString(node)));
                scoreGroupOf[node] = g;
                scoreNodes.add(node);
            }
            countScore(g, score, tenThousandths);
        }
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    /** Each dict's count of rows per text, from the rows of every combination. */
    private void recount() {
        for (Dict d : dicts) {
            d.count = new long[Math.max(16, d.values.size())];
        }
        for (int node = 1; node < nodes; node++) {
            if (rowsOf[node] == 0) {
                continue;
            }
            int[] p = path(node, levels);
            for (int l = 0; l < levels; l++) {
                dicts[l].count[p[l]] += rowsOf[node];
            }
        }
    }

    /**
     * Counts {@code score} for score group {@code g}. While the file holds at most {@value #DENSE_SCORES} distinct
     * scores (e.g. scores to 4 decimals), each score gets a code from one small table and each group a dense array of
     * counts by code (one probe in a table that stays in cache, then an array increment); beyond that, every group's
     * counts move to {@link ScoreCounts.Accumulator}'s per-group tables.
     */
    private void countScore(int g, double score, int tenThousandths) {
        if (dense != null) {
            // equal numbers of ten-thousandths are equal doubles (each the correctly rounded value of the same
            // fraction), so the number finds the score's code without a hash probe once it has been seen
            int c = tenThousandths >= 0 ? codeOfTenThousandths[tenThousandths] : -1;
            if (c < 0) {
                long bits = Double.doubleToRawLongBits(score + 0.0); // -0.0 counts as 0.0, as in ScoreCounts
                c = scoreCode.get(bits);
                if (c < 0) {
                    c = scoreValues.size();
                    if (c == DENSE_SCORES) {
                        flushDense();
                        scores.add(g, score, true);
                        return;
                    }
                    scoreCode.put(bits, c);
                    scoreValues.add(score + 0.0);
                }
                if (tenThousandths >= 0) {
                    codeOfTenThousandths[tenThousandths] = c;
                }
            }
            if (g >= dense.length) {
                int n = Math.max(g + 1, dense.length * 2);
                dense = Arrays.copyOf(dense, n);
                carries = Arrays.copyOf(carries, n);
                stage = Arrays.copyOf(stage, n);
                staged = Arrays.copyOf(staged, n);
            }
            char[] st = stage[g];
            if (st == null) {
                st = new char[STAGE];
                stage[g] = st;
            }
            int n = staged[g];
            st[n] = (char) c; // c < DENSE_SCORES = 2^16
            if (++n == STAGE) {
                drain(g, n);
                n = 0;
            }
            staged[g] = n;
            return;
        }
        scores.add(g, score, true);
    }

    /** Counts the score codes staged for group {@code g} ({@code n} of them) into its dense counters. */
    private void drain(int g, int n) {
        char[] st = stage[g];
        int max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, st[i]);
        }
        byte[] d = dense[g];
        if (d == null || max >= d.length) {
            d = d == null ? new byte[Math.max(64, max + 1)] : Arrays.copyOf(d, Math.max(max + 1, d.length * 2));
            dense[g] = d;
        }
        for (int i = 0; i < n; i++) {
            int c = st[i];
            if (++d[c] == 0) {
                carry(g, c);
            }
        }
    }

    /** Score {@code c} of group {@code g} has been counted another 256 times. */
    private void carry(int g, int c) {
        long[] high = carries[g];
        if (high == null || c >= high.length) {
            high = high == null ? new long[dense[g].length] : Arrays.copyOf(high, dense[g].length);
            carries[g] = high;
        }
        high[c]++;
    }

    /** Moves the dense counts into the accumulator's tables, for good (or before reading them out). */
    private void flushDense() {
        if (dense == null) {
            return;
        }
        for (int g = 0; g < stage.length; g++) {
            if (staged[g] > 0) {
                drain(g, staged[g]);
            }
        }
        stage = null;
        for (int g = 0; g < dense.length; g++) {
            byte[] d = dense[g];
            if (d == null) {
                continue;
            }
            long[] high = carries[g];
            for (int c = 0; c < d.length; c++) {
                long n = (d[c] & 0xFF) + (high != null && c < high.length ? high[c] << 8 : 0);
                if (n > 0) {
                    scores.add(g, scoreValues.get(c), n, 0);
                }
            }
        }
        carries = null;
        dense = null;
    }

    private int child(int node, int code) {
        long key = ((long) node << 32) | code;
        int c = children.get(key);
        if (c >= 0) {
            return c;
        }
        if (nodes >= maxCombinations) {
            throw new IllegalArgumentException(file + ": the audited columns " + wanted + " hold more than "
                    + String.format(Locale.ROOT, "%,d", maxCombinations) + " distinct combinations of values"
                    + " (counting those of their leading columns), found by line " + lastLine + "; allowed: at most"
                    + " that many (does a group, decision or outcome column hold ids or free text?)");
        }
        c = nodes++;
        if (c == parent.length) {
            int n = c * 2;
            parent = Arrays.copyOf(parent, n);
            codeOf = Arrays.copyOf(codeOf, n);
            rowsOf = Arrays.copyOf(rowsOf, n);
            int old = scoreGroupOf.length;
            scoreGroupOf = Arrays.copyOf(scoreGroupOf, n);
            Arrays.fill(scoreGroupOf, old, n, -1);
        }
        parent[c] = node;
        codeOf[c] = code;
        children.put(key, c);
        return c;
    }

    /** The codes on the path from the root to {@code node} (depth {@code depth}). */
    private int[] path(int node, int depth) {
        int[] codes = new int[depth];
        for (int l = depth - 1; l >= 0; l--) {
            codes[l] = codeOf[node];
            node = parent[node];
        }
        return codes;
    }

    /**
     * Adds the rows of {@code later}, a tally of the part of the same file that follows this one's ({@code lineOffset}
     * lines further on): texts first seen there come after this one's, as in one pass.
     */
    void addAll(Tally later, long lineOffset) {
        int[][] remap = new int[levels][];
        for (int l = 0; l < levels; l++) {
            Dict from = later.dicts[l];
            remap[l] = new int[from.values.size()];
            for (int i = 0; i < remap[l].length; i++) {
                remap[l][i] = dicts[l].code(from.values.get(i), from.firstLine[i] + lineOffset);
            }
        }
        // leaves: rows of each full combination
        int[] codes = new int[levels];
        for (int node = 1; node < later.nodes; node++) {
            if (later.rowsOf[node] == 0) {
                continue;
            }
            int[] p = later.path(node, levels);
            int n = 0;
            for (int l = 0; l < levels; l++) {
                codes[l] = remap[l][p[l]];
                n = child(n, codes[l]);
            }
            rowsOf[n] += later.rowsOf[node];
        }
        rows += later.rows;
        quickRows += later.quickRows;
        if (hasOutcome) {
            later.flushDense();
            ScoreCounts theirs = later.scores.build();
            for (int node : later.scoreNodes) {
                int[] p = later.path(node, levels - 1);
                int n = 0;
                for (int l = 0; l < levels - 1; l++) {
                    n = child(n, remap[l][p[l]]);
                }
                int g = scoreGroupOf[n];
                if (g < 0) {
                    g = scores.groupIndex(List.of(Integer.toString(n)));
                    scoreGroupOf[n] = g;
                    scoreNodes.add(n);
                }
                ScoreCounts.Scores s = theirs.scores(List.of(Integer.toString(node)));
                for (int i = 0; i < s.size(); i++) {
                    scores.add(g, s.score(i), s.positives(i), s.negatives(i));
                }
            }
        }
    }

    /** Applies {@link Values}' rules to the distinct texts, then counts by group as {@link AuditData} would. */
    CountedAudit build(int depth) {
        if (rows == 0) {
            throw new IllegalArgumentException(file + " has no cases; every audit needs at least one");
        }
        if (rows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(file + " holds more than " + Integer.MAX_VALUE + " cases; allowed:"
                    + " at most that many in one file (split it, and merge the counts)");
        }
        recount();
        List<String> notes = new ArrayList<>();
        Dict dec = dicts[levels - 1];
        Set<String> favourable = spec.favourableDecision();
        Values.checkDecisions(file + ": decision column '" + spec.decision() + "'", dec.counts(), favourable,
                spec.unfavourableDecision(), notes);
        List<Map<String, String>> labels = new ArrayList<>();
        for (int g = 0; g < k; g++) {
            String attr = spec.groups().get(g);
            Dict dict = dicts[g];
            labels.add(Values.groupLabels(file + ": group column '" + attr + "'", attr, dict.counts(),
                    spec.bands().get(attr), spec.labels(), notes, dict::firstText));
        }
        if (hasOutcome) {
            Values.checkOutcomes(file + ": outcome column '" + spec.outcome() + "'", dicts[k].counts(),
                    spec.favourableOutcome(), spec.unfavourableOutcome(), spec.unknownOutcome(), notes);
        }
        String[][] label = new String[k][];
        for (int g = 0; g < k; g++) {
            List<String> values = dicts[g].values;
            label[g] = new String[values.size()];
            for (int i = 0; i < label[g].length; i++) {
                String l = labels.get(g).get(values.get(i));
                label[g][i] = l == null || l.isEmpty() ? AuditData.MISSING : l;
            }
        }
        Boolean[] outcome = hasOutcome ? new Boolean[dicts[k].values.size()] : null;
        if (hasOutcome) {
            for (int i = 0; i < outcome.length; i++) {
                outcome[i] = Values.outcome(dicts[k].values.get(i), spec.favourableOutcome(), spec.unknownOutcome());
            }
        }
        Map<List<String>, GroupCounts> cells = new HashMap<>();
        for (int node = 1; node < nodes; node++) {
            long n = rowsOf[node];
            if (n == 0) {
                continue;
            }
            int[] p = path(node, levels);
            boolean d = favourable.contains(dec.values.get(p[levels - 1]));
            Boolean o = hasOutcome ? outcome[p[k]] : null;
            GroupCounts c = new GroupCounts(n, d ? n : 0, d && o == Boolean.TRUE ? n : 0,
                    d && o == Boolean.FALSE ? n : 0, !d && o == Boolean.FALSE ? n : 0, !d && o == Boolean.TRUE ? n : 0);
            cells.merge(groupOf(p, label), c, GroupCounts::plus);
        }
        AuditCounts counts = AuditCounts.ofCells(spec.groups(), depth, cells);
        ScoreCounts scoreCounts = null;
        if (spec.score() != null) {
            ScoreCounts.Accumulator acc = ScoreCounts.accumulator(spec.groups());
            flushDense();
            ScoreCounts raw = scores.build();
            for (int node : scoreNodes) {
                int[] p = path(node, levels - 1);
                Boolean o = hasOutcome ? outcome[p[k]] : null;
                if (o == null) {
                    continue;
                }
                int g = acc.groupIndex(groupOf(p, label));
                ScoreCounts.Scores s = raw.scores(List.of(Integer.toString(node)));
                for (int i = 0; i < s.size(); i++) {
                    long m = s.positives(i);
                    acc.add(g, s.score(i), o ? m : 0, o ? 0 : m);
                }
            }
            scoreCounts = acc.build();
        }
        return new CountedAudit(rows, counts, scoreCounts, notes);
    }

    private List<String> groupOf(int[] path, String[][] label) {
        List<String> key = new ArrayList<>(k);
        for (int g = 0; g < k; g++) {
            key.add(label[g][path[g]]);
        }
        return List.copyOf(key);
    }

    /** Open addressing from a long key to a non-negative int; -1 when absent. */
    static final class LongIntMap {
        private long[] keys = new long[1 << 10];
        private int[] vals = new int[1 << 10];
        private int size;

        LongIntMap() {
            Arrays.fill(vals, -1);
        }

        /** The top bits of a Fibonacci hash (the middle bits spread keys like decimal fractions' bits badly). */
        private static int slot(long key, int mask) {
            return (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - Integer.bitCount(mask))) & mask;
        }

        int get(long key) {
            int mask = keys.length - 1;
            for (int i = slot(key, mask); ; i = (i + 1) & mask) {
                if (vals[i] < 0) {
                    return -1;
                }
                if (keys[i] == key) {
                    return vals[i];
                }
            }
        }

        void put(long key, int value) {
            if ((size + 1) * 2 > keys.length) {
                long[] ok = keys;
                int[] ov = vals;
                keys = new long[ok.length * 2];
                vals = new int[ok.length * 2];
                Arrays.fill(vals, -1);
                size = 0;
                for (int i = 0; i < ok.length; i++) {
                    if (ov[i] >= 0) {
                        put(ok[i], ov[i]);
                    }
                }
            }
            int mask = keys.length - 1;
            int i = slot(key, mask);
            while (vals[i] >= 0 && keys[i] != key) {
                i = (i + 1) & mask;
            }
            if (vals[i] < 0) {
                size++;
            }
            keys[i] = key;
            vals[i] = value;
        }
    }
}
