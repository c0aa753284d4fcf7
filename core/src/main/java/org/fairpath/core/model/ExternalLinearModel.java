package org.fairpath.core.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.fairpath.core.Attribute;
import org.fairpath.core.AttributeType;
import org.fairpath.core.FeatureEncoder;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Role;
import org.fairpath.core.Schema;

/**
 * A logistic model a PES already has, given by its published coefficients rather than trained here (the Austrian AMS
 * model is the best-known kind): {@code P = 1 / (1 + exp(-(intercept + sum of coefficients)))}. Read from JSON:
 *
 * <pre>
 * {"schemaVersion": 1, "name": "ams-style profiling", "target": "profiling",
 *  "intercept": 0.10,
 *  "coefficients": {"gender@female": -0.14, "age": 0.01, "care_duties": -0.2}}
 * </pre>
 *
 * A key is an attribute (its encoded value: the number, the ordinal position, or 1 for a true boolean) or
 * {@code attribute@level} for one level of a categorical attribute; levels without a coefficient are the reference
 * (weight 0). {@code target} is {@code profiling} (P(still unemployed)) or {@code outcome} (P(employed)). Every key must
 * name a FEATURE attribute and level of the schema, every coefficient and the intercept must be finite and at most 100
 * in absolute value (a log-odds weight beyond that is a unit or sign error, never a real model), and unknown fields are
 * refused.
 *
 * <p>Immutable and thread-safe.
 */
public final class ExternalLinearModel {

    /** What the model predicts. */
    public enum Target {
        /** P(still unemployed after the horizon). */
        PROFILING,
        /** P(employed within the horizon). */
        OUTCOME
    }

