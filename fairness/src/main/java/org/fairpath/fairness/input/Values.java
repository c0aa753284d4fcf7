package org.fairpath.fairness.input;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules that interpret text values with certainty or refuse them: favourable values must occur, unknown markers
 * must be named, near-misses are reported with "did you mean", and group labels that differ only in spacing, case,
 * width, invisible characters or number spelling are reported, merged or refused.
 */
final class Values {

    /** Texts that mean "not known" in many exports; a decision or outcome holding one must not count as known. */
    private static final Set<String> UNKNOWN_MARKERS = Set.of("na", "n/a", "nan", "null", "none", "?", "-", "--",
            "pending", "unknown", "missing", "#n/a", "(missing)", "tbd", "n.a.");

    /** More distinct numbers than this in a group column need bands. */
    static final int MAX_NUMERIC_LEVELS = 20;

    private Values() {
    }

    /**
     * Each case's decision: favourable or not. Every value seen must be classified with certainty: favourable, or
     * named in {@code unfavourable}, or the single value besides the favourable ones when none is named. What each
     * value was classified as goes to {@code notes}.
     */
    static boolean[] decisions(String where, List<String> values, Set<String> favourable, Set<String> unfavourable,
                               List<String> notes) {
        checkDecisions(where, counts(values), favourable, unfavourable, notes);
        boolean[] out = new boolean[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = favourable.contains(values.get(i));
        }
        return out;
    }

    /**
     * The checks of {@link #decisions} on the values' counts (in {@link #order}); a value that passes is favourable
     * when it is one of {@code favourable}, unfavourable otherwise.
     */
    static void checkDecisions(String where, Map<String, Integer> counts, Set<String> favourable,
                               Set<String> unfavourable, List<String> notes) {
        checkFavourable(where, counts, favourable, "--favourable-decision");
        requireUnfavourable(where, counts, favourable, Set.of(), "--favourable-decision");
        for (String v : counts.keySet()) {
            if (!favourable.contains(v) && (v.isBlank() || isUnknownMarker(v))) {
                throw new IllegalArgumentException(where + " holds '" + visible(v) + "' (" + counts.get(v)
                        + " cases), which reads as an unknown decision; every case needs a known decision. Values"
                        + " seen: " + seen(counts));
            }
        }
        classifyRest(where, counts, favourable, unfavourable, Set.of(), "--unfavourable-decision", notes);
    }

    /**
     * Each case's outcome: true, false, or null when unknown (empty or whitespace only, or one of {@code unknown}).
     * Every other value must be favourable, named in {@code unfavourable}, or the single remaining value when none
     * is named. What each value was classified as goes to {@code notes}.
     */
    static Boolean[] outcomes(String where, List<String> values, Set<String> favourable, Set<String> unfavourable,
                              Set<String> unknown, List<String> notes) {
        checkOutcomes(where, counts(values), favourable, unfavourable, unknown, notes);
        Boolean[] out = new Boolean[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = outcome(values.get(i), favourable, unknown);
        }
        return out;
    }

    /** A checked outcome value: null when unknown (blank or named unknown), else whether it is favourable. */
    static Boolean outcome(String v, Set<String> favourable, Set<String> unknown) {
        return v.isBlank() || unknown.contains(v) ? null : favourable.contains(v);
    }

