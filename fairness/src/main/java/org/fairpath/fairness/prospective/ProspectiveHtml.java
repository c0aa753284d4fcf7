package org.fairpath.fairness.prospective;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairpath.core.Fairpath;
import org.fairpath.core.allocation.AllocationResult;
import org.fairpath.core.allocation.Cohort;

/** Renders a {@link ProspectiveReport} as one self-contained HTML page in the audit report's look. */
final class ProspectiveHtml {

    private static final String[] PALETTE = {"#6b7680", "#1f6feb", "#b35900", "#2e7d32"};

    private ProspectiveHtml() {
    }

    static String render(ProspectiveReport r, ProspectiveReport.Settings settings) {
        AllocationResult a = r.allocation();
        Cohort c = a.cohort();
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>fairpath prospective fairness report</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>Prospective fairness: who gains from an allocation of programme places</h1>\n");
        h.append("<p class=\"lead\">").append(c.size()).append(" jobseekers; objective ")
                .append(esc(a.settings().objective().toString())).append("; ")
                .append(a.settings().constraints().isEmpty() ? "no group constraint"
                        : "group constraints " + esc(String.join(", ", a.settings().constraints().stream()
                        .map(Object::toString).toList())))
                .append(". Expected employment rates are ")
                .append(r.observed() ? "doubly robust estimates from the observed outcomes, with "
                        + pct0(settings.confidence()) + " intervals"
                        : "the outcome models' estimates only: no outcomes were observed, so there are no intervals")
                .append(".</p>\n");
        if (!a.violations().isEmpty()) {
            h.append("<p class=\"finding\"><b>Whole places miss a constraint:</b> ");
            List<String> v = new ArrayList<>();
            for (AllocationResult.Violation x : a.violations()) {
                v.add(esc(x.constraint() + " for " + x.group() + (x.service().isEmpty() ? "" : " in " + x.service())
                        + String.format(Locale.ROOT, " by %.3f", x.excess())));
            }
            h.append(String.join("; ", v)).append("</p>\n");
        }
        h.append("<h2>Policy values</h2>\n<table><tr><th>policy</th><th>expected employment</th><th>interval</th>"
                + "<th>models' estimate</th>");
        boolean truth = r.estimates().stream().anyMatch(e -> !Double.isNaN(e.trueValue()));
        if (truth) {
            h.append("<th>true value</th>");
        }
        h.append("</tr>\n");
        for (String p : r.policies()) {
            PolicyEstimate e = r.estimate(p, "overall", "all").orElseThrow();
            h.append("<tr><td>").append(esc(p)).append("</td><td>").append(pct(e.estimate())).append("</td><td>")
                    .append(interval(e)).append("</td><td>").append(pct(e.modelValue())).append("</td>");
            if (truth) {
                h.append("<td>").append(pct(e.trueValue())).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        Map<String, List<PolicyEstimate>> byGrouping = new LinkedHashMap<>();
        for (PolicyEstimate e : r.estimates()) {
            if (!e.grouping().equals("overall")) {
                byGrouping.computeIfAbsent(e.grouping(), k -> new ArrayList<>()).add(e);
            }
        }
        for (Map.Entry<String, List<PolicyEstimate>> g : byGrouping.entrySet()) {
            h.append("<h2>By ").append(esc(g.getKey())).append("</h2>\n");
            h.append(chart(r.policies(), g.getValue()));
            h.append("<table><tr><th>group</th><th>jobseekers</th>");
            for (String p : r.policies()) {
                h.append("<th>").append(esc(p)).append("</th>");
            }
            h.append("</tr>\n");
            Map<String, List<PolicyEstimate>> rows = new LinkedHashMap<>();
            g.getValue().forEach(e -> rows.computeIfAbsent(e.group(), k -> new ArrayList<>()).add(e));
            for (Map.Entry<String, List<PolicyEstimate>> row : rows.entrySet()) {
                PolicyEstimate first = row.getValue().get(0);
                boolean suppressed = !first.undefined().isEmpty() && first.undefined().startsWith("suppressed");
                h.append(suppressed ? "<tr class=\"suppressed\">" : "<tr>").append("<td>").append(esc(row.getKey()))
                        .append("</td><td>").append(first.jobseekers()).append("</td>");
                for (PolicyEstimate e : row.getValue()) {
                    h.append("<td>").append(suppressed ? "suppressed" : pct(e.estimate()) + " " + interval(e)
                            + (truth ? " <span class=\"note\">true " + pct(e.trueValue()) + "</span>" : ""))
                            .append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<h2>What each constraint costs</h2>\n<p class=\"note\">Expected employment without the constraint"
                + " minus with it, in points; positive means the constraint lowers the group's expected employment."
                + "</p>\n<table><tr><th>constraint</th><th>grouping</th><th>group</th><th>cost (points)</th>"
                + "<th>interval</th>").append(truth ? "<th>true</th>" : "").append("</tr>\n");
        for (ConstraintCost k : r.costs()) {
            if (k.grouping().contains(" x ")) {
                continue;
            }
            h.append("<tr><td>").append(esc(k.constraint())).append("</td><td>").append(esc(k.grouping()))
                    .append("</td><td>").append(esc(k.group())).append("</td><td>").append(points(k.estimate()))
                    .append("</td><td>").append(k.interval().isDefined() ? points(k.interval().lower()) + " to "
                            + points(k.interval().upper()) : "none").append("</td>")
                    .append(truth ? "<td>" + points(k.trueValue()) + "</td>" : "").append("</tr>\n");
        }
        h.append("</table>\n<h2>Places used</h2>\n");
        for (Map.Entry<String, Map<String, Map<String, Map<String, Long>>>> p : r.places().entrySet()) {
            h.append("<h3>").append(esc(p.getKey())).append("</h3>\n<table><tr><th>grouping</th><th>group</th>");
            List<String> options = new ArrayList<>(p.getValue().get("overall").get("all").keySet());
            for (String o : options) {
                h.append("<th>").append(esc(o)).append("</th>");
            }
            h.append("</tr>\n");
            for (Map.Entry<String, Map<String, Map<String, Long>>> g : p.getValue().entrySet()) {
                for (Map.Entry<String, Map<String, Long>> grp : g.getValue().entrySet()) {
                    h.append("<tr><td>").append(esc(g.getKey())).append("</td><td>").append(esc(grp.getKey()))
                            .append("</td>");
                    for (String o : options) {
                        h.append("<td>").append(grp.getValue().get(o)).append("</td>");
                    }
                    h.append("</tr>\n");
                }
            }
            h.append("</table>\n");
        }
        h.append("<h2>What these numbers cannot tell you</h2>\n<p class=\"note\">They are expectations under the"
                + " outcome models and, where outcomes were observed, corrected by them; they assume the jobseekers"
                + " take up the places offered and that the past assignment is captured by the propensities. A"
                + " counsellor reviews every suggestion, so the policy that goes live is not exactly any of these."
                + " Equal expected employment is one fairness criterion among several, and they conflict.</p>\n");
        h.append("<footer><dl><dt>fairpath</dt><dd>").append(esc(Fairpath.VERSION)).append("</dd><dt>model</dt><dd>"
                + "<code>").append(esc(c.modelVersion())).append("</code></dd><dt>input SHA-256</dt><dd><code>")
                .append(esc(c.inputHash())).append("</code></dd><dt>LP bound</dt><dd>")
                .append(String.format(Locale.ROOT, "%.4f (objective %.4f)", a.bound(), a.objective()))
                .append("</dd></dl></footer>\n</body>\n</html>\n");
        return h.toString();
    }

    /** Dots with whiskers: one row per group, one dot per policy. */
    private static String chart(List<String> policies, List<PolicyEstimate> es) {
        Map<String, List<PolicyEstimate>> rows = new LinkedHashMap<>();
        es.forEach(e -> rows.computeIfAbsent(e.group(), k -> new ArrayList<>()).add(e));
        double lo = 1;
        double hi = 0;
        for (PolicyEstimate e : es) {
            if (!Double.isNaN(e.estimate())) {
                lo = Math.min(lo, e.interval().isDefined() ? e.interval().lower() : e.estimate());
                hi = Math.max(hi, e.interval().isDefined() ? e.interval().upper() : e.estimate());
            }
        }
        if (hi < lo) {
            return "";
        }
        lo = Math.max(0, Math.floor(lo * 20) / 20);
        hi = Math.min(1, Math.ceil(hi * 20) / 20);
        if (hi <= lo) {
            hi = lo + 0.05;
        }
        int left = 200;
        int width = 440;
        int rowH = 12 * policies.size() + 10;
        int height = rows.size() * rowH + 40;
        StringBuilder s = new StringBuilder();
        s.append("<figure><svg role=\"img\" width=\"").append(left + width + 20).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(left + width + 20).append(' ').append(height).append("\">");
        for (double t = lo; t <= hi + 1e-9; t += 0.05) {
            double x = left + (t - lo) / (hi - lo) * width;
            s.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"%d\"/>"
                    + "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f%%</text>", x, x,
                    height - 25, x, height - 12, t * 100));
        }
        int y = 5;
        for (Map.Entry<String, List<PolicyEstimate>> row : rows.entrySet()) {
            s.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%d\" y=\"%d\">%s</text>", left - 8,
                    y + rowH / 2 + 2, esc(row.getKey())));
            for (int k = 0; k < row.getValue().size(); k++) {
                PolicyEstimate e = row.getValue().get(k);
                if (Double.isNaN(e.estimate())) {
                    continue;
                }
                double cy = y + 6 + 12 * k;
                String col = PALETTE[policies.indexOf(e.policy()) % PALETTE.length];
                if (e.interval().isDefined()) {
                    s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
                            + "stroke=\"%s\" stroke-width=\"1.5\"/>", sx(e.interval().lower(), lo, hi, left, width),
                            sx(e.interval().upper(), lo, hi, left, width), cy, cy, col));
                }
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\">"
                                + "<title>%s: %s</title></circle>", sx(e.estimate(), lo, hi, left, width), cy, col,
                        esc(e.policy()), pct(e.estimate())));
            }
            y += rowH;
        }
        s.append("</svg><div class=\"legend\">");
        for (int k = 0; k < policies.size(); k++) {
            s.append("<span><i style=\"background:").append(PALETTE[k % PALETTE.length]).append("\"></i>")
                    .append(esc(policies.get(k))).append("</span>");
        }
        return s.append("</div></figure>\n").toString();
    }

    private static double sx(double v, double lo, double hi, int left, int width) {
        return left + (Math.max(lo, Math.min(hi, v)) - lo) / (hi - lo) * width;
    }

    private static String interval(PolicyEstimate e) {
        return e.interval().isDefined() ? "(" + pct(e.interval().lower()) + " to " + pct(e.interval().upper()) + ")"
                : "";
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String pct0(double v) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }

    private static String points(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%+.2f", 100 * v);
    }

    /** HTML-escaped, with control, bidi and other invisible characters shown as escapes, as the audit report does. */
    static String esc(String s) {
        return org.fairpath.fairness.input.Display.html(s);
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:2rem auto;
              max-width:60rem;color:#1d232a;line-height:1.45;padding:0 1rem}
            h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #d5dbe1}
            h3{font-size:1rem}.lead{color:#4a5561}.note{color:#4a5561;font-size:.9rem}
            .finding{padding:.45rem .6rem;margin:.3rem 0;border-radius:4px;background:#fdf3e6}
            figure{margin:1.2rem 0}svg text{font-size:12px;fill:#1d232a}svg .label{text-anchor:end}
            svg .tick{font-size:10px;fill:#6b7680}svg .grid{stroke:#e3e7eb}
            table{border-collapse:collapse;font-size:.85rem;margin-top:.5rem;display:block;overflow-x:auto}th,td{border:1px solid #d5dbe1;
              padding:.2rem .5rem;text-align:left}tr.suppressed td{color:#6b7680;font-style:italic}
            .legend span{margin-right:1rem;font-size:.85rem}.legend i{display:inline-block;width:.8rem;height:.8rem;
              margin-right:.3rem;border-radius:50%}
            footer{margin-top:2.5rem;border-top:1px solid #d5dbe1;padding-top:.8rem}
            footer dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.9rem}
            footer dt{font-weight:600}code{font-size:.8rem;word-break:break-all}
            """;
}
