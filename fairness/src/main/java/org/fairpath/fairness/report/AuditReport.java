package org.fairpath.fairness.report;

import org.fairpath.fairness.audit.Audit;
import org.fairpath.fairness.audit.Finding;
import org.fairpath.fairness.metrics.Comparison;
import org.fairpath.fairness.metrics.MetricFrame;
import org.fairpath.fairness.metrics.ScoreFrame;
import org.fairpath.fairness.stats.Estimate;
import org.fairpath.fairness.stats.Metric;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.fairpath.core.Fairpath;

/**
 * Writes an {@link Audit} as the versioned JSON report contract, documented by the JSON Schema
 * {@code org/fairpath/fairness/report/audit-report.schema.json} (in this module's resources) and the README.
 *
 * <p>Stable key order. Undefined or suppressed values are {@code null} with the reason in {@code undefined}; they are
 * never written as 0. Suppressed groups keep their case count but no value.
 */
public final class AuditReport {

    /** The version of the report contract this class writes. */
    public static final int SCHEMA_VERSION = 2;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AuditReport() {
    }

    /**
     * The report of {@code audit}.
     *
     * @param inputDescription what was audited, e.g. the file name
     * @param inputSha256      SHA-256 of the input (its fingerprint), or null when the input was not a file
     * @param created          when the report is made
     */
    public static String toJson(Audit audit, String inputDescription, String inputSha256, Instant created) {
        return toJson(audit, List.of(), List.of(), inputDescription, inputSha256, created);
    }