    /** The checks of {@link #outcomes} on the values' counts (in {@link #order}; blank values are removed from it). */
    static void checkOutcomes(String where, Map<String, Integer> counts, Set<String> favourable,
                              Set<String> unfavourable, Set<String> unknown, List<String> notes) {
        int blank = 0;
        for (java.util.Iterator<Map.Entry<String, Integer>> it = counts.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Integer> e = it.next();
            if (e.getKey().isBlank()) {
                blank += e.getValue();
                it.remove();
            }
        }
        checkFavourable(where, counts, favourable, "--favourable-outcome");
        requireUnfavourable(where, counts, favourable, unknown, "--favourable-outcome");
        for (String v : counts.keySet()) {
            if (!favourable.contains(v) && !unknown.contains(v) && !unfavourable.contains(v) && isUnknownMarker(v)) {
                throw new IllegalArgumentException(where + " holds '" + v + "' (" + counts.get(v) + " cases), which"
                        + " reads as an unknown outcome but is not named as one; name it with --unknown-outcome "
                        + v + " (or as favourable). Values seen: " + seen(counts));
            }
        }
        classifyRest(where, counts, favourable, unfavourable, unknown, "--unfavourable-outcome", notes);
        if (blank > 0) {
            notes.add(where + ": " + String.format(Locale.ROOT, "%,d", blank) + " empty or blank cells read as "
                    + "unknown");
        }
    }

    /**
     * Refuses a column whose values besides the favourable and unknown ones are not classified with certainty:
     * named unfavourable values must occur, and with none named there must be at most one other value.
     */
    private static void classifyRest(String where, Map<String, Integer> counts, Set<String> favourable,
                                     Set<String> unfavourable, Set<String> unknown, String option,
                                     List<String> notes) {
        for (String u : unfavourable) {
            if (!counts.containsKey(u)) {
                throw new IllegalArgumentException(where + ": the unfavourable value '" + u + "' never occurs"
                        + didYouMean(u, counts.keySet()) + "; values seen: " + seen(counts) + " (set " + option
                        + ")");
            }
        }
        Map<String, Integer> rest = new LinkedHashMap<>();
        counts.forEach((v, n) -> {
            if (!favourable.contains(v) && !unknown.contains(v) && !unfavourable.contains(v)) {
                rest.put(v, n);
            }
        });
        if (!rest.isEmpty() && (!unfavourable.isEmpty() || rest.size() > 1)) {
            StringBuilder hints = new StringBuilder();
            for (String v : rest.keySet()) {
                String hint = nearFavourable(v, favourable);
                if (!hint.isEmpty()) {
                    hints.append("; '").append(visible(v)).append("'").append(hint);
                }
            }
            throw new IllegalArgumentException(where + " holds " + rest.size() + " value" + (rest.size() == 1 ? ""
                    : "s") + " that are neither favourable" + (unknown.isEmpty() ? "" : " nor unknown") + (unfavourable
                    .isEmpty() ? "" : " nor named unfavourable") + ": " + seen(rest) + hints + "; name the"
                    + " unfavourable ones with " + option + " V[,V] (values seen: " + seen(counts) + ")");
        }
        if (rest.size() == 1 && unfavourable.isEmpty()) {
            String v = rest.keySet().iterator().next();
            for (String f : favourable) {
                String why = variantOf(v, f);
                if (why != null) {
                    throw new IllegalArgumentException(where + " holds '" + visible(v) + "' (" + rest.get(v)
                            + " cases) as its only value besides the favourable ones, and it " + why + " '"
                            + visible(f) + "', so reading it as unfavourable would be a guess. Values seen: "
                            + seen(counts) + ". Say what it means: " + option + " " + visible(v)
                            + " if it is unfavourable, or " + option.replace("--unfavourable-", "--favourable-")
                            + " " + String.join(",", favourable.stream().map(Values::visible).toList()) + ","
                            + visible(v) + " if it is favourable");
                }
            }
        }
        StringBuilder s = new StringBuilder(where + " read as: ");
        List<String> parts = new ArrayList<>();
        counts.forEach((v, n) -> parts.add("'" + visible(v) + "' " + String.format(Locale.ROOT, "%,d", n) + " "
                + (favourable.contains(v) ? "favourable" : unknown.contains(v) ? "unknown" : "unfavourable")));
        notes.add(s.append(String.join(", ", parts)).toString());
    }