    static final double MAX_ABS_WEIGHT = 100;
    private static final Set<String> FIELDS = Set.of("schemaVersion", "name", "target", "intercept", "coefficients");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16)
                .maxNumberLength(64).maxStringLength(1 << 20).build());
    }

    private final String name;
    private final Target target;
    private final FeatureEncoder encoder;
    private final LinearScorer scorer;
    private final Map<String, Double> coefficients;

    private ExternalLinearModel(String name, Target target, FeatureEncoder encoder, LinearScorer scorer,
                                Map<String, Double> coefficients) {
        this.name = name;
        this.target = target;
        this.encoder = encoder;
        this.scorer = scorer;
        this.coefficients = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(coefficients));
    }

    /**
     * Reads a model for {@code schema}.
     *
     * @throws IllegalArgumentException listing every problem, each naming its field
     */
    public static ExternalLinearModel fromJson(String json, Schema schema) {
        Objects.requireNonNull(schema, "schema");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("model JSON is malformed: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("model JSON must be an object with " + FIELDS);
        }
        List<String> problems = new ArrayList<>();
        root.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                problems.add("unknown field '" + f + "'; known: " + FIELDS);
            }
        });
        if (!root.path("schemaVersion").isInt() || root.get("schemaVersion").asInt() != 1) {
            problems.add("schemaVersion is " + root.get("schemaVersion") + "; this fairpath reads 1");
        }
        String name = root.path("name").asText("");
        if (!root.path("name").isTextual() || name.isBlank()) {
            problems.add("name must be a non-empty string");
        }
        Target target = null;
        String t = root.path("target").asText("");
        switch (t) {
            case "profiling" -> target = Target.PROFILING;
            case "outcome" -> target = Target.OUTCOME;
            default -> problems.add("target is " + root.get("target") + "; allowed: \"profiling\", \"outcome\"");
        }
        double intercept = number(root.get("intercept"), "intercept", problems);
        FeatureEncoder encoder = FeatureEncoder.of(schema);
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (FeatureEncoder.Column c : encoder.columns()) {
            columns.put(c.name(), c.index());
        }
        double[] weights = new double[encoder.width()];
        Map<String, Double> coefficients = new LinkedHashMap<>();
        JsonNode coef = root.get("coefficients");
        if (coef == null || !coef.isObject()) {
            problems.add("coefficients must be an object of attribute or attribute@level -> log-odds weight");
        } else {
            Iterator<Map.Entry<String, JsonNode>> it = coef.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                double w = number(e.getValue(), "coefficients." + key, problems);
                Integer column = column(schema, columns, key, problems);
                if (column != null && !Double.isNaN(w)) {
                    weights[column] = w;
                    coefficients.put(key, w);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("model JSON: " + String.join("; ", problems));
        }
        return new ExternalLinearModel(name, target, encoder, new LinearScorer(weights, intercept), coefficients);
    }

    private static double number(JsonNode n, String field, List<String> problems) {
        if (n == null || !n.isNumber()) {
            problems.add(field + " must be a number");
            return Double.NaN;
        }
        double v = n.doubleValue();
        if (!Double.isFinite(v) || Math.abs(v) > MAX_ABS_WEIGHT) {
            problems.add(field + " is " + n.asText() + "; allowed: a log-odds weight from -" + (int) MAX_ABS_WEIGHT
                    + " to " + (int) MAX_ABS_WEIGHT);
            return Double.NaN;
        }
        return v;
    }

    /** The encoder column {@code key} names, or null after adding a problem. */
    private static Integer column(Schema schema, Map<String, Integer> columns, String key, List<String> problems) {
        int at = key.indexOf('@');
        String attribute = at < 0 ? key : key.substring(0, at);
        Attribute a = schema.attributes().stream().filter(x -> x.name().equals(attribute)).findFirst().orElse(null);
        if (a == null) {
            List<String> names = schema.attributes().stream().map(Attribute::name).toList();
            String near = names.stream().filter(n -> n.equalsIgnoreCase(attribute)).findFirst()
                    .map(n -> " (did you mean '" + n + "'?)").orElse("");
            problems.add("coefficients." + key + ": unknown attribute '" + attribute + "'" + near + "; known: "
                    + names);
            return null;
        }
        if (!a.hasRole(Role.FEATURE)) {
            problems.add("coefficients." + key + ": attribute '" + attribute + "' is not a FEATURE of the schema (a"
                    + " protected attribute must be marked FEATURE with a written justification to be a model input)");
            return null;
        }
        if (a.type() == AttributeType.CATEGORICAL) {
            if (at < 0) {
                problems.add("coefficients." + key + ": categorical attribute '" + attribute + "' needs a level,"
                        + " e.g. '" + attribute + "@" + a.levels().get(a.levels().size() - 1) + "'; levels: "
                        + a.levels());
                return null;
            }
            Integer c = columns.get(key);
            if (c == null) {
                String level = key.substring(at + 1);
                String near = a.levels().stream().filter(l -> l.equalsIgnoreCase(level)).findFirst()
                        .map(l -> " (did you mean '" + l + "'?)").orElse("");
                problems.add("coefficients." + key + ": unknown level '" + level + "'" + near + "; levels: "
                        + a.levels());
            }
            return c;
        }
        if (at >= 0 && !key.substring(at + 1).equals("missing")) {
            problems.add("coefficients." + key + ": attribute '" + attribute + "' is " + a.type().name()
                    .toLowerCase(java.util.Locale.ROOT) + "; write its key without a level");
            return null;
        }
        Integer c = columns.get(at < 0 ? attribute + "@value" : key);
        if (c == null) {
            problems.add("coefficients." + key + ": no such encoded column");
        }
        return c;
    }

    public String name() {
        return name;
    }

    public Target target() {
        return target;
    }

    public FeatureEncoder encoder() {
        return encoder;
    }

    /** The coefficients as given (only the non-reference ones). */
    public Map<String, Double> coefficients() {
        return coefficients;
    }

    public double intercept() {
        return scorer.bias();
    }

    /** One weight per encoded column (0 for reference levels), for exact linear explanations. */
    public double[] weights() {
        return scorer.weights();
    }

    /** The model's log-odds for {@code profile}. */
    public double logOdds(JobseekerProfile profile) {
        return scorer.logOdds(encoder.encode(profile));
    }

    /** The model's probability for {@code profile}. */
    public double probability(JobseekerProfile profile) {
        return scorer.probability(encoder.encode(profile));
    }

    /** The compiled scorer over the encoder's columns. */
    public Scorer scorer() {
        return scorer;
    }
}
