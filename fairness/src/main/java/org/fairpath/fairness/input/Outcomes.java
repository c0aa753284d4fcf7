package org.fairpath.fairness.input;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Observed outcomes of jobseekers whose decisions are in a decision log, read from a strict CSV file with exactly the
 * columns {@code jobseeker} (the id the log records), {@code outcome} ({@code 1}: employed, {@code 0}: not) and
 * {@code observed} (the date the outcome was observed, {@code YYYY-MM-DD}), in any order. Every problem is an error
 * naming the file, line and column: an unknown, missing or repeated column, a short or long row, an empty id, an
 * outcome other than 0 or 1, a date that is not a calendar date, the same jobseeker twice (naming both lines), bytes
 * that are not UTF-8. Nothing is guessed.
 *
 * @param file the file read (for messages)
 * @param rows one per jobseeker, in file order
 */
public record Outcomes(String file, List<Row> rows) {

    /** The columns, in the order they are described. */
    public static final List<String> COLUMNS = List.of("jobseeker", "outcome", "observed");

    public Outcomes {
        rows = List.copyOf(rows);
    }

    /**
     * One observed outcome.
     *
     * @param jobseeker the jobseeker id as recorded in the decision log
     * @param employed  the outcome
     * @param observed  when it was observed
     * @param line      the line of the file it came from
     */
    public record Row(String jobseeker, boolean employed, LocalDate observed, int line) {
    }

    /** Reads {@code file}. */
    public static Outcomes read(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader r = new InputStreamReader(Files.newInputStream(file), decoder)) {
            return read(r, file.toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("outcomes file " + file + " is not UTF-8 text");
        }
    }

    /** Reads outcomes from {@code in}; {@code name} names it in messages. */
    public static Outcomes read(Reader in, String name) throws IOException {
        Csv csv = new Csv(in, "outcomes file " + name);
        List<String> header = csv.next();
        if (header == null) {
            throw new IllegalArgumentException("outcomes file " + name + " is empty; expected a header with the"
                    + " columns " + COLUMNS);
        }
        int[] at = {-1, -1, -1};
        for (int c = 0; c < header.size(); c++) {
            int k = COLUMNS.indexOf(header.get(c));
            if (k < 0) {
                throw new IllegalArgumentException(where(name, csv.recordLine(), c) + ": unknown column '"
                        + header.get(c) + "'; the columns are " + COLUMNS);
            }
            if (at[k] >= 0) {
                throw new IllegalArgumentException(where(name, csv.recordLine(), c) + ": column '" + header.get(c)
                        + "' appears twice");
            }
            at[k] = c;
        }
        for (int k = 0; k < at.length; k++) {
            if (at[k] < 0) {
                throw new IllegalArgumentException("outcomes file " + name + " line " + csv.recordLine()
                        + ": column '" + COLUMNS.get(k) + "' is missing; the columns are " + COLUMNS);
            }
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (List<String> f = csv.next(); f != null; f = csv.next()) {
            int line = csv.recordLine();
            if (f.size() != header.size()) {
                throw new IllegalArgumentException("outcomes file " + name + " line " + line + ": " + f.size()
                        + " fields; the header has " + header.size());
            }
            String id = f.get(at[0]);
            if (id.isEmpty() || !id.equals(id.strip())) {
                throw new IllegalArgumentException(where(name, line, at[0]) + " (jobseeker): '" + id + "' is not a"
                        + " jobseeker id (empty, or with spaces around it)");
            }
            String o = f.get(at[1]);
            if (!o.equals("0") && !o.equals("1")) {
                throw new IllegalArgumentException(where(name, line, at[1]) + " (outcome): '" + o + "'; allowed: 1"
                        + " (employed) or 0 (not employed)");
            }
            LocalDate date;
            try {
                date = LocalDate.parse(f.get(at[2]));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(where(name, line, at[2]) + " (observed): '" + f.get(at[2])
                        + "' is not a date; allowed: YYYY-MM-DD");
            }
            Integer before = seen.putIfAbsent(id, line);
            if (before != null) {
                throw new IllegalArgumentException("outcomes file " + name + " line " + line + ": jobseeker '" + id
                        + "' already has an outcome on line " + before + "; one outcome per jobseeker");
            }
            rows.add(new Row(id, o.equals("1"), date, line));
        }
        return new Outcomes(name, rows);
    }

    private static String where(String name, int line, int column) {
        return "outcomes file " + name + " line " + line + ", column " + (column + 1);
    }
}