    /** The same yes/no meaning in another spelling, so likely meant as favourable. */
    private static final List<Set<String>> TRUTHS = List.of(Set.of("yes", "y", "true", "1", "t", "ja", "j", "oui"),
            Set.of("no", "n", "false", "0", "f", "nein", "non"));

    /** Spellings of yes and of no; {@link #variantOf} treats those of one set as one value. */
    private static final List<Set<String>> SYNONYMS = List.of(Set.of("y", "yes", "true", "1", "t"),
            Set.of("n", "no", "false", "0", "f"));

    /**
     * Why {@code v} may be the favourable value {@code f} in another spelling, or null: both in one set of
     * {@link #SYNONYMS} ("Y" and "yes", "true" and "1"), or one edit apart once normalised when the longer has at
     * least 3 characters ("yes." and "yes"; "1" and "0", "1" and "2" are not judged, as every two one-character
     * values are one edit apart; no spelling of yes is one edit from a spelling of no of 3 or more characters).
     */
    static String variantOf(String v, String f) {
        String a = normal(v);
        String b = normal(f);
        for (Set<String> t : SYNONYMS) {
            if (t.contains(a) && t.contains(b)) {
                return "is a synonym of the favourable";
            }
        }
        return Math.max(a.length(), b.length()) >= 3 && distance(a, b) <= 1
                ? "is one edit away from the favourable" : null;
    }

    /** " (did you mean 'yes'?)" when {@code v} is a near-miss or another spelling of a favourable value, or "". */
    private static String nearFavourable(String v, Set<String> favourable) {
        String d = didYouMean(v, favourable);
        if (!d.isEmpty()) {
            return d;
        }
        for (String f : favourable) {
            for (Set<String> t : TRUTHS) {
                if (t.contains(normal(v)) && t.contains(normal(f))) {
                    return " (did you mean '" + visible(f) + "'?)";
                }
            }
        }
        return "";
    }

    /**
     * Refuses a column in which every known value is named favourable: no case could be unfavourable, so every rate
     * would be 1 and every check would pass without saying anything (e.g. {@code --favourable-decision yes,no}).
     */
    private static void requireUnfavourable(String where, Map<String, Integer> counts, Set<String> favourable,
                                            Set<String> unknown, String option) {
        if (counts.keySet().stream().filter(v -> !unknown.contains(v)).allMatch(favourable::contains)) {
            throw new IllegalArgumentException(where + ": every value seen is named favourable (values seen: "
                    + seen(counts) + "), so no case can be unfavourable and every rate would be 1; name only the"
                    + " favourable value(s) with " + option);
        }
    }

    private static void checkFavourable(String where, Map<String, Integer> counts, Set<String> favourable,
                                        String option) {
        for (String f : favourable) {
            if (!counts.containsKey(f)) {
                throw new IllegalArgumentException(where + ": the favourable value '" + f + "' never occurs"
                        + didYouMean(f, counts.keySet()) + "; values seen: " + seen(counts) + " (set " + option
                        + ")");
            }
        }
        // a value that is a favourable one in another spelling cannot be counted as unfavourable with certainty
        for (String v : counts.keySet()) {
            for (String f : favourable) {
                if (!v.equals(f) && !favourable.contains(v) && skeleton(v).equals(skeleton(f))) {
                    throw new IllegalArgumentException(where + " holds '" + visible(v) + "' (" + counts.get(v)
                            + " cases" + (normal(v).equals(normal(f)) ? "" : ", " + scripts(v)) + ") beside the"
                            + " favourable '" + visible(f) + "' (" + counts.get(f) + " cases" + (normal(v).equals(
                            normal(f)) ? "" : ", " + scripts(f)) + "): the same value spelled differently? Name both"
                            + " as favourable, or clean the data. Values seen: " + seen(counts));
                }
            }
        }
    }

