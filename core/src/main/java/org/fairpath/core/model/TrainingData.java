package org.fairpath.core.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.fairpath.core.Attribute;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Problem;
import org.fairpath.core.ServiceCatalogue;
import org.fairpath.core.ValidationException;

/**
 * A PES's own historical cases read from a CSV file: one row per case, a header row naming the columns, a column per
 * schema attribute, a case-id column, the service received and the outcome. Values are coerced by the schema: numbers
 * for numeric attributes, {@code true/false/1/0/yes/no} (exactly, lower case) for booleans and the outcome, level
 * names for categorical and ordinal attributes; an empty field is an unknown value. Nothing is guessed: an unknown
 * column, a value that cannot be read with certainty, an unknown service or a duplicate case id is an error naming the
 * line and column, and nothing is returned until every row is valid.
 *
 * <p>The file is UTF-8 with comma separators; fields may be quoted with {@code "} (RFC 4180, quotes doubled inside).
 */
public final class TrainingData {

    /** Booleans read with certainty; anything else is an error. */
    private static final Map<String, Boolean> BOOLEANS = Map.of("true", true, "false", false, "1", true, "0", false,
            "yes", true, "no", false);
    private static final int MAX_REPORTED = 20;

    private TrainingData() {
    }

    /**
     * Which columns of the CSV hold what.
     *
     * @param idColumn      the case id (pseudonym) column; ids must be unique
     * @param serviceColumn the service received ({@code no_programme} or a catalogue id)
     * @param outcomeColumn the outcome: employed within the horizon
     * @param ignored       further columns that are read past on purpose (any other column not in the schema is an
     *                      error)
     */
    public record Columns(String idColumn, String serviceColumn, String outcomeColumn, Set<String> ignored) {
        public Columns {
            Objects.requireNonNull(idColumn, "idColumn");
            Objects.requireNonNull(serviceColumn, "serviceColumn");
            Objects.requireNonNull(outcomeColumn, "outcomeColumn");
            ignored = Set.copyOf(ignored);
        }

        public static Columns of(String idColumn, String serviceColumn, String outcomeColumn) {
            return new Columns(idColumn, serviceColumn, outcomeColumn, Set.of());
        }

        public Columns ignoring(String... columns) {
            Set<String> s = new LinkedHashSet<>(ignored);
            s.addAll(List.of(columns));
            return new Columns(idColumn, serviceColumn, outcomeColumn, s);
        }
    }