    /**
     * The report of {@code audit}, with score metrics by group ({@code scores}: ROC AUC, Brier score, expected
     * calibration error and the calibration curve) and what reading the input noticed ({@code notes}, e.g. labels
     * kept apart that differ only in spelling); both are left out of the JSON when empty.
     */
    public static String toJson(Audit audit, List<ScoreFrame> scores, List<String> notes, String inputDescription,
                                String inputSha256, Instant created) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("kind", "fairpath-audit");
        ArrayNode findings = root.putArray("findings");
        for (Finding f : audit.findings()) {
            ObjectNode o = findings.addObject();
            o.put("level", f.level().name());
            o.put("disparity", f.check());
            strings(o.putArray("grouping"), f.grouping());
            strings(o.putArray("group"), f.group());
            strings(o.putArray("against"), f.against());
            number(o, "value", f.value());
            number(o, "lower", f.interval().lower());
            number(o, "upper", f.interval().upper());
            o.put("threshold", f.threshold());
            o.put("sentence", f.sentence());
        }
        ArrayNode groupings = root.putArray("groupings");
        for (List<String> grouping : audit.counts().groupings()) {
            ObjectNode g = groupings.addObject();
            strings(g.putArray("attributes"), grouping);
            ArrayNode metrics = g.putArray("metrics");
            for (Metric m : Metric.values()) {
                frame(metrics.addObject(), audit.frame(m, grouping));
            }
        }
        if (!scores.isEmpty()) {
            ArrayNode sc = root.putArray("scores");
            for (ScoreFrame f : scores) {
                ObjectNode o = sc.addObject();
                strings(o.putArray("grouping"), f.grouping());
                scoreGroup(o.putObject("overall"), f.overall());
                ArrayNode gs = o.putArray("groups");
                f.byGroup().forEach(g -> scoreGroup(gs.addObject(), g));
            }
        }
        if (!notes.isEmpty()) {
            strings(root.putArray("notes"), notes);
        }
        ObjectNode p = root.putObject("provenance");
        p.put("fairpathVersion", Fairpath.VERSION);
        p.put("created", created.toString());
        ObjectNode in = p.putObject("input");
        in.put("description", inputDescription);
        in.put("sha256", inputSha256);
        in.put("rows", audit.counts().overall().n());
        ObjectNode s = p.putObject("settings");
        s.put("confidence", audit.settings().confidence());
        s.put("minGroupSize", audit.settings().minGroupSize());
        strings(s.putArray("reference"), audit.settings().reference());
        s.put("intersectionDepth", audit.counts().depth());
        s.put("compatibility", audit.settings().compatibility().name());
        ObjectNode pol = p.putObject("policy");
        pol.put("minSelectionRatio", audit.policy().minSelectionRatio());
        pol.put("maxOpportunityGap", audit.policy().maxOpportunityGap());
        pol.put("maxOddsGap", audit.policy().maxOddsGap());
        pol.put("maxOverrideGap", audit.policy().maxOverrideGap());
        pol.put("maxServiceShareGap", audit.policy().maxServiceShareGap());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the audit report", e);
        }
    }

    private static void scoreGroup(ObjectNode o, ScoreFrame.GroupScores g) {
        strings(o.putArray("levels"), g.group());
        o.put("cases", g.cases());
        o.put("suppressed", g.suppressed());
        number(o, "auc", g.auc());
        number(o, "brier", g.brier());
        number(o, "ece", g.ece());
        ArrayNode bins = o.putArray("calibration");
        for (ScoreFrame.Bin b : g.calibration()) {
            ObjectNode n = bins.addObject();
            n.put("from", b.from());
            n.put("to", b.to());
            n.put("cases", b.cases());
            number(n, "meanScore", b.meanScore());
            number(n, "observedRate", b.observedRate());
        }
        o.put("undefined", g.undefinedReason());
    }

    private static void frame(ObjectNode o, MetricFrame f) {
        o.put("metric", f.metric().name());
        estimate(o.putObject("overall"), f.overall());
        ArrayNode groups = o.putArray("groups");
        for (MetricFrame.GroupResult r : f.byGroup()) {
            ObjectNode g = groups.addObject();
            strings(g.putArray("levels"), r.group());
            g.put("cases", r.cases());
            g.put("suppressed", r.suppressed());
            estimate(g, r.estimate());
        }
        levels(o, "min", f.min().map(MetricFrame.GroupResult::group).orElse(null));
        levels(o, "max", f.max().map(MetricFrame.GroupResult::group).orElse(null));
        comparison(o, "difference", f.difference().orElse(null));
        comparison(o, "ratio", f.ratio().orElse(null));
        levels(o, "reference", f.reference().orElse(null));
        ArrayNode vs = o.putArray("vsReference");
        for (Comparison c : f.vsReference()) {
            comparison(vs.addObject(), c);
        }
    }

    private static void estimate(ObjectNode o, Estimate e) {
        number(o, "value", e.value());
        number(o, "lower", e.interval().lower());
        number(o, "upper", e.interval().upper());
        o.put("numerator", e.numerator());
        o.put("denominator", e.denominator());
        if (e.undefinedReason().isEmpty()) {
            o.putNull("undefined");
        } else {
            o.put("undefined", e.undefinedReason());
        }
    }

    private static void comparison(ObjectNode parent, String field, Comparison c) {
        if (c == null) {
            parent.putNull(field);
            return;
        }
        comparison(parent.putObject(field), c);
    }

    private static void comparison(ObjectNode o, Comparison c) {
        o.put("kind", c.kind());
        strings(o.putArray("group"), c.group());
        strings(o.putArray("against"), c.against());
        number(o, "value", c.value());
        number(o, "lower", c.interval().lower());
        number(o, "upper", c.interval().upper());
        number(o, "pValue", c.pValue());
        number(o, "adjustedP", c.adjustedP());
        if (c.undefinedReason().isEmpty()) {
            o.putNull("undefined");
        } else {
            o.put("undefined", c.undefinedReason());
        }
    }

    private static void levels(ObjectNode o, String field, List<String> levels) {
        if (levels == null) {
            o.putNull(field);
        } else {
            strings(o.putArray(field), levels);
        }
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    /** Writes a finite number, or null for NaN and infinities (JSON has no NaN). */
    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }
}
