package org.fairpath.fairness.monitor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The monitor's thresholds, from a strict JSON file:
 *
 * <pre>
 * {"schemaVersion": 1, "window": "P7D", "alpha": 0.05, "psi": 0.1, "minCases": 100,
 *  "attributes": ["age", "gender"], "suspend": false,
 *  "outcomes": {"alpha": 0.05, "calibrationTolerance": 0.1, "minSelectionRatio": 0.8, ...}}
 * </pre>
 *
 * An attribute drifts in a window (ALERT) when its test's p-value is below {@code alpha / m} (Bonferroni over the
 * {@code m} attributes tested in that window, so the chance of any false alarm in a window without drift is at most
 * {@code alpha}) <em>and</em> its PSI is at least {@code psi} (the shift is large enough to matter). Windows with fewer
 * than {@code minCases} inputs are reported but not tested. Unknown keys, wrong types and values out of range are
 * errors naming the key and what is allowed.
 *
 * @param window     window length, an ISO-8601 duration from PT1M to P366D; windows are aligned to the epoch
 * @param alpha      family-wise false-alarm rate per window, in (0, 0.5]
 * @param psi        smallest population stability index that counts as drift, from 0 to 10
 * @param minCases   smallest window that is tested, from 10 to 10,000,000
 * @param attributes the attributes to monitor (empty: every attribute found in both the inputs and the datasheet)
 * @param suspend    whether an alert switches the model off through the review desk's kill switch
 * @param outcomes   thresholds of the outcome checks (calibration and disparities), used once outcomes are given;
 *                   {@link OutcomePolicy#withDefaults()} when the file has no {@code "outcomes"} key. A window is
 *                   checked on outcomes when at least {@code minCases} of its decisions have one.
 */
public record MonitorPolicy(Duration window, double alpha, double psi, int minCases, List<String> attributes,
                            boolean suspend, OutcomePolicy outcomes) {

    static final long MAX_BYTES = 64 * 1024;
    private static final Set<String> KEYS = Set.of("schemaVersion", "window", "alpha", "psi", "minCases",
            "attributes", "suspend", "outcomes");

    public MonitorPolicy {
        if (window == null || window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(Duration.ofDays(366)) > 0) {
            throw new IllegalArgumentException("window is " + window + "; allowed: an ISO-8601 duration from PT1M to"
                    + " P366D, e.g. P7D");
        }
        if (!(alpha > 0 && alpha <= 0.5)) {
            throw new IllegalArgumentException("alpha is " + alpha + "; allowed: a number above 0 and at most 0.5");
        }
        if (!(psi >= 0 && psi <= 10)) {
            throw new IllegalArgumentException("psi is " + psi + "; allowed: a number from 0 to 10");
        }
        if (minCases < 10 || minCases > 10_000_000) {
            throw new IllegalArgumentException("minCases is " + minCases + "; allowed: a whole number from 10 to"
                    + " 10000000");
        }
        attributes = List.copyOf(attributes);
        if (Set.copyOf(attributes).size() != attributes.size()) {
            throw new IllegalArgumentException("attributes " + attributes + " names an attribute more than once;"
                    + " allowed: each attribute once");
        }
        java.util.Objects.requireNonNull(outcomes, "outcomes");
    }

    /** A policy with the default outcome thresholds. */
    public MonitorPolicy(Duration window, double alpha, double psi, int minCases, List<String> attributes,
                         boolean suspend) {
        this(window, alpha, psi, minCases, attributes, suspend, OutcomePolicy.withDefaults());
    }

    /** This policy with other outcome thresholds. */
    public MonitorPolicy withOutcomes(OutcomePolicy o) {
        return new MonitorPolicy(window, alpha, psi, minCases, attributes, suspend, o);
    }

    /** Weekly windows, alpha 0.05, PSI 0.1, at least 100 cases, every attribute, no suspension. */
    public static MonitorPolicy withDefaults() {
        return new MonitorPolicy(Duration.ofDays(7), 0.05, 0.1, 100, List.of(), false);
    }

    /** Reads a policy file (at most 64 KiB of strict JSON; keys not given keep their defaults). */
    public static MonitorPolicy read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException("policy file " + file + " is " + size + " bytes; at most " + MAX_BYTES);
        }
        return fromJson(Files.readString(file));
    }

    /** Parses a policy (strict: duplicate keys, unknown keys, wrong types and trailing content are errors). */
    public static MonitorPolicy fromJson(String json) {
        JsonFactory f = JsonFactory.builder().build();
        f.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        ObjectMapper m = new ObjectMapper(f).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        JsonNode root;
        try {
            root = m.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("policy is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("policy must be a JSON object with keys " + KEYS);
        }
        List<String> unknown = new ArrayList<>();
        root.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                unknown.add(k);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("policy has unknown key(s) " + unknown + "; known: "
                    + KEYS.stream().sorted().toList());
        }
        JsonNode v = root.get("schemaVersion");
        if (v == null || !v.isInt() || v.asInt() != 1) {
            throw new IllegalArgumentException("policy schemaVersion is " + v + "; supported: 1");
        }
        MonitorPolicy d = withDefaults();
        Duration window = d.window();
        if (root.has("window")) {
            JsonNode w = root.get("window");
            try {
                window = Duration.parse(text(w, "window"));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("window is '" + w.asText() + "'; allowed: an ISO-8601 duration"
                        + " such as P1D, P7D or PT12H");
            }
        }
        List<String> attributes = new ArrayList<>();
        if (root.has("attributes")) {
            JsonNode a = root.get("attributes");
            if (!a.isArray()) {
                throw new IllegalArgumentException("attributes must be an array of attribute names; found " + a);
            }
            for (JsonNode n : a) {
                attributes.add(text(n, "attributes[]"));
            }
        }
        boolean suspend = d.suspend();
        if (root.has("suspend")) {
            if (!root.get("suspend").isBoolean()) {
                throw new IllegalArgumentException("suspend must be true or false; found " + root.get("suspend"));
            }
            suspend = root.get("suspend").asBoolean();
        }
        OutcomePolicy outcomes = root.has("outcomes") ? OutcomePolicy.fromJson(root.get("outcomes"))
                : OutcomePolicy.withDefaults();
        return new MonitorPolicy(window, number(root, "alpha", d.alpha()), number(root, "psi", d.psi()),
                (int) whole(root, "minCases", d.minCases()), attributes, suspend, outcomes);
    }

    private static String text(JsonNode n, String key) {
        if (!n.isTextual()) {
            throw new IllegalArgumentException(key + " must be a string; found " + n);
        }
        return n.asText();
    }

    private static double number(JsonNode root, String key, double dflt) {
        JsonNode n = root.get(key);
        if (n == null) {
            return dflt;
        }
        if (!n.isNumber()) {
            throw new IllegalArgumentException(key + " must be a number; found " + n);
        }
        return n.asDouble();
    }

    private static long whole(JsonNode root, String key, long dflt) {
        JsonNode n = root.get(key);
        if (n == null) {
            return dflt;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new IllegalArgumentException(key + " must be a whole number; found " + n);
        }
        return n.asLong();
    }
}
