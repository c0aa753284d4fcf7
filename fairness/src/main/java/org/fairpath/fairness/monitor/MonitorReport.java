package org.fairpath.fairness.monitor;

import org.fairpath.fairness.input.Display;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the monitor found: for every window, its cases and, when it was large enough to test, every attribute's test,
 * p-value, Bonferroni threshold, PSI and verdict.
 *
 * @param policy     the thresholds used
 * @param attributes the attributes monitored
 * @param windows    the windows in time order
 */
public record MonitorReport(MonitorPolicy policy, List<String> attributes, List<Window> windows) {

    public MonitorReport {
        attributes = List.copyOf(attributes);
        windows = List.copyOf(windows);
    }

    /**
     * One time window.
     *
     * @param start  inclusive
     * @param end    exclusive
     * @param cases  inputs in the window
     * @param tested whether it had at least {@code minCases} inputs and at least one attribute could be tested
     * @param drifts one per monitored attribute when tested
     */
    public record Window(Instant start, Instant end, int cases, boolean tested, List<Drift> drifts) {
        public Window {
            drifts = List.copyOf(drifts);
        }

        /** Whether any attribute drifted in this window. */
        public boolean alert() {
            return drifts.stream().anyMatch(Drift::alert);
        }
    }

    /**
     * One attribute in one window.
     *
     * @param attribute the attribute
     * @param test      {@code chi-square} or {@code ks}
     * @param statistic the test statistic (NaN when not testable, e.g. one category only)
     * @param pValue    its p-value (NaN when not testable)
     * @param threshold alpha divided by the number of attributes tested in the window (Bonferroni)
     * @param psi       the population stability index
     * @param cases     inputs used (for numbers: those with a known value)
     * @param unseen    values never seen in training
     * @param alert     whether pValue &lt; threshold and psi &ge; the policy's psi
     */
    public record Drift(String attribute, String test, double statistic, double pValue, double threshold, double psi,
                        int cases, List<String> unseen, boolean alert) {
        public Drift {
            unseen = List.copyOf(unseen);
        }
    }

    /** Whether any window has an alert. */
    public boolean alert() {
        return windows.stream().anyMatch(Window::alert);
    }

    /** The windows with an alert. */
    public List<Window> alerts() {
        return windows.stream().filter(Window::alert).toList();
    }

    /** A one-line reason for the first alert, for the kill switch; empty text when there is none. */
    public String reason() {
        for (Window w : windows) {
            for (Drift d : w.drifts()) {
                if (d.alert()) {
                    return String.format(Locale.ROOT, "input drift in '%s' from %s (%s p=%.3g < %.3g, PSI %.3f)",
                            d.attribute(), w.start(), d.test(), d.pValue(), d.threshold(), d.psi());
                }
            }
        }
        return "";
    }

    /** The report as JSON ({@code schemaVersion} 1); NaN values are null; {@code outcomes} is null. */
    public String toJson(String modelVersion, String input) {
        return toJson(modelVersion, input, null);
    }

    /**
     * The report as JSON ({@code schemaVersion} 1) with the outcome checks under {@code outcomes} (null when
     * {@code outcomes} is null: no outcomes were given).
     */
    public String toJson(String modelVersion, String input, OutcomeReport outcomes) {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("schemaVersion", 1);
        root.put("kind", "fairpath-monitor-report");
        root.put("modelVersion", modelVersion);
        root.put("input", input);
        root.put("alert", alert());
        ObjectNode p = root.putObject("policy");
        p.put("window", policy.window().toString());
        p.put("alpha", policy.alpha());
        p.put("psi", policy.psi());
        p.put("minCases", policy.minCases());
        p.put("suspend", policy.suspend());
        ArrayNode attrs = root.putArray("attributes");
        attributes.forEach(attrs::add);
        ArrayNode ws = root.putArray("windows");
        for (Window w : windows) {
            ObjectNode o = ws.addObject();
            o.put("start", w.start().toString());
            o.put("end", w.end().toString());
            o.put("cases", w.cases());
            o.put("tested", w.tested());
            o.put("alert", w.alert());
            ArrayNode ds = o.putArray("drifts");
            for (Drift d : w.drifts()) {
                ObjectNode x = ds.addObject();
                x.put("attribute", d.attribute());
                x.put("test", d.test());
                num(x, "statistic", d.statistic());
                num(x, "pValue", d.pValue());
                num(x, "threshold", d.threshold());
                num(x, "psi", d.psi());
                x.put("cases", d.cases());
                ArrayNode u = x.putArray("unseen");
                d.unseen().forEach(u::add);
                x.put("alert", d.alert());
            }
        }
        if (outcomes == null) {
            root.putNull("outcomes");
        } else {
            outcomes.toJson(root.putObject("outcomes"));
        }
        try {
            return m.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void num(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, v);
        } else {
            o.putNull(k);
        }
    }

    /** The report as a self-contained HTML page: no scripts, nothing loaded from elsewhere. */
    public String toHtml(String modelVersion, String input) {
        return toHtml(modelVersion, input, null);
    }

    /** As {@link #toHtml(String, String)}, with a section for the outcome checks when {@code outcomes} is given. */
    public String toHtml(String modelVersion, String input, OutcomeReport outcomes) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>fairpath monitor</title><style>body{font-family:sans-serif;margin:2rem}table{border-collapse:"
                + "collapse}td,th{border:1px solid #999;padding:.2rem .5rem}.alert{background:#fdd}</style></head>"
                + "<body>\n<h1>Input drift</h1>\n<p>Model ").append(esc(modelVersion)).append(", input ")
                .append(esc(input)).append(". ").append(alert() ? "<strong>ALERT</strong>: " + esc(reason())
                        : "No alert.").append("</p>\n<p>Windows of ").append(policy.window()).append("; alert when"
                        + " p &lt; ").append(policy.alpha()).append(" / attributes tested and PSI &ge; ")
                .append(policy.psi()).append("; windows under ").append(policy.minCases())
                .append(" cases are not tested.</p>\n<table>\n<tr><th>window start</th><th>cases</th><th>attribute"
                        + "</th><th>test</th><th>p-value</th><th>threshold</th><th>PSI</th><th>verdict</th></tr>\n");
        for (Window w : windows) {
            if (!w.tested()) {
                b.append("<tr><td>").append(w.start()).append("</td><td>").append(w.cases())
                        .append("</td><td colspan=\"6\">").append(w.cases() < policy.minCases()
                                ? "too few cases to test" : "no attribute testable").append("</td></tr>\n");
                continue;
            }
            for (Drift d : w.drifts()) {
                b.append(d.alert() ? "<tr class=\"alert\">" : "<tr>").append("<td>").append(w.start())
                        .append("</td><td>").append(w.cases()).append("</td><td>").append(esc(d.attribute()))
                        .append("</td><td>").append(d.test()).append("</td><td>").append(fmt(d.pValue()))
                        .append("</td><td>").append(fmt(d.threshold())).append("</td><td>").append(fmt(d.psi()))
                        .append("</td><td>").append(d.alert() ? "ALERT" : Double.isNaN(d.pValue()) ? "not testable"
                                : "ok").append("</td></tr>\n");
            }
        }
        b.append("</table>\n");
        if (outcomes != null) {
            b.append(outcomes.toHtml());
        }
        return b.append("</body></html>\n").toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3g", v);
    }

    /** Escapes data-derived text for the monitor's HTML: {@link Display#html} (markup, control and bidi characters). */
    static String esc(String s) {
        return Display.html(s);
    }
}
