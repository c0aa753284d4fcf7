package org.fairpath.fairness.input;

import java.io.IOException;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Columnar audit input: one or more group attributes, the binary decision (favourable or not) and, where known, the
 * true outcome (favourable or not). Immutable.
 *
 * <p>Group values are text; a missing value becomes the group {@value #MISSING}. Build from arrays with
 * {@link #builder()} or read a CSV file with {@link #fromCsv}.
 */
public final class AuditData {

    /** The group of cases whose group attribute is missing. */
    public static final String MISSING = "(missing)";

    private final List<String> attributes;
    private final List<List<String>> levels;
    private final int[][] codes;
    private final byte[] decision;
    private final byte[] outcome;
    private final double[] score;
    private final List<String> notes;

    private AuditData(List<String> attributes, List<List<String>> levels, int[][] codes, byte[] decision,
                      byte[] outcome, double[] score, List<String> notes) {
        this.notes = List.copyOf(notes);
        this.attributes = List.copyOf(attributes);
        this.levels = List.copyOf(levels);
        this.codes = codes;
        this.decision = decision;
        this.outcome = outcome;
        this.score = score;
    }

    /**
     * Scores (NaN where missing), or null when the audit has none. Like {@link #codes}, {@link #decisions} and
     * {@link #outcomes} this is the live column, shared without a copy so that counting allocates nothing per row:
     * callers (the stats, metrics and audit packages) only read it and must never write to it.
     */
    public double[] scores() {
        return score;
    }

    /** Whether the data hold scores (for score frames). */
    public boolean hasScores() {
        return score != null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The group attributes, in the order given. */
    public List<String> attributes() {
        return attributes;
    }

    /** The levels seen for attribute {@code a} (position = code), in order of first appearance. */
    public List<String> levels(int a) {
        return levels.get(a);
    }

    /** The code (position in {@link #levels}) of {@code row}'s level of attribute {@code attribute}. */
    public int code(int attribute, int row) {
        return codes[attribute][row];
    }

    /** The live code column of attribute {@code attribute} (see {@link #scores()}: read it, never write it). */
    public int[] codes(int attribute) {
        return codes[attribute];
    }

    /** The live decision column, 1 favourable, 0 not (see {@link #scores()}: read it, never write it). */
    public byte[] decisions() {
        return decision;
    }

    /** The live outcome column: 1 favourable, 0 not, -1 unknown (see {@link #scores()}: read it, never write it). */
    public byte[] outcomes() {
        return outcome;
    }

    /**
     * What reading the input noticed without refusing it, e.g. group labels kept apart (or merged) that differ only in
     * spelling; empty when there was nothing to say.
     */
    public List<String> notes() {
        return notes;
    }

    public int rows() {
        return decision.length;
    }

    /**
     * The same cases with {@code attribute}'s values (numbers) replaced by bands, e.g. ages by {@code 30, 50} into
     * {@code <30}, {@code 30-50}, {@code 50+} (see {@link Bands}).
     *
     * @throws IllegalArgumentException if there is no such attribute
     */
    public AuditData withBands(String attribute, double... cuts) {
        int a = attributes.indexOf(attribute);
        if (a < 0) {
            throw new IllegalArgumentException("unknown attribute '" + attribute + "'; known: " + attributes);
        }
        String[] old = levels.get(a).toArray(new String[0]);
        for (int i = 0; i < old.length; i++) {
            if (old[i].equals(MISSING)) {
                old[i] = "";
            }
        }
        String[] banded = Bands.of(old, cuts);
        Map<String, Integer> dict = new LinkedHashMap<>();
        int[] remap = new int[banded.length];
        for (int i = 0; i < banded.length; i++) {
            remap[i] = dict.computeIfAbsent(banded[i].isEmpty() ? MISSING : banded[i], k -> dict.size());
        }
        int[][] c = codes.clone();
        c[a] = new int[rows()];
        for (int r = 0; r < rows(); r++) {
            c[a][r] = remap[codes[a][r]];
        }
        List<List<String>> lv = new ArrayList<>(levels);
        lv.set(a, List.copyOf(dict.keySet()));
        return new AuditData(attributes, lv, c, decision, outcome, score, notes);
    }

    /** The same cases with other decisions (for selection policies derived from scores). */
    public AuditData withDecisions(boolean[] favourable) {
        if (favourable.length != rows()) {
            throw new IllegalArgumentException("decisions has " + favourable.length + " values; the data have "
                    + rows() + " rows");
        }
        byte[] d = new byte[favourable.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) (favourable[i] ? 1 : 0);
        }
        return new AuditData(attributes, levels, codes, d, outcome, score, notes);
    }

    /** The given rows, in the given order, with the same levels. */
    public AuditData subset(int[] rows) {
        int[][] c = new int[codes.length][rows.length];
        byte[] d = new byte[rows.length];
        byte[] o = new byte[rows.length];
        double[] sc = score == null ? null : new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int a = 0; a < codes.length; a++) {
                c[a][i] = codes[a][rows[i]];
            }
            d[i] = decision[rows[i]];
            o[i] = outcome[rows[i]];
            if (sc != null) {
                sc[i] = score[rows[i]];
            }
        }
        return new AuditData(attributes, levels, c, d, o, sc, notes);
    }

    /**
     * Reads a CSV file with a header row (RFC 4180 quoting allowed), one favourable value for the decision and one for
     * the outcome; see {@link #fromCsv(Path, AuditColumns)} for the rules.
     *
     * @param outcomeColumn the true-outcome column, or null when there is none; empty cells are unknown
     */
    public static AuditData fromCsv(Path file, List<String> groups, String decisionColumn, String favourableDecision,
                                    String outcomeColumn, String favourableOutcome) throws IOException {
        return fromCsv(file, groups, decisionColumn, favourableDecision, outcomeColumn, favourableOutcome, null);
    }

    /** As {@link #fromCsv(Path, List, String, String, String, String)}, with a score column or null. */
    public static AuditData fromCsv(Path file, List<String> groups, String decisionColumn, String favourableDecision,
                                    String outcomeColumn, String favourableOutcome, String scoreColumn)
            throws IOException {
        return fromCsv(file, simple(groups, decisionColumn, favourableDecision, outcomeColumn, favourableOutcome,
                scoreColumn));
    }

    private static AuditColumns simple(List<String> groups, String decisionColumn, String favourableDecision,
                                       String outcomeColumn, String favourableOutcome, String scoreColumn) {
        AuditColumns c = AuditColumns.of(groups, decisionColumn, Set.of(favourableDecision));
        if (outcomeColumn != null) {
            c = c.withOutcome(outcomeColumn, Set.of(favourableOutcome), Set.of());
        }
        return scoreColumn == null ? c : c.withScore(scoreColumn);
    }

    /**
     * Reads a CSV file with a header row (RFC 4180: quoted fields may hold commas, quotes and line breaks; a leading
     * byte-order mark is dropped).
     *
     * @throws IllegalArgumentException naming the file, line and column of a malformed record, a missing or duplicate
     *                                  column, a value that cannot be interpreted with certainty (with the values
     *                                  seen and their counts), or saying so when the file is not UTF-8 text
     * @throws IOException              when the file cannot be read
     */
    public static AuditData fromCsv(Path file, AuditColumns spec) throws IOException {
        Columns cols = new Columns(file, spec);
        readCsv(file, cols);
        return cols.build();
    }

    /** Feeds every record of a CSV file to {@code cols}, with the checks of {@link #fromCsv(Path, AuditColumns)}. */
    static void readCsv(Path file, RowSink cols) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Csv csv = new Csv(r, file.toString());
            List<String> header = csv.next();
            if (header == null) {
                throw new IllegalArgumentException(file + " is empty; expected a header row");
            }
            checkHeader(file, header);
            cols.checkKeys(header, "line 1", true);
            cols.checkPresent(header);
            for (List<String> f = csv.next(); f != null; f = csv.next()) {
                if (f.size() != header.size()) {
                    throw new IllegalArgumentException(file + ": line " + csv.recordLine() + " has " + f.size()
                            + " fields; the header has " + header.size());
                }
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < f.size(); i++) {
                    row.put(header.get(i), f.get(i));
                }
                cols.add(row, csv.recordLine());
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw notUtf8(file);
        }
    }

    /** Refuses a header that names a column twice. */
    static void checkHeader(Path file, List<String> header) {
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            if (!seen.add(header.get(i))) {
                throw new IllegalArgumentException(file + ": line 1, column " + (i + 1) + ": the header names '"
                        + header.get(i) + "' twice; which one is meant cannot be known");
            }
        }
    }

    static IllegalArgumentException notUtf8(Path file) throws IOException {
        return new IllegalArgumentException(file + ": " + firstNonUtf8(file) + ": the file is not UTF-8 text; save it"
                + " as UTF-8 (plain ASCII is fine)");
    }

    /**
     * Where the first byte sequence that is not UTF-8 starts: "line L (byte offset B)", lines counted from 1 by their
     * LF bytes, offsets from 0.
     */
    static String firstNonUtf8(Path file) throws IOException {
        java.nio.charset.CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(1 << 16);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(1 << 16);
        long offset = 0;
        long line = 1;
        try (java.io.InputStream s = Files.newInputStream(file)) {
            while (true) {
                int n = s.read(in.array(), in.position(), in.remaining());
                boolean eof = n < 0;
                if (n > 0) {
                    in.position(in.position() + n);
                }
                in.flip();
                int start = in.position();
                java.nio.charset.CoderResult r = dec.decode(in, out, eof);
                for (int i = start; i < in.position(); i++) {
                    if (in.get(i) == '\n') {
                        line++;
                    }
                }
                offset += in.position() - start;
                if (r.isError()) {
                    return "line " + line + " (byte offset " + offset + ")";
                }
                out.clear();
                in.compact();
                if (eof) {
                    return "a byte";
                }
            }
        }
    }

    /**
     * Reads JSON Lines, one favourable value for the decision and one for the outcome; see
     * {@link #fromJsonLines(Path, AuditColumns)}.
     */
    public static AuditData fromJsonLines(Path file, List<String> groups, String decisionColumn,
                                          String favourableDecision, String outcomeColumn, String favourableOutcome,
                                          String scoreColumn) throws IOException {
        return fromJsonLines(file, simple(groups, decisionColumn, favourableDecision, outcomeColumn,
                favourableOutcome, scoreColumn));
    }

    /**
     * Reads JSON Lines: one flat JSON object per line, with the same rules as {@link #fromCsv(Path, AuditColumns)}.
     * Numbers and booleans are compared as their JSON text ({@code true}, {@code 1}); null or absent values are
     * empty. A key given twice in one object is an error, and so are two keys of one object that differ only in case,
     * surrounding spaces, width (NFKC) or invisible characters, a key that is an asked-for column spelled that way
     * ("Gender" for "gender", with "did you mean"), and an asked-for column that no line has.
     */
    public static AuditData fromJsonLines(Path file, AuditColumns spec) throws IOException {
        Columns cols = new Columns(file, spec);
        readJsonLines(file, cols);
        return cols.build();
    }

    /** Feeds every line of a JSON Lines file to {@code cols}, with the checks of {@link #fromJsonLines}. */
    static void readJsonLines(Path file, RowSink cols) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        json.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // a second object (or anything else) after the first on a line would otherwise be dropped unread
        json.enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int line = 0;
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                line++;
                if (line == 1 && l.startsWith("\uFEFF")) {
                    l = l.substring(1);
                }
                if (l.isBlank()) {
                    continue;
                }
                com.fasterxml.jackson.databind.JsonNode n;
                try {
                    n = json.readTree(l);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalArgumentException(file + ": line " + line + ", column "
                            + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()) + ": "
                            + (e.getOriginalMessage().startsWith("Duplicate field") ? e.getOriginalMessage()
                            + "; which one is meant cannot be known" : "not well-formed JSON: "
                            + e.getOriginalMessage()));
                }
                if (n == null || !n.isObject()) {
                    throw new IllegalArgumentException(file + ": line " + line + " is not a JSON object");
                }
                Map<String, String> row = new LinkedHashMap<>();
                n.fields().forEachRemaining(e -> row.put(e.getKey(), e.getValue().isNull() ? ""
                        : e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
                cols.checkKeys(row.keySet(), "line " + line, false);
                cols.add(row, line);
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw notUtf8(file);
        }
        cols.checkEveryKeySeen();
    }

    /**
     * The decisions in force in a decision log (initial decisions and reversals that were not themselves reversed):
     * the favourable decision is a referral to any service; true outcomes are unknown.
     *
     * @param groups attribute name to one label per table row, e.g. {@code table.column("audit.gender")}
     */
    public static AuditData fromDecisionTable(org.fairpath.core.review.DecisionTable table,
                                              Map<String, String[]> groups) {
        String[] reversedBy = table.column("reversedBy");
        String[] fin = table.column("finalService");
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < table.rows(); i++) {
            if (reversedBy[i] == null) {
                rows.add(i);
            }
        }
        Builder b = builder();
        for (Map.Entry<String, String[]> g : groups.entrySet()) {
            if (g.getValue().length != table.rows()) {
                throw new IllegalArgumentException("group column '" + g.getKey() + "' has " + g.getValue().length
                        + " values; the decision table has " + table.rows() + " rows");
            }
            String[] values = rows.stream().map(i -> g.getValue()[i]).toArray(String[]::new);
            Values.requireBandsIfManyNumbers("decision log audit field '" + g.getKey() + "'", g.getKey(), values);
            b.group(g.getKey(), values);
        }
        boolean[] referred = new boolean[rows.size()];
        for (int k = 0; k < referred.length; k++) {
            referred[k] = fin[rows.get(k)] != null;
        }
        return b.decisions(referred).build();
    }

    /** Accumulates the audited columns of text rows (CSV or JSON Lines); {@link #build()} applies the rules. */
    private static final class Columns extends RowSink {
        private final Path file;
        private final AuditColumns spec;
        private final List<List<String>> groupValues = new ArrayList<>();
        private final List<String> decisions = new ArrayList<>();
        private final List<String> outcomes = new ArrayList<>();
        private final List<Double> scores = new ArrayList<>();
        private int[] lines = new int[0];

        Columns(Path file, AuditColumns spec) {
            super(file, spec);
            this.file = file;
            this.spec = spec;
            spec.groups().forEach(g -> groupValues.add(new ArrayList<>()));
        }

        @Override
        boolean hasRows() {
            return !decisions.isEmpty();
        }

        @Override
        void add(Map<String, String> row, int line) {
            String where = "line " + line;
            if (lines.length == decisions.size()) {
                lines = java.util.Arrays.copyOf(lines, Math.max(16, lines.length * 2));
            }
            lines[decisions.size()] = line;
            for (int g = 0; g < spec.groups().size(); g++) {
                groupValues.get(g).add(row.getOrDefault(spec.groups().get(g), ""));
            }
            String d = row.getOrDefault(spec.decision(), "");
            if (d.isEmpty()) {
                throw new IllegalArgumentException(file + ": " + where + " has no value in decision column '"
                        + spec.decision() + "'; every case needs a decision");
            }
            decisions.add(d);
            if (spec.outcome() != null) {
                outcomes.add(row.getOrDefault(spec.outcome(), ""));
            }
            if (spec.score() != null) {
                scores.add(score(row.getOrDefault(spec.score(), ""), where));
            }
        }

        AuditData build() {
            if (decisions.isEmpty()) {
                throw new IllegalArgumentException(file + " has no cases; every audit needs at least one");
            }
            List<String> notes = new ArrayList<>();
            boolean[] dec = Values.decisions(file + ": decision column '" + spec.decision() + "'", decisions,
                    spec.favourableDecision(), spec.unfavourableDecision(), notes);
            Builder b = builder();
            for (int g = 0; g < spec.groups().size(); g++) {
                String attr = spec.groups().get(g);
                b.group(attr, Values.groupLabels(file + ": group column '" + attr + "'", attr,
                        groupValues.get(g), spec.bands().get(attr), spec.labels(), notes, row -> "line "
                        + lines[row]));
            }
            b.decisions(dec);
            if (spec.outcome() != null) {
                b.outcomes(Values.outcomes(file + ": outcome column '" + spec.outcome() + "'", outcomes,
                        spec.favourableOutcome(), spec.unfavourableOutcome(), spec.unknownOutcome(), notes));
            }
            if (spec.score() != null) {
                b.scores(scores.stream().mapToDouble(Double::doubleValue).toArray());
            }
            b.notes(notes);
            return b.build();
        }
    }

    /** Collects columns; {@link #build()} checks that they fit together. */
    public static final class Builder {
        private final Map<String, String[]> groups = new LinkedHashMap<>();
        private boolean[] decisions;
        private Boolean[] outcomes;
        private double[] scores;
        private List<String> notes = List.of();

        private Builder() {
        }

        /** What reading noticed (see {@link AuditData#notes()}). */
        public Builder notes(List<String> n) {
            this.notes = List.copyOf(n);
            return this;
        }

        /**
         * A group attribute; null or empty values form their own group, labelled {@value AuditData#MISSING}. The
         * literal text {@value AuditData#MISSING} is refused at {@link #build()}, so it never merges with them.
         */
        public Builder group(String attribute, String[] values) {
            Objects.requireNonNull(attribute, "attribute");
            if (groups.put(attribute, values.clone()) != null) {
                throw new IllegalArgumentException("group attribute '" + attribute + "' is given twice");
            }
            return this;
        }

        /** Whether each case got the favourable decision. */
        public Builder decisions(boolean[] favourable) {
            this.decisions = favourable.clone();
            return this;
        }

        /** Whether each case's true outcome was favourable; null where it is not known (yet). */
        public Builder outcomes(Boolean[] favourable) {
            this.outcomes = favourable.clone();
            return this;
        }

        /** Each case's score, a probability in [0, 1]; NaN where there is none. */
        public Builder scores(double[] probabilities) {
            for (int i = 0; i < probabilities.length; i++) {
                double p = probabilities[i];
                if (!Double.isNaN(p) && !(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("scores[" + i + "] is " + p + "; allowed: a probability from 0"
                            + " to 1, or NaN when missing");
                }
            }
            this.scores = probabilities.clone();
            return this;
        }

        /**
         * @throws IllegalArgumentException if there is no group attribute or no decisions, or the columns differ in
         *                                  length (naming them)
         */
        public AuditData build() {
            if (groups.isEmpty()) {
                throw new IllegalArgumentException("an audit needs at least one group attribute");
            }
            if (decisions == null) {
                throw new IllegalArgumentException("an audit needs the decisions");
            }
            int n = decisions.length;
            for (Map.Entry<String, String[]> e : groups.entrySet()) {
                if (e.getValue().length != n) {
                    throw new IllegalArgumentException("group attribute '" + e.getKey() + "' has "
                            + e.getValue().length + " values; decisions has " + n);
                }
            }
            if (outcomes != null && outcomes.length != n) {
                throw new IllegalArgumentException("outcomes has " + outcomes.length + " values; decisions has " + n);
            }
            if (scores != null && scores.length != n) {
                throw new IllegalArgumentException("scores has " + scores.length + " values; decisions has " + n);
            }
            List<String> names = new ArrayList<>(groups.keySet());
            List<List<String>> levels = new ArrayList<>();
            int[][] codes = new int[names.size()][n];
            int a = 0;
            for (String[] values : groups.values()) {
                Map<String, Integer> dict = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    if (MISSING.equals(values[i])) {
                        throw new IllegalArgumentException("group attribute '" + names.get(a) + "' holds the text '"
                                + MISSING + "' at row " + (i + 1) + ", which is the label of empty values; it would"
                                + " merge with them");
                    }
                    String v = values[i] == null || values[i].isEmpty() ? MISSING : values[i];
                    Integer c = dict.get(v);
                    if (c == null) {
                        c = dict.size();
                        dict.put(v, c);
                    }
                    codes[a][i] = c;
                }
                levels.add(Collections.unmodifiableList(new ArrayList<>(dict.keySet())));
                a++;
            }
            byte[] d = new byte[n];
            byte[] o = new byte[n];
            for (int i = 0; i < n; i++) {
                d[i] = (byte) (decisions[i] ? 1 : 0);
                o[i] = (byte) (outcomes == null || outcomes[i] == null ? -1 : outcomes[i] ? 1 : 0);
            }
            return new AuditData(names, levels, codes, d, o, scores, notes);
        }
    }
}