    /**
     * The group labels of one attribute: banded when {@code cuts} is given (every non-empty value must then be a
     * number), refused when numeric with many values and no bands, and with colliding labels handled by
     * {@code policy}. Empty cells stay empty (the builder gives them their own group). {@code whereRow} names a row's
     * place in the file, e.g. "line 7".
     */
    static String[] groupLabels(String where, String attribute, List<String> values, double[] cuts,
                                AuditColumns.Labels policy, List<String> notes,
                                java.util.function.IntFunction<String> whereRow) {
        Map<String, String> labels = groupLabels(where, attribute, counts(values), cuts, policy, notes, text -> {
            int first = 0;
            while (!text.containsKey(values.get(first))) {
                first++;
            }
            return whereRow.apply(first) + ": cannot band '" + visible(values.get(first)) + "'";
        });
        String[] out = new String[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels.get(values.get(i));
        }
        return out;
    }

    /**
     * The checks of {@link #groupLabels(String, String, List, double[], AuditColumns.Labels, List,
     * java.util.function.IntFunction)} on the values' counts (in {@link #order}): each value seen, the empty one
     * included, to its label. {@code firstText} says where the first value that cannot be banded is, e.g.
     * "line 7: cannot band 'x'", given those values with their counts.
     */
    static Map<String, String> groupLabels(String where, String attribute, Map<String, Integer> seen, double[] cuts,
                                           AuditColumns.Labels policy, List<String> notes,
                                           java.util.function.Function<Map<String, Integer>, String> firstText) {
        Map<String, Integer> counts = new LinkedHashMap<>(seen);
        Integer literal = counts.get(AuditData.MISSING);
        if (literal != null) {
            throw new IllegalArgumentException(where + " holds the text '" + AuditData.MISSING + "' (" + literal
                    + " cases), which is the label of empty cells; it would merge with them. Rename it in the data");
        }
        counts.remove("");
        if (cuts != null) {
            Map<String, Integer> text = new LinkedHashMap<>();
            counts.forEach((v, n) -> {
                // as Bands reads it: "３０" (fullwidth digits) is a number to BigDecimal but not to the bands
                if (!bandable(v)) {
                    text.put(v, n);
                }
            });
            if (!text.isEmpty()) {
                throw new IllegalArgumentException(where + ": " + firstText.apply(text)
                        + ": bands need numbers, but the column holds text: "
                        + seen(text) + "; bands apply to numeric attributes only");
            }
            String[] distinct = seen.keySet().toArray(new String[0]);
            String[] banded = Bands.of(distinct, cuts);
            Map<String, String> labels = new java.util.HashMap<>();
            for (int i = 0; i < distinct.length; i++) {
                labels.put(distinct[i], banded[i]);
            }
            return labels;
        }
        requireBands(where, attribute, counts.keySet());
        // labels equal once normalised
        Map<String, List<String>> classes = new LinkedHashMap<>();
        Map<String, List<String>> looks = new LinkedHashMap<>();
        for (String v : counts.keySet()) {
            classes.computeIfAbsent(normal(v), k -> new ArrayList<>()).add(v);
            looks.computeIfAbsent(skeleton(v), k -> new ArrayList<>()).add(v);
        }
        // labels that look alike but are not equal once normalised, spellings of the empty cells' label and words
        // mixing scripts: never merged, since they are not certainly the same label
        List<String> uncertain = new ArrayList<>();
        java.util.Set<String> flagged = new java.util.HashSet<>();
        for (List<String> c : looks.values()) {
            if (c.stream().map(Values::normal).distinct().count() > 1) {
                uncertain.add(c.stream().map(v -> "'" + visible(v) + "' (" + counts.get(v) + ", " + scripts(v)
                        + ")").reduce((a, b) -> a + ", " + b).orElse("") + " look alike but are different letters");
                flagged.addAll(c);
            }
        }
        String missing = skeleton(AuditData.MISSING);
        List<String> spelledMissing = counts.keySet().stream().filter(v -> skeleton(v).equals(missing)).toList();
        if (!spelledMissing.isEmpty()) {
            uncertain.add(spelledMissing.stream().map(v -> "'" + visible(v) + "' (" + counts.get(v) + ")")
                    .reduce((a, b) -> a + ", " + b).orElse("") + " spell the label of empty cells '"
                    + AuditData.MISSING + "' (" + (counts.containsKey("") ? "" : "none here; ") + "empty cells are"
                    + " their own group)");
        }
        List<String> mixed = counts.keySet().stream().filter(v -> !flagged.contains(v) && mixesScriptsInAWord(v))
                .toList();
        if (!mixed.isEmpty()) {
            uncertain.add("mixes scripts in one word: " + mixed.stream().map(v -> "'" + visible(v) + "' ("
                    + counts.get(v) + ", " + scripts(v) + ")").reduce((a, b) -> a + ", " + b).orElse(""));
        }
        Map<String, String> rename = new LinkedHashMap<>();
        List<String> collisions = new ArrayList<>();
        for (List<String> c : classes.values()) {
            if (c.size() < 2) {
                continue;
            }
            String shown = c.stream().map(v -> "'" + visible(v) + "' (" + counts.get(v) + ")")
                    .reduce((a, b) -> a + ", " + b).orElse("");
            collisions.add(shown);
            String canonical = c.stream().max((a, b) -> Integer.compare(counts.get(a), counts.get(b))).orElseThrow();
            c.forEach(v -> rename.put(v, canonical));
        }
        if (!uncertain.isEmpty()) {
            switch (policy) {
                case STRICT -> throw new IllegalArgumentException(where + " holds labels that look the same but are"
                        + " different text: " + String.join("; ", uncertain) + ". They cannot be merged with"
                        + " certainty; correct the data");
                case NORMALISE -> uncertain.forEach(c -> notes.add(attribute + ": " + c + "; kept as separate groups,"
                        + " not merged (they are not certainly the same label; correct the data, or --strict"
                        + " refuses)"));
                default -> uncertain.forEach(c -> notes.add(attribute + ": " + c + "; kept as separate groups"
                        + " (--strict refuses; --normalise-labels does not merge them)"));
            }
        }
        if (!collisions.isEmpty()) {
            switch (policy) {
                case STRICT -> throw new IllegalArgumentException(where + " holds labels that differ only in spacing,"
                        + " case, width, invisible characters or number spelling: " + String.join("; ", collisions)
                        + " (--normalise-labels merges them)");
                case NORMALISE -> collisions.forEach(c -> notes.add(attribute + ": merged " + c
                        + " into one group (labels normalised)"));
                default -> collisions.forEach(c -> notes.add(attribute + ": " + c + " are kept as separate groups "
                        + "though they differ only in spelling (--normalise-labels merges them, --strict refuses)"));
            }
        }
        Map<String, String> labels = new java.util.HashMap<>();
        for (String v : seen.keySet()) {
            labels.put(v, policy == AuditColumns.Labels.NORMALISE ? rename.getOrDefault(v, v) : v);
        }
        return labels;
    }

