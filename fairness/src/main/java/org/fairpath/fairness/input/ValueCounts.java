package org.fairpath.fairness.input;

import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.GroupCounts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The audited columns of many cases counted by their text values, so that partitions (of a Spark job, of regions)
 * can be counted apart and merged: a cell is one combination of group values, decision value and outcome value, with
 * its number of cases (and, with a score column, how often each score occurs in it). No row is kept.
 *
 * <p>{@link #interpret} reads the merged counts with exactly the rules of {@link AuditData#fromCsv(java.nio.file.Path,
 * AuditColumns)} (favourable values must occur, unknown markers must be named, near-misses refused, labels reported,
 * merged or refused, numeric columns banded) and gives the same {@link AuditCounts} and notes as the audit of all the
 * rows in one file: every rule depends on the values' counts only, never on the order of the rows. Values of a banded
 * column are banded as they are added, so that a column of many distinct numbers stays a few cells.
 *
 * <p>Mutable and not thread-safe: one counts per partition, merged. A count of one value above 2,147,483,647 cases is
 * refused when read.
 */
public final class ValueCounts {

    private final AuditColumns spec;
    private final int k;
    private final Map<Key, Cell> cells = new HashMap<>();
    /** Per banded attribute (null for the others): its values that are not numbers, with their counts. */
    private final List<Map<String, Long>> text;
    /** Per banded attribute: value to band label, remembered for the first values seen. */
    private final List<Map<String, String>> bandCache;
    private final Key probe;
    private long rows;

    private ValueCounts(AuditColumns spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.k = spec.groups().size();
        this.probe = new Key(new String[k + 2]);
        this.text = new ArrayList<>();
        this.bandCache = new ArrayList<>();
        for (String g : spec.groups()) {
            boolean banded = spec.bands().containsKey(g);
            text.add(banded ? new HashMap<>() : null);
            bandCache.add(banded ? new HashMap<>() : null);
        }
    }

    /** An empty counts of the columns {@code spec} names. */
    public static ValueCounts of(AuditColumns spec) {
        return new ValueCounts(spec);
    }

    /**
     * {@link #fromFile(java.nio.file.Path, AuditColumns, int)} with at most
     * {@value AuditReader#DEFAULT_MAX_DISTINCT} distinct values per audited column.
     */
    public static ValueCounts fromFile(java.nio.file.Path file, AuditColumns spec) throws java.io.IOException {
        return fromFile(file, spec, AuditReader.DEFAULT_MAX_DISTINCT);
    }

