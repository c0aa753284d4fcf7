package org.fairpath.fairness.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.fairpath.fairness.audit.Finding;

/**
 * What the outcome checks found ({@link OutcomeMonitor#run}): per window, calibration overall and per group, and the
 * audit's disparity findings.
 *
 * @param policy     the thresholds used
 * @param outcomes   outcomes read
 * @param joined     outcomes joined to a decision of the monitored model version
 * @param excluded   outcomes whose decision cannot be checked, by reason
 * @param grouped    attributes whose groups are checked
 * @param notGrouped attributes recorded with numeric values, not grouped (no bands)
 * @param windows    the windows with at least one joined outcome, in time order
 */
public record OutcomeReport(MonitorPolicy policy, int outcomes, int joined, Map<String, Long> excluded,
                            List<String> grouped, List<String> notGrouped, List<Window> windows) {

    public OutcomeReport {
        excluded = Collections.unmodifiableMap(new TreeMap<>(excluded));
        grouped = List.copyOf(grouped);
        notGrouped = List.copyOf(notGrouped);
        windows = List.copyOf(windows);
    }

    /**
     * One window of decisions (by decision time) with their outcomes.
     *
     * @param start           inclusive
     * @param end             exclusive
     * @param decisions       decisions of the monitored version in the window, outcome known or not (the base of
     *                        the decision-based figures: selection rate and its ratio)
     * @param cases           of them, decisions with an outcome (the base of calibration and the outcome gaps)
     * @param tested          whether there were at least {@code minCases} decisions
     * @param checks          the number of checks made (Bonferroni's m)
     * @param checkConfidence the confidence of each check, {@code 1 - alpha / checks} (NaN when not tested)
     * @param suppressed      groups left unchecked for their size: calibration groups plus the audit's suppressed
     *                        groups (as {@code fairpath audit} counts them)
     * @param calibration     overall ({@code all}) and per group ({@code attribute=level})
     * @param disparities     the audit's findings
     */
    public record Window(Instant start, Instant end, int decisions, int cases, boolean tested, int checks,
                         double checkConfidence, int suppressed, List<Calibration> calibration,
                         List<Finding> disparities) {
        public Window {
            calibration = List.copyOf(calibration);
            disparities = List.copyOf(disparities);
        }

        /** Whether a calibration check or a disparity (FAIL) alerted. */
        public boolean alert() {
            return calibration.stream().anyMatch(Calibration::alert)
                    || disparities.stream().anyMatch(f -> f.level() == Finding.Level.FAIL);
        }
    }

    /**
     * Calibration of one group in one window.
     *
     * @param group         {@code all} or {@code attribute=level}
     * @param cases         decisions with an outcome
     * @param positives     of them employed
     * @param meanPredicted mean predicted chance of the chosen option (NaN when suppressed)
     * @param observedRate  employed share (NaN when suppressed)
     * @param lower         lower bound of observed minus predicted (the Wilson interval of the observed rate at
     *                      the window's check confidence, minus the mean prediction)
     * @param upper         upper bound
     * @param suppressed    fewer cases than the policy's {@code minGroupSize}: no figure, no check
     * @param alert         whether the whole interval lies beyond ± the calibration tolerance
     */
    public record Calibration(String group, int cases, int positives, double meanPredicted, double observedRate,
                              double lower, double upper, boolean suppressed, boolean alert) {
    }

    /** Group checks suppressed for their size, summed over the tested windows. */
    public int suppressed() {
        return windows.stream().mapToInt(Window::suppressed).sum();
    }

    /** Whether any window alerted. */
    public boolean alert() {
        return windows.stream().anyMatch(Window::alert);
    }

    /** The windows with an alert. */
    public List<Window> alerts() {
        return windows.stream().filter(Window::alert).toList();
    }

    /**
     * A one-line reason for the first window with an alert: every group whose calibration alerted there, else the
     * first disparity that failed; empty when there is none.
     */
    public String reason() {
        for (Window w : windows) {
            List<String> groups = w.calibration().stream().filter(Calibration::alert).map(c -> String.format(
                    Locale.ROOT, "%s observed %.3f vs predicted %.3f (difference %+.3f to %+.3f)", c.group(),
                    c.observedRate(), c.meanPredicted(), c.lower(), c.upper())).toList();
            if (!groups.isEmpty()) {
                return String.format(Locale.ROOT, "calibration from %s: %s; tolerance %.3f", w.start(),
                        String.join(", ", groups), policy.outcomes().calibrationTolerance());
            }
            for (Finding f : w.disparities()) {
                if (f.level() == Finding.Level.FAIL) {
                    return "disparity from " + w.start() + ": " + f.sentence();
                }
            }
        }
        return "";
    }

    /** Writes this report into {@code o} (the {@code outcomes} member of the monitor's JSON report). */
    void toJson(ObjectNode o) {
        o.put("alert", alert());
        ObjectNode p = o.putObject("policy");
        OutcomePolicy op = policy.outcomes();
        p.put("alpha", op.alpha());
        p.put("calibrationTolerance", op.calibrationTolerance());
        p.put("minSelectionRatio", op.audit().minSelectionRatio());
        p.put("maxOpportunityGap", op.audit().maxOpportunityGap());
        p.put("maxOddsGap", op.audit().maxOddsGap());
        p.put("minGroupSize", op.minGroupSize());
        ObjectNode bands = p.putObject("bands");
        op.bands().forEach((a, cuts) -> {
            ArrayNode c = bands.putArray(a);
            cuts.forEach(c::add);
        });
        o.put("outcomes", outcomes);
        o.put("joined", joined);
        ObjectNode ex = o.putObject("excluded");
        excluded.forEach(ex::put);
        ArrayNode g = o.putArray("grouped");
        grouped.forEach(g::add);
        ArrayNode ng = o.putArray("notGrouped");
        notGrouped.forEach(ng::add);
        ArrayNode ws = o.putArray("windows");
        for (Window w : windows) {
            ObjectNode x = ws.addObject();
            x.put("start", w.start().toString());
            x.put("end", w.end().toString());
            x.put("decisions", w.decisions());
            x.put("cases", w.cases());
            x.put("suppressed", w.suppressed());
            x.put("tested", w.tested());
            x.put("alert", w.alert());
            x.put("checks", w.checks());
            num(x, "checkConfidence", w.checkConfidence());
            ArrayNode cal = x.putArray("calibration");
            for (Calibration c : w.calibration()) {
                ObjectNode y = cal.addObject();
                y.put("group", c.group());
                y.put("cases", c.cases());
                y.put("suppressed", c.suppressed());
                if (!c.suppressed()) {
                    y.put("positives", c.positives());
                }
                num(y, "meanPredicted", c.meanPredicted());
                num(y, "observedRate", c.observedRate());
                num(y, "lower", c.lower());
                num(y, "upper", c.upper());
                y.put("alert", c.alert());
            }
            ArrayNode ds = x.putArray("disparities");
            for (Finding f : w.disparities()) {
                ObjectNode y = ds.addObject();
                y.put("level", f.level().name());
                y.put("check", f.check());
                ArrayNode gr = y.putArray("grouping");
                f.grouping().forEach(gr::add);
                ArrayNode gp = y.putArray("group");
                f.group().forEach(gp::add);
                ArrayNode ag = y.putArray("against");
                f.against().forEach(ag::add);
                num(y, "value", f.value());
                num(y, "lower", f.interval().lower());
                num(y, "upper", f.interval().upper());
                num(y, "threshold", f.threshold());
                y.put("sentence", f.sentence());
            }
        }
    }

    /** The report as an HTML section (escaped; no scripts). */
    String toHtml() {
        StringBuilder b = new StringBuilder("<h2>Outcomes: calibration and disparities</h2>\n<p>")
                .append(outcomes).append(" outcomes read, ").append(joined).append(" joined to decisions of this"
                        + " model");
        excluded.forEach((k, v) -> b.append("; ").append(v).append(' ').append(MonitorReport.esc(k)));
        b.append(". Grouped by: ").append(MonitorReport.esc(String.join(", ", grouped)));
        if (!notGrouped.isEmpty()) {
            b.append("; not grouped (numeric): ").append(MonitorReport.esc(String.join(", ", notGrouped)));
        }
        OutcomePolicy op = policy.outcomes();
        b.append(". Each window's checks together have a false-alarm chance of at most ").append(op.alpha())
                .append(" (Bonferroni); calibration alerts beyond ±").append(op.calibrationTolerance())
                .append(", a disparity on a FAIL.</p>\n<table>\n<tr><th>window start</th><th>cases</th><th>group"
                        + "</th><th>observed</th><th>predicted</th><th>observed − predicted</th><th>verdict</th>"
                        + "</tr>\n");
        for (Window w : windows) {
            if (!w.tested()) {
                b.append("<tr><td>").append(w.start()).append("</td><td>").append(w.cases())
                        .append("</td><td colspan=\"5\">too few decisions to test (").append(w.decisions())
                        .append(")</td></tr>\n");
                continue;
            }
            b.append("<tr><td>").append(w.start()).append("</td><td>").append(w.cases()).append("</td><td colspan="
                    + "\"5\">").append(w.decisions()).append(" decisions (selection rates use them all), ")
                    .append(w.cases()).append(" with an outcome; ").append(w.suppressed()).append(" group check(s)"
                    + " suppressed (fewer than ").append(op.minGroupSize()).append(" cases)</td></tr>\n");
            for (Calibration c : w.calibration()) {
                b.append(c.alert() ? "<tr class=\"alert\">" : "<tr>").append("<td>").append(w.start())
                        .append("</td><td>").append(c.cases()).append("</td><td>").append(MonitorReport.esc(c.group()))
                        .append("</td>");
                if (c.suppressed()) {
                    b.append("<td colspan=\"4\">suppressed (fewer than ").append(op.minGroupSize())
                            .append(" cases)</td></tr>\n");
                    continue;
                }
                b.append(String.format(Locale.ROOT, "<td>%.3f</td><td>%.3f</td><td>%+.3f to %+.3f</td><td>%s</td>"
                        + "</tr>%n", c.observedRate(), c.meanPredicted(), c.lower(), c.upper(),
                        c.alert() ? "ALERT" : "ok"));
            }
            for (Finding f : w.disparities()) {
                if (f.level() == Finding.Level.FAIL || f.level() == Finding.Level.WARN) {
                    b.append(f.level() == Finding.Level.FAIL ? "<tr class=\"alert\">" : "<tr>").append("<td>")
                            .append(w.start()).append("</td><td>").append(w.cases()).append("</td><td colspan=\"4\">")
                            .append(MonitorReport.esc(f.sentence())).append("</td><td>")
                            .append(f.level() == Finding.Level.FAIL ? "ALERT" : "cannot tell").append("</td></tr>\n");
                }
            }
        }
        return b.append("</table>\n").toString();
    }

    private static void num(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, v);
        } else {
            o.putNull(k);
        }
    }
}