    /**
     * Reads every case of {@code file}.
     *
     * @param progress called with a short message every 10,000 rows and at the end (may be null)
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException listing up to 20 problems, each with its line and column, if anything cannot be
     *                                  read with certainty
     */
    public static List<TrainingCase> fromCsv(Path file, ServiceCatalogue catalogue, Columns columns,
                                             java.util.function.Consumer<String> progress) throws IOException {
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(columns, "columns");
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                decoder))) {
            return read(in, file.toString(), catalogue, columns, progress);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not valid UTF-8");
        }
    }

    static List<TrainingCase> read(BufferedReader in, String name, ServiceCatalogue catalogue, Columns columns,
                                   java.util.function.Consumer<String> progress) throws IOException {
        String headerLine = in.readLine();
        if (headerLine == null) {
            throw new IllegalArgumentException(name + " is empty; a header row is needed");
        }
        if (headerLine.startsWith("\uFEFF")) {
            headerLine = headerLine.substring(1);
        }
        List<String> header = split(headerLine, 1, name);
        List<Attribute> attributes = catalogue.schema().attributes();
        Map<String, Integer> at = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            String h = header.get(c);
            if (at.put(h, c) != null) {
                problems.add("line 1: column '" + h + "' appears twice");
            }
        }
        Set<String> known = new LinkedHashSet<>();
        attributes.forEach(a -> known.add(a.name()));
        known.add(columns.idColumn());
        known.add(columns.serviceColumn());
        known.add(columns.outcomeColumn());
        // an ignored column must be one the file has and nothing else reads: ignoring a schema attribute (e.g. a
        // protected one) cannot take it out of the models, so accepting it would let the caller believe it did
        for (String ig : columns.ignored()) {
            if (attributes.stream().anyMatch(a -> a.name().equals(ig))) {
                problems.add("ignored column '" + ig + "' is a schema attribute, which the models read; to leave it"
                        + " out, remove it from the schema");
            } else if (known.contains(ig)) {
                problems.add("ignored column '" + ig + "' is the " + (ig.equals(columns.idColumn()) ? "id"
                        : ig.equals(columns.serviceColumn()) ? "service" : "outcome") + " column; allowed: a"
                        + " column of the file that is none of these");
            } else if (!at.containsKey(ig)) {
                String near = org.fairpath.core.Names.nearest(ig, header);
                problems.add("line 1: no column '" + ig + "' to ignore" + (near == null ? "" : " (did you mean '"
                        + near + "'?)") + "; header: " + header);
            }
        }
        for (String h : header) {
            if (!known.contains(h) && !columns.ignored().contains(h)) {
                problems.add("line 1: column '" + h + "' is neither a schema attribute nor the id, service or"
                        + " outcome column, and is not listed as ignored; known: " + known);
            }
        }
        for (String k : known) {
            if (!at.containsKey(k)) {
                problems.add("line 1: no column '" + k + "'" + (attributes.stream().anyMatch(a -> a.name().equals(k))
                        ? " for schema attribute '" + k + "'" : "") + "; header: " + header);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(name + ": " + String.join("; ", problems));
        }
        List<String> services = new ArrayList<>();
        services.add(ServiceCatalogue.BASELINE);
        services.addAll(catalogue.ids());
        List<TrainingCase> cases = new ArrayList<>();
        Map<String, Integer> seenIds = new HashMap<>();
        String line;
        int lineNo = 1;
        int errors = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            List<String> f;
            try {
                f = split(line, lineNo, name);
            } catch (IllegalArgumentException e) {
                errors += add(problems, e.getMessage());
                continue;
            }
            if (f.size() != header.size()) {
                errors += add(problems, "line " + lineNo + ": " + f.size() + " fields; the header has "
                        + header.size());
                continue;
            }
            String id = f.get(at.get(columns.idColumn()));
            Integer earlier = seenIds.putIfAbsent(id, lineNo);
            if (earlier != null) {
                errors += add(problems, "line " + lineNo + ", column '" + columns.idColumn() + "': case id '" + id
                        + "' already used on line " + earlier + "; case ids must be unique");
                continue;
            }
            String service = f.get(at.get(columns.serviceColumn()));
            if (!services.contains(service)) {
                errors += add(problems, "line " + lineNo + ", column '" + columns.serviceColumn() + "': unknown"
                        + " service '" + service + "'" + nearMiss(service, services) + "; known: " + services);
                continue;
            }
            String outcomeText = f.get(at.get(columns.outcomeColumn()));
            Boolean outcome = BOOLEANS.get(outcomeText);
            if (outcome == null) {
                errors += add(problems, "line " + lineNo + ", column '" + columns.outcomeColumn() + "': '"
                        + outcomeText + "' is not an outcome; allowed: true/false, 1/0, yes/no");
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            boolean bad = false;
            for (Attribute a : attributes) {
                String text = f.get(at.get(a.name()));
                try {
                    values.put(a.name(), coerce(a, text));
                } catch (IllegalArgumentException e) {
                    errors += add(problems, "line " + lineNo + ", column '" + a.name() + "': " + e.getMessage());
                    bad = true;
                }
            }
            if (bad) {
                continue;
            }
            try {
                cases.add(new TrainingCase(JobseekerProfile.of(catalogue.schema(), id, values), service, outcome));
            } catch (ValidationException e) {
                for (Problem p : e.problems()) {
                    errors += add(problems, "line " + lineNo + ", column '" + p.path() + "': " + p.message());
                }
            }
            if (progress != null && cases.size() % 10_000 == 0 && !cases.isEmpty()) {
                progress.accept(String.format(Locale.ROOT, "read %,d cases", cases.size()));
            }
        }
        if (errors > 0) {
            throw new IllegalArgumentException(name + ": " + errors + " problem(s)" + (errors > MAX_REPORTED
                    ? ", the first " + MAX_REPORTED : "") + ": " + String.join("; ", problems));
        }
        if (cases.isEmpty()) {
            throw new IllegalArgumentException(name + " has a header but no cases");
        }
        if (progress != null) {
            progress.accept(String.format(Locale.ROOT, "read %,d cases from %s", cases.size(), name));
        }
        return cases;
    }

    private static int add(List<String> problems, String p) {
        if (problems.size() < MAX_REPORTED) {
            problems.add(p);
        }
        return 1;
    }

    /** The value of {@code text} for attribute {@code a}: null when empty, else by type, refusing anything unsure. */
    static Object coerce(Attribute a, String text) {
        if (text.isEmpty()) {
            return null;
        }
        switch (a.type()) {
            case NUMERIC -> {
                String t = text.strip();
                if (!t.equals(text) || !t.matches("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
                    throw new IllegalArgumentException("'" + text + "' is not a number; " + a.describeAllowed());
                }
                double v = Double.parseDouble(t);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("'" + text + "' is out of range; " + a.describeAllowed());
                }
                return v;
            }
            case BOOLEAN -> {
                Boolean b = BOOLEANS.get(text);
                if (b == null) {
                    throw new IllegalArgumentException("'" + text + "' is not a boolean"
                            + nearMiss(text, List.copyOf(BOOLEANS.keySet())) + "; allowed: true/false, 1/0, yes/no");
                }
                return b;
            }
            default -> {
                return text; // a level: the profile validator reports unknown levels with near misses
            }
        }
    }

    private static String nearMiss(String seen, List<String> allowed) {
        for (String s : allowed) {
            if (!s.equals(seen) && s.equalsIgnoreCase(seen.strip())) {
                return " (did you mean '" + s + "'?)";
            }
        }
        return "";
    }

    /** Splits one CSV line (RFC 4180 quoting within the line). */
    static List<String> split(String line, int lineNo, String name) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        sb.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    sb.append(ch);
                }
            } else if (ch == ',') {
                out.add(sb.toString());
                sb.setLength(0);
                wasQuoted = false;
            } else if (ch == '"' && sb.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (ch == '"' || wasQuoted) {
                throw new IllegalArgumentException("line " + lineNo + ", field " + (out.size() + 1)
                        + ": a quote inside an unquoted field or text after a closing quote");
            } else {
                sb.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + lineNo + ": unterminated quoted field (fields may not span"
                    + " lines in " + name.toLowerCase(Locale.ROOT).replace('\\', '/') + ")");
        }
        out.add(sb.toString());
        return out;
    }
}