    /** Refuses a group column of numbers with more than {@value #MAX_NUMERIC_LEVELS} distinct values. */
    static void requireBandsIfManyNumbers(String where, String attribute, String[] values) {
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                distinct.add(v);
            }
        }
        requireBands(where, attribute, distinct);
    }

    private static void requireBands(String where, String attribute, java.util.Set<String> distinctValues) {
        if (!distinctValues.isEmpty() && distinctValues.stream().allMatch(v -> number(v) != null)) {
            long distinct = distinctValues.stream().map(v -> number(v).stripTrailingZeros()).distinct().count();
            if (distinct > MAX_NUMERIC_LEVELS) {
                throw new IllegalArgumentException(where + " is numeric with " + distinct + " distinct values, one "
                        + "group each; give bands, e.g. --bands " + attribute + ":30,50");
            }
        }
    }

    /**
     * The comparison form of a label: invisible characters ({@link Display#invisible}) removed, Unicode NFKC, trimmed, case-folded; a number in
     * its plain form (25, 25.0 and 2.5e1 are one).
     */
    static String normal(String v) {
        String s = v;
        if (v.codePoints().anyMatch(Display::invisible)) {
            StringBuilder b = new StringBuilder(v.length());
            v.codePoints().filter(c -> !Display.invisible(c)).forEach(b::appendCodePoint);
            s = b.toString();
        }
        s = Normalizer.normalize(s, Normalizer.Form.NFKC).strip();
        s = Normalizer.normalize(s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
        BigDecimal n = number(s);
        return n == null ? s : n.compareTo(BigDecimal.ZERO) == 0 ? "0" : n.stripTrailingZeros().toPlainString();
    }

    static boolean isUnknownMarker(String v) {
        return UNKNOWN_MARKERS.contains(skeleton(v));
    }

    /**
     * Capital letters of Cyrillic and Greek that look like a Latin capital (or, for Ze, the digit 3) in common fonts,
     * mapped to it: a subset of Unicode's confusables (UTS #39) for the scripts used in Europe. Labels are compared in
     * capitals (see {@link #skeleton}), so a small Cyrillic "а" is caught through its capital "А". Not covered: other
     * scripts (Armenian, Cherokee, ...), small letters whose capital looks different (Greek "ν" like "v", "υ" like
     * "u"), digit and punctuation look-alikes within Latin (0 and O, 1 and l), Latin letters with diacritics that
     * resemble others.
     */
    static final Map<Integer, Character> CONFUSABLE = confusables(
            // Cyrillic capitals
            "\u0410A \u0412B \u0415E \u041AK \u041CM \u041DH \u041EO \u0420P \u0421C \u0422T \u0423Y"
            + " \u0425X \u0405S \u0406I \u0408J \u04C0I \u04173 \u0500D \u04BAH \u051AQ \u051CW"
            // Greek capitals
            + " \u0391A \u0392B \u0395E \u0396Z \u0397H \u0399I \u039AK \u039CM \u039DN \u039FO \u03A1P"
            + " \u03A4T \u03A5Y \u03A7X");

    private static Map<Integer, Character> confusables(String pairs) {
        Map<Integer, Character> m = new java.util.HashMap<>();
        for (String pair : pairs.trim().split(" +")) {
            if (pair.length() != 2) {
                throw new IllegalStateException("look-alike table entry '" + pair + "' is not two characters");
            }
            m.put((int) pair.charAt(0), pair.charAt(1));
        }
        return Map.copyOf(m);
    }

    /**
     * The look-alike form of a value: its {@link #normal} form in capitals, with the Cyrillic and Greek capitals that
     * look like Latin ones replaced by them (see {@link #CONFUSABLE}), normalised again. Values equal once normalised
     * have equal skeletons; two labels with the same skeleton but different normal forms look the same (in some
     * letter case) and are different text.
     */
    static String skeleton(String v) {
        String s = normal(v).toUpperCase(Locale.ROOT);
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            Character c = CONFUSABLE.get((int) s.charAt(i));
            if (c != null) {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, c);
            }
        }
        return normal(b == null ? s : b.toString());
    }

    /** The scripts of a value's letters, e.g. "Latin", "Cyrillic", "Latin+Cyrillic", or "no letters". */
    static String scripts(String v) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        v.codePoints().filter(Character::isLetter).forEach(c -> names.add(scriptName(c)));
        return names.isEmpty() ? "no letters" : String.join("+", names);
    }

    private static String scriptName(int c) {
        String n = Character.UnicodeScript.of(c).name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /**
     * Whether one word (a run of letters and combining marks) of {@code v} holds letters of two of the scripts Latin,
     * Cyrillic and Greek.
     */
    static boolean mixesScriptsInAWord(String v) {
        Character.UnicodeScript word = null;
        for (int i = 0; i < v.length(); ) {
            int c = v.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetter(c)) {
                Character.UnicodeScript s = Character.UnicodeScript.of(c);
                // only the scripts whose look-alikes are mapped: Japanese, for one, mixes scripts in a word by design
                if (s == Character.UnicodeScript.LATIN || s == Character.UnicodeScript.CYRILLIC
                        || s == Character.UnicodeScript.GREEK) {
                    if (word != null && word != s) {
                        return true;
                    }
                    word = s;
                }
            } else if (Character.getType(c) != Character.NON_SPACING_MARK
                    && Character.getType(c) != Character.COMBINING_SPACING_MARK
                    && Character.getType(c) != Character.FORMAT) {
                word = null;
            }
        }
        return false;
    }

    /** Whether bands read {@code v} as a number (a non-empty value that is not is refused in a banded column). */
    static boolean bandable(String v) {
        return number(v) != null && !Double.isNaN(Bands.value(v));
    }

    private static BigDecimal number(String v) {
        if (v.isEmpty() || v.length() > 40) {
            return null;
        }
        try {
            return new BigDecimal(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, Integer> counts(List<String> values) {
        Map<String, Integer> m = new java.util.HashMap<>();
        for (String v : values) {
            m.merge(v, 1, Integer::sum);
        }
        return order(m);
    }

    /**
     * The values in the one order every rule and note uses: most frequent first, ties in text order. It depends on
     * the counts only, never on the order of the rows, so an audit of the same cases in another order (partitions,
     * regions merged) reads, notes and merges labels exactly alike.
     */
    static Map<String, Integer> order(Map<String, Integer> counts) {
        List<Map.Entry<String, Integer>> l = new ArrayList<>(counts.entrySet());
        l.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
                : Integer.compare(b.getValue(), a.getValue()));
        Map<String, Integer> m = new LinkedHashMap<>();
        l.forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    /** "'yes' 3,000, 'no' 3,172", most frequent first, at most 20. */
    static String seen(Map<String, Integer> counts) {
        List<Map.Entry<String, Integer>> l = new ArrayList<>(counts.entrySet());
        l.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < l.size() && i < 20; i++) {
            s.append(i == 0 ? "" : ", ").append('\'').append(visible(l.get(i).getKey())).append("' ")
                    .append(String.format(Locale.ROOT, "%,d", l.get(i).getValue()));
        }
        if (l.size() > 20) {
            s.append(", ... (").append(l.size()).append(" values)");
        }
        return l.isEmpty() ? "none" : s.toString();
    }

    /** Invisible and control characters shown as {@code \\uXXXX}, so a message says what is really there. */
    static String visible(String v) {
        StringBuilder s = new StringBuilder();
        v.codePoints().limit(80).forEach(c -> {
            if (Display.invisible(c) || Character.isISOControl(c)
                    || Character.getType(c) == Character.SPACE_SEPARATOR && c != ' ') {
                s.append(String.format(Locale.ROOT, "\\u%04X", c));
            } else {
                s.appendCodePoint(c);
            }
        });
        return v.codePointCount(0, v.length()) > 80 ? s + "..." : s.toString();
    }

    /** " (did you mean 'yes'?)" for the closest seen value, or "". */
    static String didYouMean(String wanted, Collection<String> seen) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String s : seen) {
            int d = normal(s).equals(normal(wanted)) ? 0 : distance(normal(s), normal(wanted));
            if (d < bestDistance) {
                bestDistance = d;
                best = s;
            }
        }
        return best != null && bestDistance <= Math.max(1, wanted.length() / 3) ? " (did you mean '" + visible(best)
                + "'?)" : "";
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3 || a.length() > 64 || b.length() > 64) {
            return Integer.MAX_VALUE;
        }
        return org.fairpath.core.Names.distance(a, b, Integer.MAX_VALUE);
    }
}