    /**
     * The counts of a CSV or JSON Lines file (by its name: {@code .jsonl} or {@code .json} is JSON Lines), judged by
     * {@link AuditReader} (the rules of {@link AuditData#fromCsv(java.nio.file.Path, AuditColumns)} and
     * {@link AuditData#fromJsonLines(java.nio.file.Path, AuditColumns)}, and the limit on distinct values): a file
     * it refuses is refused, except for a refusal by a rule on the values' counts (e.g. a favourable value that never
     * occurs, no cases at all), which the merged counts are judged by again ({@link #interpret}): a region that
     * referred nobody can be counted. The file is read streamed, twice: memory grows with the distinct values (at
     * most {@code maxDistinct} per group, decision and outcome column) and their combinations, not with the rows.
     *
     * @throws IllegalArgumentException as that reader does, but for the rules on the values' counts
     */
    public static ValueCounts fromFile(java.nio.file.Path file, AuditColumns spec, int maxDistinct)
            throws java.io.IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean jsonl = name.endsWith(".jsonl") || name.endsWith(".json");
        // the file's text, its records and the limit on distinct values are judged here, before anything is kept
        Tally read = AuditReader.of(spec).withDepth(1).withMaxDistinct(maxDistinct).tally(file);
        IllegalArgumentException refused = null;
        try {
            read.build(1);
        } catch (IllegalArgumentException e) {
            refused = e;
        }
        ValueCounts t;
        try {
            t = count(file, spec, jsonl);
        } catch (RuntimeException e) {
            throw refused != null ? refused : e;
        }
        if (refused != null) {
            // a rule on the values, judged again on the merged counts, passes here; anything else is refused
            String rule = null;
            try {
                t.interpret(file.toString(), 1);
            } catch (IllegalArgumentException e) {
                rule = e.getMessage();
            }
            if (!refused.getMessage().equals(rule)) {
                throw refused;
            }
        }
        return t;
    }

    private static ValueCounts count(java.nio.file.Path file, AuditColumns spec, boolean jsonl)
            throws java.io.IOException {
        ValueCounts t = new ValueCounts(spec);
        List<String> wanted = new ArrayList<>(spec.groups());
        wanted.add(spec.decision());
        wanted.add(spec.outcome());
        wanted.add(spec.score());
        String[] g = new String[t.k];
        try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(file,
                java.nio.charset.StandardCharsets.UTF_8)) {
            if (jsonl) {
                com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
                boolean first = true;
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    if (first && l.startsWith("\uFEFF")) {
                        l = l.substring(1);
                    }
                    first = false;
                    if (l.isBlank()) {
                        continue;
                    }
                    com.fasterxml.jackson.databind.JsonNode n = json.readTree(l);
                    String[] v = new String[wanted.size()];
                    for (int i = 0; i < v.length; i++) {
                        com.fasterxml.jackson.databind.JsonNode x = wanted.get(i) == null ? null : n.get(wanted.get(i));
                        v[i] = x == null || x.isNull() ? "" : x.isValueNode() ? x.asText() : x.toString();
                    }
                    System.arraycopy(v, 0, g, 0, t.k);
                    t.add(g, v[t.k], v[t.k + 1], v[t.k + 2]);
                }
            } else {
                Csv csv = new Csv(r, file.toString());
                List<String> header = csv.next();
                int[] at = new int[wanted.size()];
                for (int i = 0; i < at.length; i++) {
                    at[i] = wanted.get(i) == null ? -1 : header.indexOf(wanted.get(i));
                }
                for (List<String> f = csv.next(); f != null; f = csv.next()) {
                    for (int a = 0; a < t.k; a++) {
                        g[a] = f.get(at[a]);
                    }
                    t.add(g, f.get(at[t.k]), at[t.k + 1] < 0 ? "" : f.get(at[t.k + 1]),
                            at[t.k + 2] < 0 ? "" : f.get(at[t.k + 2]));
                }
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            // the decoder's own text ("Input length = 1") says nothing; name the line and offset as the audit does
            throw AuditData.notUtf8(file);
        }
        return t;
    }

    /** The columns counted. */
    public AuditColumns columns() {
        return spec;
    }

    /** The number of cases added. */
    public long rows() {
        return rows;
    }

    /**
     * Adds one case. Null values are empty cells: an empty group value is its own group, an empty outcome is unknown.
     *
     * @param groups   one value per group attribute, in {@link AuditColumns#groups()} order
     * @param decision the decision value (never empty)
     * @param outcome  the outcome value; ignored when there is no outcome column
     * @param score    the score as a probability, NaN when missing; ignored when there is no score column
     * @throws IllegalArgumentException naming the column if the decision is empty or the score is not a probability
     */
    public void add(String[] groups, String decision, String outcome, double score) {
        if (groups.length != k) {
            throw new IllegalArgumentException("groups has " + groups.length + " values; the attributes are "
                    + spec.groups());
        }
        if (decision == null || decision.isEmpty()) {
            throw new IllegalArgumentException("a case has no value in decision column '" + spec.decision()
                    + "'; every case needs a decision");
        }
        if (spec.score() != null && !Double.isNaN(score) && !(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score column '" + spec.score() + "' holds " + score + "; allowed: a"
                    + " probability from 0 to 1, or empty");
        }
        String[] p = probe.values;
        for (int a = 0; a < k; a++) {
            String v = groups[a] == null ? "" : groups[a];
            p[a] = text.get(a) == null ? v : band(a, v);
        }
        p[k] = decision;
        p[k + 1] = spec.outcome() == null || outcome == null ? "" : outcome;
        probe.rehash();
        Cell c = cells.get(probe);
        if (c == null) {
            c = new Cell(spec.score() != null);
            cells.put(new Key(p.clone()), c);
        }
        c.n++;
        if (c.scores != null && !Double.isNaN(score)) {
            c.scores.merge(Double.doubleToRawLongBits(score), 1L, Long::sum);
        }
        rows++;
    }

    /**
     * Adds one case with the score as text, read as the CSV reader reads it: empty is missing; anything else must be a
     * plain decimal from 0 to 1 (e.g. 0.25 or 2.5e-1), so "NaN", "Infinity", "0.5d", "1f" and hex are refused.
     *
     * @throws IllegalArgumentException naming the column and the value if the score is not such a number
     */
    public void add(String[] groups, String decision, String outcome, String score) {
        double v = Double.NaN;
        String t = score == null ? "" : score.strip();
        if (spec.score() != null && !t.isEmpty()) {
            v = RowSink.plainProbability(t);
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("score column '" + spec.score() + "' holds '"
                        + Values.visible(score) + "'; allowed: a probability from 0 to 1 as a plain decimal (e.g. 0.25"
                        + " or 2.5e-1), or empty");
            }
        }
        add(groups, decision, outcome, v);
    }

    /** A banded attribute's value: empty stays empty, a number becomes its band, text is kept (and refused later). */
    private String band(int a, String v) {
        if (v.isEmpty()) {
            return v;
        }
        Map<String, String> cache = bandCache.get(a);
        String label = cache.get(v);
        if (label != null) {
            return label;
        }
        if (!Values.bandable(v)) {
            text.get(a).merge(v, 1L, Long::sum);
            return v;
        }
        label = Bands.of(new String[] {v}, spec.bands().get(spec.groups().get(a)))[0];
        if (cache.size() < 10_000) {
            cache.put(v, label);
        }
        return label;
    }

    /**
     * Adds {@code other}'s cases to this counts and returns this counts.
     *
     * @throws IllegalArgumentException if the two count other columns
     */
    public ValueCounts merge(ValueCounts other) {
        if (!same(spec, other.spec)) {
            throw new IllegalArgumentException("cannot merge counts of other columns: " + describe(spec) + " and "
                    + describe(other.spec));
        }
        total(rows, other.rows);
        other.cells.forEach((key, cell) -> cells.merge(key, cell.copy(), Cell::plus));
        for (int a = 0; a < k; a++) {
            if (text.get(a) != null) {
                Map<String, Long> t = text.get(a);
                other.text.get(a).forEach((v, n) -> t.merge(v, n, ValueCounts::total));
            }
        }
        rows = total(rows, other.rows);
        return this;
    }

    /** Whether two column specs count the same thing (AuditColumns holds arrays, so its equals is not enough). */
    static boolean same(AuditColumns a, AuditColumns b) {
        if (!a.bands().keySet().equals(b.bands().keySet())) {
            return false;
        }
        for (Map.Entry<String, double[]> e : a.bands().entrySet()) {
            if (!Arrays.equals(e.getValue(), b.bands().get(e.getKey()))) {
                return false;
            }
        }
        return a.groups().equals(b.groups()) && a.decision().equals(b.decision())
                && a.favourableDecision().equals(b.favourableDecision())
                && a.unfavourableDecision().equals(b.unfavourableDecision())
                && Objects.equals(a.outcome(), b.outcome()) && a.favourableOutcome().equals(b.favourableOutcome())
                && a.unfavourableOutcome().equals(b.unfavourableOutcome())
                && a.unknownOutcome().equals(b.unknownOutcome()) && Objects.equals(a.score(), b.score())
                && a.labels() == b.labels();
    }

    private static String describe(AuditColumns c) {
        return "groups " + c.groups() + ", decision '" + c.decision() + "', outcome '" + c.outcome() + "', score '"
                + c.score() + "'";
    }

    /**
     * Visits every cell: its values (group values, then decision, then outcome; banded attributes as band labels),
     * its number of cases, and its scores (raw bits of the score to count; empty without a score column).
     */
    public void forEachCell(CellVisitor visitor) {
        cells.forEach((key, cell) -> visitor.visit(List.of(key.values), cell.n,
                cell.scores == null ? Map.of() : Collections.unmodifiableMap(cell.scores)));
    }

    /** One cell of a counts, see {@link #forEachCell}. */
    @FunctionalInterface
    public interface CellVisitor {
        void visit(List<String> values, long cases, Map<Long, Long> scoreBits);
    }

    /** Per banded attribute, its values that are not numbers with their counts (refused when read). */
    public Map<String, Map<String, Long>> unbandable() {
        Map<String, Map<String, Long>> m = new LinkedHashMap<>();
        for (int a = 0; a < k; a++) {
            if (text.get(a) != null && !text.get(a).isEmpty()) {
                m.put(spec.groups().get(a), Collections.unmodifiableMap(text.get(a)));
            }
        }
        return m;
    }

    /**
     * Restores a cell written with {@link #forEachCell} (reading a counts file).
     *
     * @throws IllegalArgumentException if the values do not fit the columns or a count is not positive
     */
    public void addCell(List<String> values, long cases, Map<Long, Long> scoreBits) {
        if (values.size() != k + 2 || values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("a cell needs " + (k + 2) + " values (" + spec.groups()
                    + ", decision, outcome); got " + values);
        }
        if (cases < 1 || values.get(k).isEmpty()) {
            throw new IllegalArgumentException("a cell needs at least one case and a decision value; got " + cases
                    + " cases of " + values);
        }
        if (spec.outcome() == null && !values.get(k + 1).isEmpty()) {
            throw new IllegalArgumentException("cell " + values + " has the outcome value '"
                    + Values.visible(values.get(k + 1)) + "', but these counts have no outcome column");
        }
        for (int a = 0; a < k; a++) {
            String v = values.get(a);
            if (text.get(a) != null && !v.isEmpty() && !bandLabels(a).contains(v) && !text.get(a).containsKey(v)) {
                throw new IllegalArgumentException("cell " + values + ": '" + Values.visible(v) + "' is not a band"
                        + " of '" + spec.groups().get(a) + "' " + bandLabels(a) + " (nor one of its values listed as"
                        + " unbandable)");
            }
        }
        total(rows, cases);
        Cell c = new Cell(spec.score() != null);
        c.n = cases;
        long scored = 0;
        for (Map.Entry<Long, Long> e : scoreBits.entrySet()) {
            double s = Double.longBitsToDouble(e.getKey());
            if (c.scores == null || !(s >= 0 && s <= 1) || e.getValue() < 1) {
                throw new IllegalArgumentException("cell " + values + ": score " + s + " x " + e.getValue()
                        + " is not allowed (a probability from 0 to 1, counted at least once, with a score column)");
            }
            c.scores.put(e.getKey(), e.getValue());
            scored = total(scored, e.getValue());
        }
        if (scored > cases) {
            throw new IllegalArgumentException("cell " + values + " has " + scored + " scores for " + cases
                    + " cases");
        }
        Key key = new Key(values.toArray(new String[0]));
        Cell before = cells.get(key);
        if (before != null) {
            total(before.n, cases);
        }
        cells.merge(key, c, Cell::plus);
        rows += cases;
    }

    /** Restores the text values of a banded attribute (reading a counts file). */
    public void addUnbandable(String attribute, String value, long cases) {
        int a = spec.groups().indexOf(attribute);
        if (a < 0 || text.get(a) == null || cases < 1) {
            throw new IllegalArgumentException("unbandable values for '" + attribute + "', which is not a banded"
                    + " attribute of " + spec.groups() + " (or a count below 1)");
        }
        text.get(a).merge(value, cases, ValueCounts::total);
    }

    /**
     * The counts read with the rules of {@link AuditData#fromCsv(java.nio.file.Path, AuditColumns)}.
     *
     * @param where names the data in messages and notes, as the file name does for a file
     * @param depth intersections of up to this many attributes
     * @throws IllegalArgumentException as {@link AuditData#fromCsv(java.nio.file.Path, AuditColumns)} would for the
     *                                  same cases (without line numbers), or if there is no case
     */
    public Reading interpret(String where, int depth) {
        if (rows == 0) {
            throw new IllegalArgumentException(where + " has no cases; every audit needs at least one");
        }
        List<String> notes = new ArrayList<>();
        Map<String, Long> dec = new HashMap<>();
        Map<String, Long> out = new HashMap<>();
        List<Map<String, Long>> groupValues = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            groupValues.add(new HashMap<>());
        }
        cells.forEach((key, cell) -> {
            dec.merge(key.values[k], cell.n, Long::sum);
            out.merge(key.values[k + 1], cell.n, Long::sum);
            for (int a = 0; a < k; a++) {
                groupValues.get(a).merge(key.values[a], cell.n, Long::sum);
            }
        });
        Values.checkDecisions(where + ": decision column '" + spec.decision() + "'", ints(dec),
                spec.favourableDecision(), spec.unfavourableDecision(), notes);
        List<Map<String, String>> labels = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            String attr = spec.groups().get(a);
            String whereGroup = where + ": group column '" + attr + "'";
            if (text.get(a) != null) {
                // a banded column: its numbers are banded already; the rules see its text values and empty cells
                Map<String, Long> seen = new HashMap<>(text.get(a));
                Long empty = groupValues.get(a).get("");
                if (empty != null) {
                    seen.put("", empty);
                }
                Values.groupLabels(whereGroup, attr, ints(seen), spec.bands().get(attr), spec.labels(), notes,
                        t -> "cannot band '" + Values.visible(t.keySet().iterator().next()) + "'");
                Map<String, String> identity = new HashMap<>();
                groupValues.get(a).keySet().forEach(v -> identity.put(v, v));
                labels.add(identity);
            } else {
                labels.add(Values.groupLabels(whereGroup, attr, ints(groupValues.get(a)), null, spec.labels(),
                        notes, t -> "cannot band '" + Values.visible(t.keySet().iterator().next()) + "'"));
            }
        }
        if (spec.outcome() != null) {
            Values.checkOutcomes(where + ": outcome column '" + spec.outcome() + "'", ints(out),
                    spec.favourableOutcome(), spec.unfavourableOutcome(), spec.unknownOutcome(), notes);
        }
        Map<List<String>, GroupCounts> byCell = new HashMap<>();
        Map<List<String>, Map<Long, long[]>> scores = new HashMap<>();
        cells.forEach((key, cell) -> {
            List<String> levels = new ArrayList<>(k);
            for (int a = 0; a < k; a++) {
                String l = labels.get(a).get(key.values[a]);
                levels.add(l.isEmpty() ? AuditData.MISSING : l);
            }
            boolean selected = spec.favourableDecision().contains(key.values[k]);
            Boolean outcome = spec.outcome() == null ? null
                    : Values.outcome(key.values[k + 1], spec.favourableOutcome(), spec.unknownOutcome());
            long n = cell.n;
            long s = selected ? n : 0;
            GroupCounts g = outcome == null ? new GroupCounts(n, s, 0, 0, 0, 0) : outcome
                    ? new GroupCounts(n, s, s, 0, 0, n - s) : new GroupCounts(n, s, 0, s, n - s, 0);
            List<String> cellKey = Collections.unmodifiableList(levels);
            byCell.merge(cellKey, g, GroupCounts::plus);
            if (cell.scores != null && outcome != null) {
                Map<Long, long[]> m = scores.computeIfAbsent(cellKey, x -> new HashMap<>());
                int slot = outcome ? 0 : 1;
                cell.scores.forEach((bits, c) -> m.computeIfAbsent(bits, x -> new long[2])[slot] += c);
            }
        });
        return new Reading(AuditCounts.ofCells(spec.groups(), depth, byCell), List.copyOf(notes),
                spec.score() == null ? null : scores);
    }

    /** {@code a + b}, or an error when the sum passes the largest count (2^63 - 1) instead of wrapping around. */
    static long total(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("the counts add up to more than " + String.format(Locale.ROOT, "%,d",
                    Long.MAX_VALUE) + " cases; they cannot be right");
        }
    }

    /** Every band label of banded attribute {@code a}: {@code <c1}, {@code c1-c2}, ..., {@code ck+}. */
    private java.util.Set<String> bandLabels(int a) {
        double[] cuts = spec.bands().get(spec.groups().get(a));
        String[] probes = new String[cuts.length + 1];
        probes[0] = Double.toString(cuts.length == 0 ? 0 : cuts[0] - 1);
        for (int i = 0; i < cuts.length; i++) {
            probes[i + 1] = Double.toString(cuts[i]);
        }
        return new java.util.HashSet<>(Arrays.asList(Bands.of(probes, cuts)));
    }

    private static Map<String, Integer> ints(Map<String, Long> counts) {
        Map<String, Integer> m = new HashMap<>();
        counts.forEach((v, n) -> {
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the value '" + Values.visible(v) + "' occurs " + String.format(
                        Locale.ROOT, "%,d", n) + " times; the rules count at most 2,147,483,647 cases of one value");
            }
            m.put(v, n.intValue());
        });
        return Values.order(m);
    }

    /**
     * A counts read with the rules.
     *
     * @param counts the audit counts, as {@link AuditCounts#of(AuditData, int)} of the same rows
     * @param notes  what reading noticed, as {@link AuditData#notes()} of the same rows
     * @param scores with a score column: per cell of group levels, each score's raw bits to the number of cases with
     *               a favourable ([0]) and an unfavourable ([1]) known outcome; null without a score column
     */
    public record Reading(AuditCounts counts, List<String> notes, Map<List<String>, Map<Long, long[]>> scores) {

        /**
         * The score counts by cell of group levels (every attribute), for {@link
         * org.fairpath.fairness.metrics.ScoreFrame#of(org.fairpath.fairness.stats.ScoreCounts, int,
         * org.fairpath.fairness.metrics.AuditSettings)} through {@link org.fairpath.fairness.stats.ScoreCounts#by}.
         *
         * @throws IllegalStateException without a score column
         */
        public org.fairpath.fairness.stats.ScoreCounts scoreCounts() {
            if (scores == null) {
                throw new IllegalStateException("these counts have no score column");
            }
            org.fairpath.fairness.stats.ScoreCounts.Accumulator acc = org.fairpath.fairness.stats.ScoreCounts
                    .accumulator(counts.attributes());
            scores.forEach((cell, bits) -> {
                int g = acc.groupIndex(cell);
                bits.forEach((b, pn) -> acc.add(g, Double.longBitsToDouble(b), pn[0], pn[1]));
            });
            return acc.build();
        }

        /** Visits the scores of every cell (see {@link #scores}); nothing without a score column. */
        public void forEachScore(BiConsumer<List<String>, Map<Long, long[]>> visitor) {
            if (scores != null) {
                scores.forEach(visitor);
            }
        }
    }

    /** The values of a cell, hashed once; {@link #probe} is reused for look-ups so adding allocates no key. */
    private static final class Key {
        final String[] values;
        int hash;

        Key(String[] values) {
            this.values = values;
            rehash();
        }

        void rehash() {
            hash = Arrays.hashCode(values);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && hash == other.hash && Arrays.equals(values, other.values);
        }
    }

    private static final class Cell {
        long n;
        final Map<Long, Long> scores;

        Cell(boolean withScores) {
            scores = withScores ? new HashMap<>() : null;
        }

        Cell copy() {
            Cell c = new Cell(scores != null);
            c.n = n;
            if (scores != null) {
                c.scores.putAll(scores);
            }
            return c;
        }

        static Cell plus(Cell a, Cell b) {
            a.n = total(a.n, b.n);
            if (a.scores != null) {
                b.scores.forEach((bits, c) -> a.scores.merge(bits, c, ValueCounts::total));
            }
            return a;
        }
    }
}
