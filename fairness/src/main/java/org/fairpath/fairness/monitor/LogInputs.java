package org.fairpath.fairness.monitor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.log.LogRecord;

/**
 * What the monitor reads from a decision log, after verifying its hash chain: one {@link Observation} per
 * {@code DECISION} record taken with suggestions of the monitored model version (its time and the attributes in its {@code audit} section — the log keeps the protected
 * attributes only, so only those can be monitored from it), and the counts for {@link #prometheus}.
 *
 * @param inputs          one observation per decision
 * @param recommendations decisions taken with suggestions of the monitored model version
 * @param suggestions     suggestions of that version shown, summed over those decisions
 * @param manualWorkflow  reviews opened in the manual workflow (model switched off)
 * @param decisions       decisions by kind, then reason code ({@code none} for an acceptance), all versions
 * @param otherVersions   decisions not monitored, by the model version they record ({@link #NO_MODEL} for decisions
 *                        taken in the manual workflow): their inputs were never scored by the monitored model
 */
public record LogInputs(List<Observation> inputs, long recommendations, long suggestions, long manualWorkflow,
                        Map<String, Map<String, Long>> decisions, Map<String, Long> otherVersions) {

    /** The key in {@link #otherVersions} for decisions that record no model version (manual workflow). */
    public static final String NO_MODEL = "(no model: manual workflow)";

    public LogInputs {
        inputs = List.copyOf(inputs);
        otherVersions = Map.copyOf(otherVersions);
    }

    /**
     * Reads the log at {@code file}, keeping as inputs only the decisions taken with suggestions of
     * {@code modelVersion} (the others are counted in {@link #otherVersions}).
     *
     * @throws IllegalArgumentException if the log does not verify (a monitor must not run on a tampered log), or
     *                                  holds no decision of {@code modelVersion} (the message names the versions
     *                                  it holds)
     */
    public static LogInputs read(Path file, String modelVersion) throws IOException {
        var v = DecisionLog.verify(file);
        if (!v.intact()) {
            throw new IllegalArgumentException("decision log " + file + " does not verify: " + v.problem());
        }
        List<Observation> inputs = new ArrayList<>();
        long recommendations = 0;
        long suggestions = 0;
        long manual = 0;
        Map<String, Map<String, Long>> decisions = new TreeMap<>();
        Map<String, Long> others = new TreeMap<>();
        for (LogRecord r : DecisionLog.read(file)) {
            if (r.type().equals("MANUAL_WORKFLOW")) {
                manual++;
            }
            if (!r.type().equals("DECISION")) {
                continue;
            }
            Map<?, ?> d = r.body().get("decision") instanceof Map<?, ?> m ? m : Map.of();
            String kind = String.valueOf(d.get("kind"));
            String reason = d.get("reasonCode") == null ? "none" : d.get("reasonCode").toString();
            decisions.computeIfAbsent(kind, k -> new TreeMap<>()).merge(reason, 1L, Long::sum);
            Object version = r.body().get("modelVersion");
            if (!modelVersion.equals(version)) {
                others.merge(version == null ? NO_MODEL : version.toString(), 1L, Long::sum);
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            if (r.body().get("audit") instanceof Map<?, ?> audit) {
                audit.forEach((k, val) -> {
                    if (!"auditOnly".equals(k)) {
                        values.put((String) k, val);
                    }
                });
            }
            inputs.add(new Observation(r.time(), values));
            recommendations++;
            if (r.body().get("suggestions") instanceof List<?> l) {
                suggestions += l.size();
            }
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("decision log " + file + " holds no decision taken with model "
                    + modelVersion + ", so there is nothing to monitor for it; decisions by model version: "
                    + (others.isEmpty() ? "none at all" : others));
        }
        return new LogInputs(inputs, recommendations, suggestions, manual, decisions, others);
    }

    /**
     * Counts for the host system in Prometheus' text exposition format (version 0.0.4): suggestions, decisions by
     * kind and reason, manual-workflow reviews, and the monitor's windows and alerts.
     */
    public String prometheus(String modelVersion, MonitorReport report) {
        return prometheus(modelVersion, report, null);
    }

    /**
     * As {@link #prometheus(String, MonitorReport)}, with the outcome checks' windows with an alert by kind
     * ({@code calibration}, {@code disparity}) when {@code outcomes} is given.
     */
    public String prometheus(String modelVersion, MonitorReport report, OutcomeReport outcomes) {
        StringBuilder b = new StringBuilder();
        String mv = "model_version=\"" + label(modelVersion) + "\"";
        counter(b, "fairpath_recommendations_total", "Decisions taken with suggestions shown.");
        b.append("fairpath_recommendations_total{").append(mv).append("} ").append(recommendations).append('\n');
        counter(b, "fairpath_suggestions_total", "Suggestions shown to counsellors.");
        b.append("fairpath_suggestions_total{").append(mv).append("} ").append(suggestions).append('\n');
        counter(b, "fairpath_manual_workflow_total", "Reviews opened in the manual workflow (model switched off).");
        b.append("fairpath_manual_workflow_total ").append(manualWorkflow).append('\n');
        counter(b, "fairpath_decisions_total", "Counsellor decisions by kind and reason code.");
        decisions.forEach((kind, reasons) -> reasons.forEach((reason, n) -> b.append("fairpath_decisions_total{kind=\"")
                .append(label(kind)).append("\",reason=\"").append(label(reason)).append("\"} ").append(n)
                .append('\n')));
        counter(b, "fairpath_monitor_windows_total", "Monitored windows, tested or too small to test.");
        long tested = report.windows().stream().filter(MonitorReport.Window::tested).count();
        b.append("fairpath_monitor_windows_total{tested=\"true\"} ").append(tested).append('\n');
        b.append("fairpath_monitor_windows_total{tested=\"false\"} ").append(report.windows().size() - tested)
                .append('\n');
        counter(b, "fairpath_monitor_alerts_total", "Drift alerts (attribute and window) by attribute.");
        for (String a : report.attributes()) {
            long n = report.windows().stream().flatMap(w -> w.drifts().stream())
                    .filter(d -> d.alert() && d.attribute().equals(a)).count();
            b.append("fairpath_monitor_alerts_total{attribute=\"").append(label(a)).append("\"} ").append(n)
                    .append('\n');
        }
        if (outcomes != null) {
            counter(b, "fairpath_monitor_outcome_alerts_total", "Windows whose outcome checks alerted, by kind.");
            long cal = outcomes.windows().stream().filter(w -> w.calibration().stream()
                    .anyMatch(OutcomeReport.Calibration::alert)).count();
            long disp = outcomes.windows().stream().filter(w -> w.disparities().stream()
                    .anyMatch(f -> f.level() == org.fairpath.fairness.audit.Finding.Level.FAIL)).count();
            b.append("fairpath_monitor_outcome_alerts_total{kind=\"calibration\"} ").append(cal).append('\n');
            b.append("fairpath_monitor_outcome_alerts_total{kind=\"disparity\"} ").append(disp).append('\n');
        }
        return b.toString();
    }

    private static void counter(StringBuilder b, String name, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" counter\n");
    }

    /** A label value escaped as the exposition format requires: backslash, double quote and line feed. */
    static String label(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
