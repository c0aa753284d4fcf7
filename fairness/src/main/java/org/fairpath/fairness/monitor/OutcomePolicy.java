package org.fairpath.fairness.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.fairpath.fairness.audit.AuditPolicy;

/**
 * Thresholds for the outcome checks of the monitor (the {@code "outcomes"} object of the policy file):
 *
 * <pre>
 * "outcomes": {"alpha": 0.05, "calibrationTolerance": 0.1, "minSelectionRatio": 0.8, "maxOpportunityGap": 0.1,
 *              "maxOddsGap": 0.1, "minGroupSize": 30, "bands": {"age": [30, 50]}}
 * </pre>
 *
 * In a window, each check is made at {@code alpha / m}, where {@code m} counts the window's checks (one calibration
 * check overall and per reported group, three disparity checks per attribute), so the chance of any outcome alert
 * in a window where every true deviation is within its threshold is at most {@code alpha} (Bonferroni). Calibration
 * alerts when the whole interval of observed rate minus mean predicted chance lies beyond
 * {@code ±calibrationTolerance}; a disparity alerts when the audit's finding is FAIL (its whole interval beyond the
 * threshold, as {@link AuditPolicy} defines them).
 *
 * @param alpha                family-wise false-alarm rate per window for the outcome checks, in (0, 0.5]
 * @param calibrationTolerance largest |observed − predicted| that is not an alert, from 0 to 1
 * @param audit                the disparity thresholds (selection ratio, opportunity gap, odds gap)
 * @param minGroupSize         groups with fewer cases with an outcome are suppressed (no figure, no check), from 1
 * @param bands                cuts that group a numeric attribute ({@code age -> [30, 50]}: {@code <30},
 *                             {@code 30-50}, {@code 50+}, each band including its lower cut); a numeric attribute
 *                             without bands is not grouped
 */
public record OutcomePolicy(double alpha, double calibrationTolerance, AuditPolicy audit, int minGroupSize,
                            Map<String, List<Double>> bands) {

    private static final Set<String> KEYS = Set.of("alpha", "calibrationTolerance", "minSelectionRatio",
            "maxOpportunityGap", "maxOddsGap", "minGroupSize", "bands");

    public OutcomePolicy {
        if (!(alpha > 0 && alpha <= 0.5)) {
            throw new IllegalArgumentException("outcomes.alpha is " + alpha + "; allowed: a number above 0 and at"
                    + " most 0.5");
        }
        if (!(calibrationTolerance >= 0 && calibrationTolerance <= 1)) {
            throw new IllegalArgumentException("outcomes.calibrationTolerance is " + calibrationTolerance
                    + "; allowed: a number from 0 to 1");
        }
        java.util.Objects.requireNonNull(audit, "audit");
        if (minGroupSize < 1 || minGroupSize > 1_000_000) {
            throw new IllegalArgumentException("outcomes.minGroupSize is " + minGroupSize + "; allowed: a whole"
                    + " number from 1 to 1000000");
        }
        Map<String, List<Double>> copy = new TreeMap<>();
        bands.forEach((a, cuts) -> {
            for (int i = 0; i < cuts.size(); i++) {
                if (!Double.isFinite(cuts.get(i)) || (i > 0 && cuts.get(i) <= cuts.get(i - 1))) {
                    throw new IllegalArgumentException("outcomes.bands." + a + " is " + cuts + "; allowed: finite,"
                            + " strictly increasing cuts");
                }
            }
            if (cuts.isEmpty()) {
                throw new IllegalArgumentException("outcomes.bands." + a + " is empty; allowed: at least one cut");
            }
            copy.put(a, List.copyOf(cuts));
        });
        bands = Collections.unmodifiableMap(copy);
    }

    /** Thresholds without bands. */
    public OutcomePolicy(double alpha, double calibrationTolerance, AuditPolicy audit, int minGroupSize) {
        this(alpha, calibrationTolerance, audit, minGroupSize, Map.of());
    }

    /** alpha 0.05, calibration within 0.1, the audit's default thresholds, groups of at least 30. */
    public static OutcomePolicy withDefaults() {
        return new OutcomePolicy(0.05, 0.1, AuditPolicy.withDefaults(), 30);
    }

    /** Parses the {@code "outcomes"} object (keys not given keep their defaults). */
    static OutcomePolicy fromJson(JsonNode o) {
        if (!o.isObject()) {
            throw new IllegalArgumentException("outcomes must be an object with keys " + KEYS.stream().sorted()
                    .toList() + "; found " + o);
        }
        List<String> unknown = new ArrayList<>();
        o.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                unknown.add(k);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("outcomes has unknown key(s) " + unknown + "; known: "
                    + KEYS.stream().sorted().toList());
        }
        OutcomePolicy d = withDefaults();
        AuditPolicy a;
        try {
            a = new AuditPolicy(number(o, "minSelectionRatio", d.audit().minSelectionRatio()),
                    number(o, "maxOpportunityGap", d.audit().maxOpportunityGap()),
                    number(o, "maxOddsGap", d.audit().maxOddsGap()), d.audit().maxOverrideGap(),
                    d.audit().maxServiceShareGap());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("outcomes." + e.getMessage());
        }
        JsonNode g = o.get("minGroupSize");
        if (g != null && (!g.isIntegralNumber() || !g.canConvertToInt())) {
            throw new IllegalArgumentException("outcomes.minGroupSize must be a whole number; found " + g);
        }
        Map<String, List<Double>> bands = new TreeMap<>();
        JsonNode b = o.get("bands");
        if (b != null) {
            if (!b.isObject()) {
                throw new IllegalArgumentException("outcomes.bands must be an object of attribute to increasing cuts,"
                        + " e.g. {\"age\": [30, 50]}; found " + b);
            }
            b.fields().forEachRemaining(e -> {
                if (!e.getValue().isArray()) {
                    throw new IllegalArgumentException("outcomes.bands." + e.getKey() + " must be an array of"
                            + " numbers; found " + e.getValue());
                }
                List<Double> cuts = new ArrayList<>();
                for (JsonNode c : e.getValue()) {
                    if (!c.isNumber()) {
                        throw new IllegalArgumentException("outcomes.bands." + e.getKey() + " must be an array of"
                                + " numbers; found " + e.getValue());
                    }
                    cuts.add(c.asDouble());
                }
                bands.put(e.getKey(), cuts);
            });
        }
        return new OutcomePolicy(number(o, "alpha", d.alpha()), number(o, "calibrationTolerance",
                d.calibrationTolerance()), a, g == null ? d.minGroupSize() : g.asInt(), bands);
    }

    private static double number(JsonNode o, String key, double dflt) {
        JsonNode n = o.get(key);
        if (n == null) {
            return dflt;
        }
        if (!n.isNumber()) {
            throw new IllegalArgumentException("outcomes." + key + " must be a number; found " + n);
        }
        return n.asDouble();
    }
}
