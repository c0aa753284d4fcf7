package org.fairpath.fairness.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fairpath.core.Fairpath;
import org.fairpath.fairness.audit.AuditPolicy;
import org.fairpath.fairness.input.AuditColumns;
import org.fairpath.fairness.input.ValueCounts;
import org.fairpath.fairness.metrics.AuditSettings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Audit counts to exchange, e.g. from regions to a central oversight team: the {@link ValueCounts} of the audited columns
 * (cases counted by their values; no row, no identifier), the columns and settings they are to be read with, and the
 * inputs they were counted from (description, SHA-256, cases). Versioned JSON ({@value #KIND}, schema version
 * {@value #SCHEMA_VERSION}) with a SHA-256 of its own content, so an edited or damaged file is refused (it is a check
 * against accidents, not a signature: whoever edits the file can recompute it).
 *
 * <p>Small groups are NOT suppressed here: suppression applies when the merged report is written, so the file holds
 * every count and must be handled as the counts of personal data it summarises.
 *
 * @param counts      the counts
 * @param depth      intersections of up to this many attributes
 * @param settings   how the audit computes and reports
 * @param policy     the audit's thresholds
 * @param references the reference level per attribute (empty: each grouping's largest group)
 * @param inputs     what was counted
 */
public record CountsFile(ValueCounts counts, int depth, AuditSettings settings, AuditPolicy policy,
                         Map<String, String> references, List<Source> inputs) {

    /** The version of the counts contract this class writes and reads. */
    public static final int SCHEMA_VERSION = 1;
    /** The {@code kind} of a counts file. */
    public static final String KIND = "fairpath-audit-counts";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Reading: a key given twice, or anything after the document, is an error (which one is meant is not known). */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * One input counted.
     *
     * @param description e.g. the file name or table
     * @param sha256      the input's SHA-256, or null when it is not a file
     * @param rows        its cases
     */
    public record Source(String description, String sha256, long rows) {
        public Source {
            Objects.requireNonNull(description, "description");
            if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("the sha256 of input '" + description + "' is '" + sha256
                        + "'; allowed: 64 lower-case hex digits, or null when the input is not a file");
            }
            if (rows < 0) {
                throw new IllegalArgumentException("input '" + description + "' has " + rows + " rows");
            }
        }
    }

    public CountsFile {
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(policy, "policy");
        references = Map.copyOf(references);
        inputs = List.copyOf(inputs);
        if (depth < 1 || depth > counts.columns().groups().size()) {
            throw new IllegalArgumentException("depth is " + depth + "; allowed: 1 to "
                    + counts.columns().groups().size() + " (the number of group attributes)");
        }
        for (String a : references.keySet()) {
            if (!counts.columns().groups().contains(a)) {
                throw new IllegalArgumentException("reference for unknown attribute '" + a + "'; attributes: "
                        + counts.columns().groups());
            }
        }
    }

    /**
     * The audit of these counts: read with the input rules ({@link ValueCounts#interpret}), every metric for every grouping,
     * the policy's findings, and with a score column the score metrics by each attribute, as {@code fairpath audit}
     * computes them for a file with the same cases. Small groups are suppressed here, by the settings.
     *
     * @param where names the data in notes and messages, as the file name does for {@code fairpath audit}
     * @throws IllegalArgumentException as the input rules do
     */
    public Result audit(String where) {
        ValueCounts.Reading r = counts.interpret(where, depth);
        org.fairpath.fairness.audit.Audit a = org.fairpath.fairness.audit.Audit.run(r.counts(), settings, policy,
                references);
        List<org.fairpath.fairness.metrics.ScoreFrame> scores = new ArrayList<>();
        if (counts.columns().score() != null) {
            org.fairpath.fairness.stats.ScoreCounts all = r.scoreCounts();
            for (List<String> g : r.counts().groupings()) {
                // as fairpath audit: by each grouping audited (attributes and intersections), 10 calibration bins
                scores.add(org.fairpath.fairness.metrics.ScoreFrame.of(all.by(g), 10, settings));
            }
        }
        return new Result(a, r.notes(), scores);
    }

    /**
     * An audit from counts.
     *
     * @param audit  the audit
     * @param notes  what reading the counts noticed
     * @param scores the score metrics by each attribute (empty without a score column)
     */
    public record Result(org.fairpath.fairness.audit.Audit audit, List<String> notes,
                         List<org.fairpath.fairness.metrics.ScoreFrame> scores) {
        public Result {
            notes = List.copyOf(notes);
            scores = List.copyOf(scores);
        }

        /** The JSON report, as {@link AuditReport#toJson(org.fairpath.fairness.audit.Audit, List, List, String,
         * String, java.time.Instant)}. */
        public String toJson(String description, String sha256, java.time.Instant created) {
            return AuditReport.toJson(audit, scores, notes, description, sha256, created);
        }
    }

    /** The file's JSON: stable key order, cells in a fixed order, with its content hash last. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("kind", KIND);
        root.put("fairpathVersion", Fairpath.VERSION);
        columns(root.putObject("columns"), counts.columns());
        ObjectNode s = root.putObject("settings");
        s.put("intersectionDepth", depth);
        s.put("confidence", settings.confidence());
        s.put("minGroupSize", settings.minGroupSize());
        strings(s.putArray("reference"), settings.reference());
        s.put("compatibility", settings.compatibility().name());
        ObjectNode refs = s.putObject("references");
        new TreeMap<>(references).forEach(refs::put);
        ObjectNode pol = s.putObject("policy");
        pol.put("minSelectionRatio", policy.minSelectionRatio());
        pol.put("maxOpportunityGap", policy.maxOpportunityGap());
        pol.put("maxOddsGap", policy.maxOddsGap());
        pol.put("maxOverrideGap", policy.maxOverrideGap());
        pol.put("maxServiceShareGap", policy.maxServiceShareGap());
        ArrayNode in = root.putArray("inputs");
        for (Source src : inputs) {
            ObjectNode o = in.addObject();
            o.put("description", src.description());
            o.put("sha256", src.sha256());
            o.put("rows", src.rows());
        }
        root.put("rows", counts.rows());
        List<Object[]> cells = new ArrayList<>();
        counts.forEachCell((values, cases, scores) -> cells.add(new Object[] {values, cases, new TreeMap<>(scores)}));
        cells.sort((x, y) -> compare(cast(x[0]), cast(y[0])));
        ArrayNode cs = root.putArray("cells");
        for (Object[] c : cells) {
            ObjectNode o = cs.addObject();
            strings(o.putArray("values"), cast(c[0]));
            o.put("cases", (Long) c[1]);
            if (counts.columns().score() != null) {
                ArrayNode sc = o.putArray("scores");
                @SuppressWarnings("unchecked")
                Map<Long, Long> bits = (Map<Long, Long>) c[2];
                // by score value, written as Java's shortest text that reads back as the same double
                bits.entrySet().stream().sorted((a, b) -> Double.compare(Double.longBitsToDouble(a.getKey()),
                        Double.longBitsToDouble(b.getKey()))).forEach(e -> sc.addArray()
                        .add(Double.longBitsToDouble(e.getKey())).add(e.getValue()));
            }
        }
        ObjectNode unb = root.putObject("unbandable");
        counts.unbandable().forEach((a, m) -> {
            ObjectNode o = unb.putObject(a);
            new TreeMap<>(m).forEach(o::put);
        });
        root.put("contentSha256", sha256(compact(root)));
        try {
            return JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the counts file", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> cast(Object o) {
        return (List<String>) o;
    }

    private static int compare(List<String> x, List<String> y) {
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = x.get(i).compareTo(y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    private static void columns(ObjectNode o, AuditColumns c) {
        strings(o.putArray("groups"), c.groups());
        o.put("decision", c.decision());
        strings(o.putArray("favourableDecision"), new TreeSet<>(c.favourableDecision()));
        strings(o.putArray("unfavourableDecision"), new TreeSet<>(c.unfavourableDecision()));
        o.put("outcome", c.outcome());
        strings(o.putArray("favourableOutcome"), new TreeSet<>(c.favourableOutcome()));
        strings(o.putArray("unfavourableOutcome"), new TreeSet<>(c.unfavourableOutcome()));
        strings(o.putArray("unknownOutcome"), new TreeSet<>(c.unknownOutcome()));
        o.put("score", c.score());
        o.put("labels", c.labels().name());
        ObjectNode b = o.putObject("bands");
        for (String g : c.groups()) {
            double[] cuts = c.bands().get(g);
            if (cuts != null) {
                ArrayNode a = b.putArray(g);
                Arrays.stream(cuts).forEach(a::add);
            }
        }
    }

    private static void strings(ArrayNode a, Iterable<String> values) {
        values.forEach(a::add);
    }

    private static String compact(JsonNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the counts file", e);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Reads a counts file.
     *
     * @param name names the file in messages
     * @throws IllegalArgumentException naming the file and the field: not a counts file, an unsupported schema version,
     *                                  a content hash that does not match (edited or damaged), an unknown or missing
     *                                  field, a value of the wrong kind
     */
    public static CountsFile fromJson(String text, String name) {
        JsonNode root;
        try {
            root = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + " is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(name + " is not a fairpath counts file (not a JSON object)");
        }
        if (!KIND.equals(root.path("kind").asText(null))) {
            throw new IllegalArgumentException(name + " is not a fairpath counts file: kind is "
                    + root.path("kind") + "; expected \"" + KIND + "\"");
        }
        JsonNode version = root.get("schemaVersion");
        if (version == null || !version.isInt() || version.asInt() != SCHEMA_VERSION) {
            throw new IllegalArgumentException(name + ": schemaVersion " + version + " is not supported; this"
                    + " fairpath (" + Fairpath.VERSION + ") reads counts files of schemaVersion " + SCHEMA_VERSION);
        }
        ObjectNode body = ((ObjectNode) root).deepCopy();
        JsonNode hash = body.remove("contentSha256");
        if (hash == null || !hash.isTextual()) {
            throw new IllegalArgumentException(name + ": no contentSha256; a counts file carries the SHA-256 of its"
                    + " content");
        }
        if (!sha256(compact(body)).equals(hash.asText())) {
            throw new IllegalArgumentException(name + ": the content does not match its contentSha256; the file was"
                    + " edited or damaged after it was written. Write it again from the data");
        }
        JsonNode writtenBy = root.get("fairpathVersion");
        if (writtenBy == null || !Fairpath.VERSION.equals(writtenBy.asText())) {
            throw new IllegalArgumentException(name + " was written by fairpath " + writtenBy + "; this is fairpath "
                    + Fairpath.VERSION + ", and counts are merged only with the version that wrote them (how values"
                    + " are counted and read may differ between versions): count the data again with this version");
        }
        Reader r = new Reader(name);
        r.fields(root, "the file", "schemaVersion", "kind", "fairpathVersion", "columns", "settings", "inputs", "rows",
                "cells", "unbandable", "contentSha256");
        AuditColumns columns = r.columns(r.object(root, "columns"));
        JsonNode s = r.object(root, "settings");
        r.fields(s, "settings", "intersectionDepth", "confidence", "minGroupSize", "reference", "compatibility",
                "references", "policy");
        AuditSettings settings;
        try {
            settings = new AuditSettings(r.number(s, "confidence"), r.integer(s, "minGroupSize"),
                    r.strings(s, "reference"), AuditSettings.Compatibility.valueOf(r.text(s, "compatibility")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": settings: " + e.getMessage());
        }
        JsonNode p = r.object(s, "policy");
        r.fields(p, "settings.policy", "minSelectionRatio", "maxOpportunityGap", "maxOddsGap", "maxOverrideGap",
                "maxServiceShareGap");
        AuditPolicy policy;
        try {
            policy = new AuditPolicy(r.number(p, "minSelectionRatio"), r.number(p, "maxOpportunityGap"),
                    r.number(p, "maxOddsGap"), r.number(p, "maxOverrideGap"), r.number(p, "maxServiceShareGap"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": settings.policy: " + e.getMessage());
        }
        Map<String, String> refs = new LinkedHashMap<>();
        r.object(s, "references").fields().forEachRemaining(e -> refs.put(e.getKey(), r.textValue(e.getValue(),
                "settings.references." + e.getKey())));
        List<Source> inputs = new ArrayList<>();
        for (JsonNode in : r.array(root, "inputs")) {
            r.fields(in, "an input", "description", "sha256", "rows");
            JsonNode sha = in.get("sha256");
            try {
                inputs.add(new Source(r.text(in, "description"), sha == null || sha.isNull() ? null
                        : r.text(in, "sha256"), r.count(in, "rows")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage());
            }
        }
        ValueCounts counts = ValueCounts.of(columns);
        // first: a cell of a banded attribute may hold one of these texts
        Iterator<Map.Entry<String, JsonNode>> unb = r.object(root, "unbandable").fields();
        while (unb.hasNext()) {
            Map.Entry<String, JsonNode> e = unb.next();
            e.getValue().fields().forEachRemaining(v -> {
                try {
                    counts.addUnbandable(e.getKey(), v.getKey(), r.countValue(v.getValue(), "unbandable"));
                } catch (IllegalArgumentException x) {
                    throw new IllegalArgumentException(name + ": unbandable: " + x.getMessage());
                }
            });
        }
        int k = columns.groups().size();
        for (JsonNode c : r.array(root, "cells")) {
            r.fields(c, "a cell", "values", "cases", "scores");
            List<String> values = r.strings(c, "values");
            Map<Long, Long> scores = new LinkedHashMap<>();
            JsonNode sc = c.get("scores");
            if (sc != null) {
                for (JsonNode pair : sc) {
                    if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber() || !pair.get(1).canConvertToLong()
                            || !pair.get(1).isIntegralNumber()) {
                        throw new IllegalArgumentException(name + ": cell " + values + ": a score entry is " + pair
                                + "; expected [score, cases]");
                    }
                    long bits = Double.doubleToRawLongBits(pair.get(0).asDouble());
                    if (scores.put(bits, pair.get(1).asLong()) != null) {
                        throw new IllegalArgumentException(name + ": cell " + values + " lists the score " + pair.get(0)
                                + " twice");
                    }
                }
            }
            try {
                if (values.size() != k + 2) {
                    throw new IllegalArgumentException("a cell needs " + (k + 2) + " values");
                }
                counts.addCell(values, r.count(c, "cases"), scores);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": cell " + values + ": " + e.getMessage());
            }
        }
        if (counts.rows() != r.count(root, "rows")) {
            throw new IllegalArgumentException(name + ": rows is " + root.get("rows") + " but the cells hold "
                    + counts.rows() + " cases");
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(name + ": no inputs; a counts file names the input(s) it counted");
        }
        long inputRows = 0;
        for (Source src : inputs) {
            try {
                inputRows = Math.addExact(inputRows, src.rows());
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(name + ": the inputs' rows add up to more than 2^63 - 1");
            }
        }
        if (inputRows != counts.rows()) {
            throw new IllegalArgumentException(name + ": the inputs have " + inputRows + " rows but the cells hold "
                    + counts.rows() + " cases");
        }
        try {
            return new CountsFile(counts, r.integer(s, "intersectionDepth"), settings, policy, refs, inputs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": settings: " + e.getMessage());
        }
    }

    /**
     * The counts of the union of both files' cases.
     *
     * @throws IllegalArgumentException naming what differs when the files count other columns or use other settings,
     *                                  or naming the input both files counted (its cases would count twice)
     */
    public CountsFile merge(CountsFile other, String thisName, String otherName) {
        String differs = differs(other, thisName, otherName);
        if (differs != null) {
            throw new IllegalArgumentException(otherName + " cannot be merged with " + thisName + ": " + differs
                    + "; only counts made with the same columns and settings can be merged");
        }
        for (Source a : inputs) {
            for (Source b : other.inputs) {
                if (a.sha256() != null && a.sha256().equals(b.sha256())) {
                    throw new IllegalArgumentException(otherName + " and " + thisName + " both count the input '"
                            + b.description() + "' (sha256 " + a.sha256() + "); merging would count its cases twice");
                }
            }
        }
        ValueCounts t = ValueCounts.of(counts.columns()).merge(counts).merge(other.counts);
        List<Source> in = new ArrayList<>(inputs);
        in.addAll(other.inputs);
        return new CountsFile(t, depth, settings, policy, references, in);
    }

    /**
     * The first column or setting that differs, as "favourableDecision is 'y' in b.json but 'yes' in a.json", or
     * null. Group attributes named in another order are refused too (the groupings and their order would differ),
     * with a message that says so.
     */
    private String differs(CountsFile o, String thisName, String otherName) {
        AuditColumns a = counts.columns();
        AuditColumns b = o.counts.columns();
        Object[][] pairs = {
            {"the group attributes (groups)", a.groups(), b.groups()},
            {"the decision column", a.decision(), b.decision()},
            {"favourableDecision", new TreeSet<>(a.favourableDecision()), new TreeSet<>(b.favourableDecision())},
            {"unfavourableDecision", new TreeSet<>(a.unfavourableDecision()), new TreeSet<>(b.unfavourableDecision())},
            {"the outcome column", a.outcome(), b.outcome()},
            {"favourableOutcome", new TreeSet<>(a.favourableOutcome()), new TreeSet<>(b.favourableOutcome())},
            {"unfavourableOutcome", new TreeSet<>(a.unfavourableOutcome()), new TreeSet<>(b.unfavourableOutcome())},
            {"unknownOutcome", new TreeSet<>(a.unknownOutcome()), new TreeSet<>(b.unknownOutcome())},
            {"the score column", a.score(), b.score()},
            {"labels", a.labels(), b.labels()},
            {"bands", bands(a), bands(b)},
            {"intersectionDepth", depth, o.depth},
            {"confidence", settings.confidence(), o.settings.confidence()},
            {"minGroupSize", settings.minGroupSize(), o.settings.minGroupSize()},
            {"reference", settings.reference(), o.settings.reference()},
            {"compatibility", settings.compatibility(), o.settings.compatibility()},
            {"references", new TreeMap<>(references), new TreeMap<>(o.references)},
            {"the policy's minSelectionRatio", policy.minSelectionRatio(), o.policy.minSelectionRatio()},
            {"the policy's maxOpportunityGap", policy.maxOpportunityGap(), o.policy.maxOpportunityGap()},
            {"the policy's maxOddsGap", policy.maxOddsGap(), o.policy.maxOddsGap()},
            {"the policy's maxOverrideGap", policy.maxOverrideGap(), o.policy.maxOverrideGap()},
            {"the policy's maxServiceShareGap", policy.maxServiceShareGap(), o.policy.maxServiceShareGap()},
        };
        for (Object[] p : pairs) {
            if (!Objects.equals(p[1], p[2])) {
                String s = p[0] + " is " + shown(p[2]) + " in " + otherName + " but " + shown(p[1]) + " in "
                        + thisName;
                if (p[1] == a.groups() && new TreeSet<>(a.groups()).equals(new TreeSet<>(b.groups()))) {
                    s += " (the same attributes in another order: count every input with the same --protected"
                            + " order)";
                }
                return s;
            }
        }
        return null;
    }

    /** A setting's value as the command line spells it: 'a', 'b' for a list or set, 'k=v' for a map, (none). */
    private static String shown(Object v) {
        if (v == null) {
            return "(none)";
        }
        java.util.Collection<?> items = v instanceof java.util.Collection<?> c ? c
                : v instanceof Map<?, ?> m ? m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()
                : List.of(v);
        if (items.isEmpty()) {
            return "(none)";
        }
        return items.stream().map(x -> "'" + org.fairpath.fairness.input.Display.safe(String.valueOf(x)) + "'")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static Map<String, List<Double>> bands(AuditColumns c) {
        Map<String, List<Double>> m = new TreeMap<>();
        c.bands().forEach((k, v) -> m.put(k, Arrays.stream(v).boxed().toList()));
        return m;
    }

    /** Strict field access naming the file and the field. */
    private record Reader(String name) {

        void fields(JsonNode o, String what, String... allowed) {
            if (o == null || !o.isObject()) {
                throw new IllegalArgumentException(name + ": " + what + " is not a JSON object");
            }
            Set<String> known = Set.of(allowed);
            o.fieldNames().forEachRemaining(f -> {
                if (!known.contains(f)) {
                    throw new IllegalArgumentException(name + ": " + what + " has the unknown field '" + f
                            + "'; known: " + List.of(allowed));
                }
            });
        }

        JsonNode field(JsonNode o, String f) {
            JsonNode v = o.get(f);
            if (v == null) {
                throw new IllegalArgumentException(name + ": the field '" + f + "' is missing");
            }
            return v;
        }

        JsonNode object(JsonNode o, String f) {
            JsonNode v = field(o, f);
            if (!v.isObject()) {
                throw new IllegalArgumentException(name + ": '" + f + "' is " + v + "; expected a JSON object");
            }
            return v;
        }

        JsonNode array(JsonNode o, String f) {
            JsonNode v = field(o, f);
            if (!v.isArray()) {
                throw new IllegalArgumentException(name + ": '" + f + "' is " + v + "; expected an array");
            }
            return v;
        }

        String text(JsonNode o, String f) {
            return textValue(field(o, f), f);
        }

        String textValue(JsonNode v, String f) {
            if (!v.isTextual()) {
                throw new IllegalArgumentException(name + ": '" + f + "' is " + v + "; expected text");
            }
            return v.asText();
        }

        String textOrNull(JsonNode o, String f) {
            JsonNode v = field(o, f);
            return v.isNull() ? null : textValue(v, f);
        }

        double number(JsonNode o, String f) {
            JsonNode v = field(o, f);
            if (!v.isNumber()) {
                throw new IllegalArgumentException(name + ": '" + f + "' is " + v + "; expected a number");
            }
            return v.asDouble();
        }

        int integer(JsonNode o, String f) {
            JsonNode v = field(o, f);
            if (!v.isInt()) {
                throw new IllegalArgumentException(name + ": '" + f + "' is " + v + "; expected a whole number");
            }
            return v.asInt();
        }

        long count(JsonNode o, String f) {
            return countValue(field(o, f), f);
        }

        long countValue(JsonNode v, String f) {
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
                throw new IllegalArgumentException(name + ": '" + f + "' is " + v + "; expected a count (0 or more)");
            }
            return v.asLong();
        }

        List<String> strings(JsonNode o, String f) {
            List<String> l = new ArrayList<>();
            for (JsonNode v : array(o, f)) {
                l.add(textValue(v, f));
            }
            return l;
        }

        AuditColumns columns(JsonNode c) {
            fields(c, "columns", "groups", "decision", "favourableDecision", "unfavourableDecision", "outcome",
                    "favourableOutcome", "unfavourableOutcome", "unknownOutcome", "score", "labels", "bands");
            Map<String, double[]> bands = new LinkedHashMap<>();
            object(c, "bands").fields().forEachRemaining(e -> {
                if (!e.getValue().isArray()) {
                    throw new IllegalArgumentException(name + ": columns.bands." + e.getKey() + " is not an array");
                }
                double[] cuts = new double[e.getValue().size()];
                for (int i = 0; i < cuts.length; i++) {
                    cuts[i] = e.getValue().get(i).asDouble();
                }
                bands.put(e.getKey(), cuts);
            });
            try {
                return new AuditColumns(strings(c, "groups"), text(c, "decision"),
                        Set.copyOf(strings(c, "favourableDecision")), textOrNull(c, "outcome"),
                        Set.copyOf(strings(c, "favourableOutcome")), Set.copyOf(strings(c, "unknownOutcome")),
                        textOrNull(c, "score"), AuditColumns.Labels.valueOf(text(c, "labels")), bands,
                        Set.copyOf(strings(c, "unfavourableDecision")), Set.copyOf(strings(c, "unfavourableOutcome")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": columns: " + e.getMessage());
            }
        }
    }
}
