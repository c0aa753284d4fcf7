package org.fairpath.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** JSON mapping of compiled scorers, training settings and training summaries inside a bundle. */
final class ScorerJson {

    /**
     * The {@code schemaVersion} of {@code training.json}: 2 adds the summary's {@code biasAllowance}, 3 its paired
     * {@code upliftAllowance}.
     */
    static final int TRAINING_VERSION = 3;
    /** The {@code schemaVersion} of {@code scorers.json}: 2 records the columns and levels trained with. */
    static final int SCORERS_VERSION = 2;

    private ScorerJson() {
    }

    static ObjectNode training(ObjectMapper json, TrainingSettings s, TrainingSummary sum, List<String> options) {
        ObjectNode root = json.createObjectNode();
        root.put("schemaVersion", TRAINING_VERSION);
        ArrayNode o = root.putArray("options");
        options.forEach(o::add);
        ObjectNode st = root.putObject("settings");
        st.put("learner", s.learner().name().toLowerCase(Locale.ROOT));
        st.put("bags", s.bags());
        st.put("seed", s.seed());
        st.put("inversePropensity", s.inversePropensity());
        st.put("maxWeight", s.maxWeight());
        st.put("cost", s.cost());
        st.put("trees", s.trees());
        st.put("maxDepth", s.maxDepth());
        st.put("learningRate", s.learningRate());
        st.put("confidence", s.confidence());
        ArrayNode cuts = st.putArray("segmentCuts");
        s.segmentCuts().forEach(cuts::add);
        st.put("minCasesPerOption", s.minCasesPerOption());
        ObjectNode su = root.putObject("summary");
        su.put("cases", sum.cases());
        putMap(su.putObject("casesPerOption"), sum.casesPerOption());
        putMap(su.putObject("employedRate"), sum.employedRate());
        su.put("maxWeight", sum.maxWeight());
        putMap(su.putObject("effectiveCases"), sum.effectiveCases());
        su.put("dataFingerprint", sum.dataFingerprint());
        put(su.putArray("columnMin"), sum.columnMin());
        put(su.putArray("columnMax"), sum.columnMax());
        putMap(su.putObject("auc"), sum.auc());
        putMap(su.putObject("brier"), sum.brier());
        put(su.putArray("columnMean"), sum.columnMean());
        ArrayNode warnings = su.putArray("overlapWarnings");
        sum.overlapWarnings().forEach(warnings::add);
        putMap(su.putObject("biasAllowance"), sum.biasAllowance());
        putMap(su.putObject("upliftAllowance"), sum.upliftAllowance());
        ArrayNode held = su.putArray("heldOut");
        for (HeldOutMetrics h : sum.heldOut()) {
            ObjectNode m = held.addObject();
            m.put("option", h.option());
            m.put("group", h.group());
            m.put("cases", h.cases());
            number(m, "auc", h.auc());
            number(m, "aucLower", h.aucLower());
            number(m, "aucUpper", h.aucUpper());
            m.put("aucNote", h.aucNote());
            number(m, "brier", h.brier());
            number(m, "brierLower", h.brierLower());
            number(m, "brierUpper", h.brierUpper());
            number(m, "meanPredicted", h.meanPredicted());
            number(m, "observedRate", h.observedRate());
            number(m, "calibrationLower", h.calibrationLower());
            number(m, "calibrationUpper", h.calibrationUpper());
        }
        return root;
    }

    /** A number, or null for NaN (undefined; JSON has no NaN). */
    private static void number(ObjectNode o, String field, double v) {
        if (Double.isNaN(v)) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }

