package org.fairpath.fairness.input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the rows of a CSV or JSON Lines audit file go: the in-memory columns of {@link AuditData} or the streaming
 * counts of {@link AuditReader}. Holds the checks on keys (a CSV header, the keys of a JSON object) that both share.
 */
abstract class RowSink {
    final Path file;
    final AuditColumns spec;
    private final Map<String, String> normalKeys = new HashMap<>();
    private final Set<String> keysSeen = new java.util.LinkedHashSet<>();
    private final Set<String> wantedSeen = new java.util.HashSet<>();
    final List<String> wanted;

    RowSink(Path file, AuditColumns spec) {
        this.file = file;
        this.spec = spec;
        this.wanted = wanted();
    }

    /** Adds one record (column or key to text; absent means empty) that starts on {@code line}. */
    abstract void add(Map<String, String> row, int line);

    /** Whether a record was added. */
    abstract boolean hasRows();

    /** The columns asked for, in the order groups, decision, outcome, score. */
    private List<String> wanted() {
        List<String> w = new ArrayList<>(spec.groups());
        w.add(spec.decision());
        if (spec.outcome() != null) {
            w.add(spec.outcome());
        }
        if (spec.score() != null) {
            w.add(spec.score());
        }
        return w;
    }

    /**
     * Refuses keys of one record (a CSV header, a JSON object) that are the same once case-folded, trimmed,
     * NFKC-normalised and with look-alike letters read as Latin ("sex" and "SEX", "gender" and "g\u0435nder"), and a key that is an asked-for column spelled otherwise ("Gender" for
     * "gender"): which one is meant cannot be known, and reading the column as absent would make every cell
     * empty.
     */
    void checkKeys(java.util.Collection<String> keys, String where, boolean header) {
        Map<String, String> byNormal = new HashMap<>();
        int column = 0;
        for (String k : keys) {
            column++;
            if (keysSeen.size() < 200) {
                keysSeen.add(k);
            }
            String norm = normalKey(k);
            String other = byNormal.putIfAbsent(norm, k);
            if (other != null) {
                throw new IllegalArgumentException(file + ": " + where + (header ? ", column " + column
                        + ": the header names '" : ": keys '") + Values.visible(other) + "' and '"
                        + Values.visible(k) + "', which differ only in case, spacing, width, invisible"
                        + " characters or look-alike letters (" + Values.scripts(other) + " vs "
                        + Values.scripts(k) + "); which one is meant cannot be known");
            }
            for (String w : wanted) {
                if (w.equals(k)) {
                    wantedSeen.add(w);
                } else if (normalKey(w).equals(norm)) {
                    throw new IllegalArgumentException(file + ": " + where + (header ? ", column " + column
                            : "") + ": key '" + Values.visible(k) + "' is not the asked-for column '"
                            + Values.visible(w) + "' but differs from it only in case, spacing, width,"
                            + " invisible characters or look-alike letters (" + Values.scripts(k) + ") (did you"
                            + " mean '" + Values.visible(k) + "'?); name the column"
                            + " exactly as the file spells it");
                }
            }
        }
    }

    /**
     * {@link Values#skeleton} of a key (its normal form with Cyrillic and Greek look-alike letters read as the
     * Latin ones), remembered for the first 10,000 keys (keys repeat on every line).
     */
    private String normalKey(String k) {
        String n = normalKeys.get(k);
        if (n == null) {
            n = Values.skeleton(k);
            if (normalKeys.size() < 10_000) {
                normalKeys.put(k, n);
            }
        }
        return n;
    }

    /** Refuses an asked-for column that no record of a JSON Lines file has as a key. */
    void checkEveryKeySeen() {
        for (String w : wanted) {
            if (!wantedSeen.contains(w) && hasRows()) {
                throw new IllegalArgumentException(file + ": no line has the key '" + Values.visible(w) + "'"
                        + Values.didYouMean(w, keysSeen) + "; keys seen: " + keysSeen);
            }
        }
    }

    void checkPresent(List<String> header) {
        for (String c : wanted) {
            if (!header.contains(c)) {
                throw new IllegalArgumentException(file + ": no column '" + c + "'"
                        + Values.didYouMean(c, header) + "; columns: " + header);
            }
        }
    }

    /**
     * The only score texts read: a plain decimal (digits with at most one point, an optional exponent), e.g. 0.25,
     * .5, 1, 2.5e-1. Java's other number syntax ("NaN", "Infinity", "0.5d", "1f", "0x1p-1", a sign) is refused:
     * no exporter writes a probability that way, so such a cell cannot be read with certainty.
     */
    static final java.util.regex.Pattern PLAIN_DECIMAL = java.util.regex.Pattern.compile(
            "(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    /**
     * A stripped, non-empty score text as a number: its double value, or -1 if it is not a plain decimal or if its
     * exact value is above 1 (a text such as 1.0000000000000000001 rounds to the double 1.0; fresh-eyes finding,
     * issue 18). The caller refuses values outside [0, 1].
     */
    static double plainProbability(String t) {
        if (!PLAIN_DECIMAL.matcher(t).matches()) {
            return -1;
        }
        double v = Double.parseDouble(t);
        if (v == 1) {
            try {
                return new java.math.BigDecimal(t).compareTo(java.math.BigDecimal.ONE) > 0 ? -1 : v;
            } catch (NumberFormatException e) {
                return -1; // an exponent beyond an int: not a value that can be read with certainty
            }
        }
        return v;
    }

    /** A score cell read as a probability: NaN when empty; anything else not a plain decimal in [0, 1] is refused. */
    double score(String sc, String where) {
        String t = sc.strip();
        double v = t.isEmpty() ? Double.NaN : plainProbability(t);
        if (!Double.isNaN(v) && !(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(file + ": " + where + ": score column '" + spec.score()
                    + "' holds '" + Values.visible(sc) + "'; allowed: a probability from 0 to 1 as a plain decimal"
                    + " (e.g. 0.25 or 2.5e-1), or empty");
        }
        return v;
    }
}