    private static double number(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !(n.isNull() || n.isNumber())) {
            throw new IllegalArgumentException("bundle file training.json: heldOut." + field + " must be a number or"
                    + " null");
        }
        return n.isNull() ? Double.NaN : n.doubleValue();
    }

    private static void putMap(ObjectNode node, Map<String, ? extends Number> m) {
        m.forEach((k, v) -> {
            if (v instanceof Integer) {
                node.put(k, (Integer) v);
            } else {
                node.put(k, v.doubleValue());
            }
        });
    }

    static List<String> options(JsonNode training) {
        List<String> l = new ArrayList<>();
        training.get("options").forEach(n -> l.add(n.asText()));
        return l;
    }

    static TrainingSettings settings(JsonNode training) {
        JsonNode s = training.get("settings");
        List<Double> cuts = new ArrayList<>();
        s.get("segmentCuts").forEach(n -> cuts.add(n.asDouble()));
        return new TrainingSettings(TrainingSettings.Learner.valueOf(s.get("learner").asText().toUpperCase(Locale.ROOT)),
                s.get("bags").asInt(), s.get("seed").asLong(), s.get("inversePropensity").asBoolean(),
                s.get("maxWeight").asDouble(), s.get("cost").asDouble(), s.get("trees").asInt(),
                s.get("maxDepth").asInt(), s.get("learningRate").asDouble(), s.get("confidence").asDouble(), cuts,
                s.get("minCasesPerOption").asInt());
    }

    static TrainingSummary summary(JsonNode training, List<String> options) {
        JsonNode s = training.get("summary");
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Double> rates = new LinkedHashMap<>();
        Map<String, Double> effective = new LinkedHashMap<>();
        for (String o : options) {
            counts.put(o, s.get("casesPerOption").get(o).asInt());
            rates.put(o, s.get("employedRate").get(o).asDouble());
            effective.put(o, s.get("effectiveCases").get(o).asDouble());
        }
        Map<String, Double> auc = new LinkedHashMap<>();
        Map<String, Double> brier = new LinkedHashMap<>();
        s.get("auc").fields().forEachRemaining(e -> auc.put(e.getKey(), e.getValue().asDouble()));
        s.get("brier").fields().forEachRemaining(e -> brier.put(e.getKey(), e.getValue().asDouble()));
        List<String> warnings = new ArrayList<>();
        JsonNode w = s.get("overlapWarnings");
        if (w == null || !w.isArray()) {
            throw new IllegalArgumentException("bundle file training.json: summary.overlapWarnings must be an array");
        }
        w.forEach(x -> warnings.add(x.asText()));
        List<HeldOutMetrics> held = new ArrayList<>();
        JsonNode h = s.get("heldOut");
        if (h == null || !h.isArray()) {
            throw new IllegalArgumentException("bundle file training.json: summary.heldOut must be an array");
        }
        for (JsonNode o : h) {
            held.add(new HeldOutMetrics(o.path("option").asText(), o.path("group").asText(), o.path("cases").asInt(),
                    number(o, "auc"), number(o, "aucLower"), number(o, "aucUpper"), o.path("aucNote").asText(),
                    number(o, "brier"), number(o, "brierLower"), number(o, "brierUpper"), number(o, "meanPredicted"),
                    number(o, "observedRate"), number(o, "calibrationLower"), number(o, "calibrationUpper")));
        }
        Map<String, Double> bias = numbers(s, "biasAllowance");
        Map<String, Double> uplift = numbers(s, "upliftAllowance");
        return new TrainingSummary(s.get("cases").asInt(), counts, rates, s.get("maxWeight").asDouble(), effective,
                s.get("dataFingerprint").asText(), doubles(s.get("columnMin")), doubles(s.get("columnMax")), auc,
                brier, doubles(s.get("columnMean")), held, warnings, bias, uplift);
    }

    /** The object {@code summary.name} of numbers. */
    private static Map<String, Double> numbers(JsonNode summary, String name) {
        JsonNode b = summary.get(name);
        if (b == null || !b.isObject()) {
            throw new IllegalArgumentException("bundle file training.json: summary." + name + " must be an object");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        b.fields().forEachRemaining(e -> {
            if (!e.getValue().isNumber()) {
                throw new IllegalArgumentException("bundle file training.json: summary." + name + "." + e.getKey()
                        + " must be a number");
            }
            out.put(e.getKey(), e.getValue().doubleValue());
        });
        return out;
    }

    static ObjectNode scorers(ObjectMapper json, org.fairpath.core.Schema schema, List<String> options,
                              Scorer[][] scorers) {
        ObjectNode root = json.createObjectNode();
        root.put("schemaVersion", SCORERS_VERSION);
        BundleColumns.record(root, schema);
        ObjectNode all = root.putObject("scorers");
        for (int a = 0; a < scorers.length; a++) {
            ArrayNode list = all.putArray(a == options.size() ? OutcomeModels.PROFILING : options.get(a));
            for (Scorer s : scorers[a]) {
                write(list.addObject(), s);
            }
        }
        return root;
    }

    static Scorer[][] readScorers(JsonNode root, List<String> options, int bags) {
        Scorer[][] out = new Scorer[options.size() + 1][];
        for (int a = 0; a <= options.size(); a++) {
            String key = a == options.size() ? OutcomeModels.PROFILING : options.get(a);
            JsonNode list = root.get("scorers").get(key);
            if (list == null || list.size() != bags + 1) {
                throw new IllegalArgumentException("scorers.json: expected " + (bags + 1) + " scorers for '" + key
                        + "'");
            }
            out[a] = new Scorer[list.size()];
            for (int b = 0; b < list.size(); b++) {
                out[a][b] = read(list.get(b));
            }
        }
        return out;
    }

    private static void write(ObjectNode o, Scorer s) {
        o.put("kind", s.kind());
        if (s instanceof LinearScorer) {
            LinearScorer l = (LinearScorer) s;
            o.put("bias", l.bias());
            put(o.putArray("weights"), l.weights());
            return;
        }
        TreeEnsembleScorer t = (TreeEnsembleScorer) s;
        o.put("width", t.width());
        o.put("baseScore", t.baseScore());
        o.put("positiveClass", t.positiveClass());
        put(o.putArray("roots"), t.roots());
        put(o.putArray("treeClass"), t.treeClass());
        put(o.putArray("feature"), t.feature());
        put(o.putArray("threshold"), t.threshold());
        put(o.putArray("yes"), t.yes());
        put(o.putArray("no"), t.no());
        put(o.putArray("leaf"), t.leaf());
        put(o.putArray("cover"), t.cover());
    }

    private static Scorer read(JsonNode o) {
        String kind = o.get("kind").asText();
        if (kind.equals("linear")) {
            return new LinearScorer(doubles(o.get("weights")), o.get("bias").asDouble());
        }
        if (!kind.equals("boosted-trees")) {
            throw new IllegalArgumentException("scorers.json: unknown scorer kind '" + kind
                    + "'; known: [linear, boosted-trees]");
        }
        return new TreeEnsembleScorer(o.get("width").asInt(), ints(o.get("roots")), ints(o.get("treeClass")),
                ints(o.get("feature")), floats(o.get("threshold")), ints(o.get("yes")), ints(o.get("no")),
                floats(o.get("leaf")), doubles(o.get("cover")), (float) o.get("baseScore").asDouble(),
                o.get("positiveClass").asInt());
    }

    private static void put(ArrayNode a, double[] v) {
        for (double d : v) {
            a.add(d);
        }
    }

    private static void put(ArrayNode a, float[] v) {
        for (float f : v) {
            a.add((double) f);
        }
    }

    private static void put(ArrayNode a, int[] v) {
        for (int i : v) {
            a.add(i);
        }
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    private static float[] floats(JsonNode a) {
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) a.get(i).asDouble();
        }
        return v;
    }

    private static int[] ints(JsonNode a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asInt();
        }
        return v;
    }
}
