package org.fairpath.fairness.report;

import org.fairpath.fairness.input.Display;
import org.fairpath.fairness.audit.Allocation;
import org.fairpath.fairness.audit.Audit;
import org.fairpath.fairness.audit.Finding;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.Comparison;
import org.fairpath.fairness.metrics.MetricFrame;
import org.fairpath.fairness.stats.Estimate;
import org.fairpath.fairness.stats.Interval;
import org.fairpath.fairness.stats.Metric;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairpath.core.Fairpath;

/**
 * Renders an {@link Audit} as one self-contained HTML page: inline CSS and SVG, no scripts, fonts or anything else
 * from the network, so it opens offline. The findings come first in plain language; then, for each grouping, the key
 * metrics as group bars with interval whiskers and the overall value as a reference line, the selection-rate ratio
 * against the reference group with the policy's line (e.g. 0.8); service allocations as stacked bars; trends over
 * time windows; and the audit's provenance last. Every chart is followed by the same numbers as a table, and
 * suppressed groups are shown as suppressed, never as zero.
 */
public final class HtmlReport {

    private static final List<Metric> CHARTED = List.of(Metric.SELECTION_RATE, Metric.TPR, Metric.FPR, Metric.PPV);
    private static final String[] PALETTE = {"#1b6ca8", "#e07b24", "#2a9d5c", "#c0392b", "#7d4fb2", "#8c6d46",
        "#d45d9e", "#6b7b8c"};
    private static final int LABEL = 200;
    private static final int PLOT = 420;
    private static final int ROW = 26;

    /**
     * What the page shows besides the audit.
     *
     * @param title            the page title
     * @param inputDescription what was audited
     * @param inputSha256      fingerprint of the input, or null
     * @param created          when the report was made
     * @param allocations      allocations to show as stacked bars, each with its caption (may be empty)
     * @param trendMetric      the metric of the trend section, or null for none
     * @param trends           per grouping name ("gender"), the metric frame of each time window in order
     */
    public record Context(String title, String inputDescription, String inputSha256, Instant created,
                          List<Shares> allocations, Metric trendMetric, Map<String, Map<String, MetricFrame>> trends) {

        public Context {
            allocations = List.copyOf(allocations);
            trends = Map.copyOf(trends);
        }

        /** A context with nothing but the input's description and fingerprint. */
        public static Context of(String title, String inputDescription, String inputSha256, Instant created) {
            return new Context(title, inputDescription, inputSha256, created, List.of(), null, Map.of());
        }
    }

    /**
     * An allocation with the caption it is shown under, e.g. "Services received by age".
     *
     * @param caption    what the bars show
     * @param allocation the cross-tabulation
     */
    public record Shares(String caption, Allocation allocation) {
    }

    private HtmlReport() {
    }

    /** The page for {@code audit}, with no notes on reading the input (see {@link #render(Audit, Context, List)}). */
    public static String render(Audit audit, Context ctx) {
        return render(audit, ctx, List.of());
    }

    /**
     * The page for {@code audit}, with what reading the input noticed ({@code notes}, e.g.
     * {@link org.fairpath.fairness.input.AuditData#notes()}: how each value was read, colliding labels) and the groups
     * suppressed for their size, in a section after the findings.
     */
    public static String render(Audit audit, Context ctx, List<String> notes) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(ctx.title())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>").append(esc(ctx.title())).append("</h1><p class=\"lead\">")
                .append(String.format(Locale.ROOT, "%,d cases from %s, grouped by %s.", audit.counts().overall().n(),
                        esc(ctx.inputDescription()), esc(String.join(", ", audit.counts().attributes()))))
                .append("</p></header>\n");
        findings(h, audit);
        inputNotes(h, audit, notes);
        for (List<String> grouping : audit.counts().groupings()) {
            grouping(h, audit, grouping);
        }
        if (!ctx.allocations().isEmpty()) {
            h.append("<section id=\"allocation\"><h2>Allocation of services by group</h2>\n");
            for (Shares a : ctx.allocations()) {
                allocation(h, a.caption(), a.allocation());
            }
            h.append("</section>\n");
        }
        if (ctx.trendMetric() != null && !ctx.trends().isEmpty()) {
            h.append("<section id=\"trends\"><h2>Trends: ").append(esc(name(ctx.trendMetric()))).append("</h2>\n");
            ctx.trends().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> trend(h, e.getKey(), e.getValue()));
            h.append("</section>\n");
        }
        provenance(h, audit, ctx);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void findings(StringBuilder h, Audit audit) {
        h.append("<section id=\"findings\"><h2>Findings</h2>\n<ul class=\"findings\">\n");
        for (Finding f : audit.findings()) {
            h.append("<li class=\"finding ").append(f.level().name().toLowerCase(Locale.ROOT))
                    .append("\" data-level=\"").append(f.level()).append("\" data-grouping=\"")
                    .append(esc(String.join(",", f.grouping()))).append("\"><span class=\"badge\">")
                    .append(f.level()).append("</span> ").append(sentence(f)).append("</li>\n");
        }
        h.append("</ul>\n<p class=\"note\">FAIL: the whole interval lies beyond the allowed range. PASS: the whole"
                + " interval lies within it. WARN: the interval reaches across it, so the data cannot tell. Intervals"
                + " are simultaneous over every comparison of a check (Bonferroni). Findings show where to look; they"
                + " are not verdicts on people.</p>\n"
                + "</section>\n");
    }

    private static void inputNotes(StringBuilder h, Audit audit, List<String> notes) {
        Map<List<String>, List<List<String>>> suppressed = audit.suppressedGroups();
        int count = audit.suppressedCount();
        h.append("<section id=\"notes\"><h2>Reading the input</h2>\n<ul class=\"notes\">\n");
        for (String n : notes) {
            h.append("<li class=\"note-item\">").append(esc(n)).append("</li>\n");
        }
        h.append("<li class=\"suppressed-count\">").append(count == 0 ? "No group" : count + (count == 1 ? " group"
                : " groups")).append(String.format(Locale.ROOT, " suppressed for having fewer than %d cases",
                audit.settings().effectiveMinGroupSize())).append(count == 0 ? "." : ":");
        if (count > 0) {
            h.append("<ul>");
            suppressed.forEach((grouping, groups) -> {
                if (!groups.isEmpty()) {
                    h.append("<li>by ").append(esc(String.join(" × ", grouping))).append(": ");
                    for (int i = 0; i < groups.size(); i++) {
                        h.append(i == 0 ? "" : ", ").append(groupCell(groups.get(i)));
                    }
                    h.append("</li>");
                }
            });
            h.append("</ul>");
        }
        h.append("</li>\n</ul>\n</section>\n");
    }

    private static void grouping(StringBuilder h, Audit audit, List<String> grouping) {
        String g = String.join(" × ", grouping);
        h.append("<section class=\"grouping\" data-grouping=\"").append(esc(String.join(",", grouping)))
                .append("\"><h2>By ").append(esc(g)).append("</h2>\n");
        for (Metric m : CHARTED) {
            MetricFrame f = audit.frame(m, grouping);
            if (!f.overall().isDefined()) {
                continue; // e.g. no outcomes: nothing to show for TPR
            }
            rateChart(h, f);
        }
        ratioChart(h, audit.frame(Metric.SELECTION_RATE, grouping), audit.policy().minSelectionRatio());
        h.append("</section>\n");
    }

    private static void rateChart(StringBuilder h, MetricFrame f) {
        List<MetricFrame.GroupResult> groups = f.byGroup();
        int height = ROW * groups.size() + 30;
        String title = name(f.metric()) + " by " + String.join(" × ", f.grouping());
        h.append("<figure><figcaption>").append(esc(title)).append("</figcaption>\n<svg class=\"chart\" role=\"img\" "
                + "aria-label=\"").append(esc(title)).append("\" width=\"").append(LABEL + PLOT + 90)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(LABEL + PLOT + 90).append(' ')
                .append(height).append("\">\n");
        axis(h, height, 1.0);
        for (int i = 0; i < groups.size(); i++) {
            MetricFrame.GroupResult r = groups.get(i);
            int y = 10 + i * ROW;
            label(h, y, String.join(" · ", r.group()));
            Estimate e = r.estimate();
            if (r.suppressed() || !e.isDefined()) {
                h.append("<text class=\"muted\" x=\"").append(LABEL + 4).append("\" y=\"").append(y + 15).append("\">")
                        .append(r.suppressed() ? "suppressed (" + r.cases() + " cases)" : "undefined")
                        .append("</text>\n");
                continue;
            }
            bar(h, y, e.value(), 1.0, PALETTE[0], e);
            h.append("<text class=\"value\" x=\"").append(LABEL + PLOT + 6).append("\" y=\"").append(y + 15).append("\">")
                    .append(pct(e.value())).append("</text>\n");
        }
        if (f.overall().isDefined()) {
            refLine(h, f.overall().value(), 1.0, height, "overall " + pct(f.overall().value()), 10);
        }
        h.append("</svg>\n");
        table(h, f);
        h.append("</figure>\n");
    }

    private static void ratioChart(StringBuilder h, MetricFrame f, double threshold) {
        List<Comparison> ratios = f.vsReference().stream().filter(c -> c.kind().equals("ratio")).toList();
        if (ratios.isEmpty() || f.reference().isEmpty()) {
            return;
        }
        double max = Math.max(1.5, ratios.stream().mapToDouble(c -> Double.isFinite(c.interval().upper())
                ? c.interval().upper() : Double.isFinite(c.value()) ? c.value() : 0).max().orElse(1.5));
        int height = ROW * ratios.size() + 30;
        String title = "Selection-rate ratio against " + String.join(" · ", f.reference().get());
        h.append("<figure><figcaption>").append(esc(title)).append("</figcaption>\n<svg class=\"chart\" role=\"img\" "
                + "aria-label=\"").append(esc(title)).append("\" width=\"").append(LABEL + PLOT + 90)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(LABEL + PLOT + 90).append(' ')
                .append(height).append("\">\n");
        axis(h, height, max);
        for (int i = 0; i < ratios.size(); i++) {
            Comparison c = ratios.get(i);
            int y = 10 + i * ROW;
            label(h, y, String.join(" · ", c.group()));
            if (!Double.isFinite(c.value())) {
                h.append("<text class=\"muted\" x=\"").append(LABEL + 4).append("\" y=\"").append(y + 15)
                        .append("\">undefined</text>\n");
                continue;
            }
            String colour = c.value() < threshold ? PALETTE[3] : PALETTE[2];
            bar(h, y, c.value(), max, colour, new Estimate(c.value(), 0, 0, c.interval(), ""));
            h.append("<text class=\"value\" x=\"").append(LABEL + PLOT + 6).append("\" y=\"").append(y + 15).append("\">")
                    .append(String.format(Locale.ROOT, "%.2f", c.value())).append("</text>\n");
        }
        refLine(h, threshold, max, height, "policy " + String.format(Locale.ROOT, "%.2f", threshold), 10);
        refLine(h, 1.0, max, height, "parity", 22);
        h.append("</svg>\n<table><thead><tr><th>group</th><th>ratio</th><th>interval</th><th>p (adjusted)</th>"
                + "<th>note</th></tr></thead><tbody>\n");
        for (Comparison c : ratios) {
            h.append("<tr><td>").append(groupCell(c.group())).append("</td><td>").append(num(c.value()))
                    .append("</td><td>").append(interval(c.interval(), false)).append("</td><td>")
                    .append(pValue(c.adjustedP())).append("</td><td>").append(esc(c.undefinedReason()))
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table>\n</figure>\n");
    }

    /**
     * The finding's sentence, escaped, with each quoted group level isolated in {@code <bdi>} (so right-to-left text
     * or a stray bidi control cannot reorder the sentence) and its full text in a title when it was cut.
     */
    static String sentence(Finding f) {
        String html = esc(f.sentence());
        java.util.Set<String> levels = new java.util.LinkedHashSet<>(f.group());
        levels.addAll(f.against());
        for (String l : levels) {
            String quoted = esc("'" + Display.label(l, Display.MAX_LABEL) + "'");
            html = html.replace(quoted, "&#39;" + bdi(l, Display.MAX_LABEL) + "&#39;");
        }
        return html;
    }

    /** A label from the data: isolated ({@code <bdi>}), made safe, cut when long with the full text in a title. */
    static String bdi(String label, int max) {
        String shown = esc(Display.label(label, max));
        return Display.altered(label, max) ? "<bdi title=\"" + esc(Display.safe(label)) + "\">" + shown + "</bdi>"
                : "<bdi>" + shown + "</bdi>";
    }

    private static String groupCell(List<String> group) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < group.size(); i++) {
            b.append(i == 0 ? "" : " · ").append(bdi(group.get(i), 60));
        }
        return b.toString();
    }

    private static void table(StringBuilder h, MetricFrame f) {
        h.append("<table><thead><tr><th>group</th><th>cases</th><th>").append(esc(name(f.metric())))
                .append("</th><th>interval</th><th>note</th></tr></thead><tbody>\n");
        for (MetricFrame.GroupResult r : f.byGroup()) {
            Estimate e = r.estimate();
            h.append("<tr").append(r.suppressed() ? " class=\"suppressed\"" : "").append("><td>")
                    .append(groupCell(r.group())).append("</td><td>").append(r.cases()).append("</td><td>")
                    .append(r.suppressed() ? "suppressed" : e.isDefined() ? pct(e.value()) + " (" + e.numerator() + "/"
                            + e.denominator() + ")" : "undefined")
                    .append("</td><td>").append(interval(e.interval(), true)).append("</td><td>")
                    .append(esc(e.undefinedReason())).append("</td></tr>\n");
        }
        h.append("<tr class=\"overall\"><td>overall</td><td>").append(f.byGroup().stream()
                .mapToLong(MetricFrame.GroupResult::cases).sum()).append("</td><td>")
                .append(f.overall().isDefined() ? pct(f.overall().value()) : "undefined").append("</td><td>")
                .append(interval(f.overall().interval(), true)).append("</td><td></td></tr>\n</tbody></table>\n");
    }

    private static void allocation(StringBuilder h, String title, Allocation a) {
        List<String> cats = a.categories();
        List<String> groups = a.groups();
        int height = ROW * groups.size() + 30;
        h.append("<figure><figcaption>").append(esc(title)).append(String.format(Locale.ROOT,
                " — chi-square %.1f on %d df, p = %s%s", a.chiSquare(), a.degreesOfFreedom(), pValue(a.pValue()),
                a.reliable() ? "" : " (approximate: some expected counts are below 5)")).append("</figcaption>\n")
                .append("<svg class=\"chart\" role=\"img\" aria-label=\"").append(esc(title)).append("\" width=\"")
                .append(LABEL + PLOT + 20).append("\" height=\"").append(height).append("\">\n");
        for (int i = 0; i < groups.size(); i++) {
            int y = 10 + i * ROW;
            label(h, y, groups.get(i));
            double x = LABEL;
            for (int c = 0; c < cats.size(); c++) {
                double w = a.share(groups.get(i), cats.get(c)).value() * PLOT;
                h.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\">"
                        + "<title>%s: %s</title></rect>\n", x, y + 2, w, PALETTE[c % PALETTE.length],
                        cut(cats.get(c), 60), pct(w / PLOT)));
                x += w;
            }
        }
        h.append("</svg>\n<p class=\"legend\">");
        for (int c = 0; c < cats.size(); c++) {
            h.append("<span><i style=\"background:").append(PALETTE[c % PALETTE.length]).append("\"></i>")
                    .append(cut(cats.get(c), 60)).append("</span> ");
        }
        h.append("</p>\n<table><thead><tr><th>group</th>");
        cats.forEach(c -> h.append("<th>").append(bdi(c, 60)).append("</th>"));
        h.append("</tr></thead><tbody>\n");
        for (String g : groups) {
            h.append("<tr><td>").append(bdi(g, 60)).append("</td>");
            for (String c : cats) {
                h.append("<td>").append(a.count(g, c)).append(" (").append(pct(a.share(g, c).value())).append(")</td>");
            }
            h.append("</tr>\n");
        }
        for (String g : a.suppressedGroups()) {
            h.append("<tr class=\"suppressed\"><td>").append(bdi(g, 60)).append("</td><td colspan=\"").append(cats.size())
                    .append("\">suppressed: too few cases to report</td></tr>\n");
        }
        h.append("</tbody></table>\n</figure>\n");
    }

    private static void trend(StringBuilder h, String grouping, Map<String, MetricFrame> windows) {
        List<String> labels = new ArrayList<>(windows.keySet());
        List<String> groups = new ArrayList<>();
        windows.values().forEach(f -> f.byGroup().forEach(r -> {
            String g = String.join(" · ", r.group());
            if (!groups.contains(g)) {
                groups.add(g);
            }
        }));
        int width = LABEL + PLOT;
        int height = 220;
        String title = "By " + grouping + " over time";
        h.append("<figure><figcaption>").append(esc(title)).append("</figcaption>\n<svg class=\"chart\" role=\"img\" "
                + "aria-label=\"").append(esc(title)).append("\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\">\n");
        double step = labels.size() > 1 ? (double) (width - 60) / (labels.size() - 1) : 0;
        double lo = 1;
        double hi = 0;
        for (MetricFrame f : windows.values()) {
            for (MetricFrame.GroupResult r : f.byGroup()) {
                if (r.estimate().isDefined()) {
                    lo = Math.min(lo, r.estimate().value());
                    hi = Math.max(hi, r.estimate().value());
                }
            }
        }
        lo = Math.max(0, lo - 0.05);
        hi = Math.min(1, hi + 0.05);
        if (hi <= lo) {
            lo = 0;
            hi = 1;
        }
        for (double t : new double[] {lo, (lo + hi) / 2, hi}) {
            double y = 10 + (hi - t) / (hi - lo) * (height - 40);
            h.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"30\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
                    + "<text class=\"tick\" x=\"0\" y=\"%.1f\">%s</text>\n", y, width, y, y + 3, pct(t)));
        }
        for (int w = 0; w < labels.size(); w++) {
            h.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\">%s</text>\n", 20 + w * step,
                    height - 4, cut(labels.get(w), 60)));
        }
        for (int gi = 0; gi < groups.size(); gi++) {
            StringBuilder points = new StringBuilder();
            for (int w = 0; w < labels.size(); w++) {
                for (MetricFrame.GroupResult r : windows.get(labels.get(w)).byGroup()) {
                    if (String.join(" · ", r.group()).equals(groups.get(gi)) && r.estimate().isDefined()) {
                        double y = 10 + (hi - r.estimate().value()) / (hi - lo) * (height - 40);
                        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", 30 + w * step, y));
                    }
                }
            }
            h.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(PALETTE[gi % PALETTE.length])
                    .append("\" points=\"").append(points.toString().trim()).append("\"><title>")
                    .append(cut(groups.get(gi), 60)).append("</title></polyline>\n");
        }
        h.append("</svg>\n<p class=\"legend\">");
        for (int gi = 0; gi < groups.size(); gi++) {
            h.append("<span><i style=\"background:").append(PALETTE[gi % PALETTE.length]).append("\"></i>")
                    .append(cut(groups.get(gi), 60)).append("</span> ");
        }
        h.append("</p>\n<table><thead><tr><th>window</th>");
        groups.forEach(g -> h.append("<th>").append(bdi(g, 60)).append("</th>"));
        h.append("</tr></thead><tbody>\n");
        for (String w : labels) {
            h.append("<tr><td>").append(esc(w)).append("</td>");
            for (String g : groups) {
                String cell = "no cases";
                for (MetricFrame.GroupResult r : windows.get(w).byGroup()) {
                    if (String.join(" · ", r.group()).equals(g)) {
                        cell = r.suppressed() ? "suppressed" : r.estimate().isDefined() ? pct(r.estimate().value())
                                : "undefined";
                    }
                }
                h.append("<td>").append(cell).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n</figure>\n");
    }

    private static void provenance(StringBuilder h, Audit audit, Context ctx) {
        AuditSettings s = audit.settings();
        h.append("<footer id=\"provenance\"><h2>Provenance</h2><dl>")
                .append("<dt>input</dt><dd>").append(esc(ctx.inputDescription())).append("</dd>")
                .append("<dt>input SHA-256</dt><dd><code>").append(esc(ctx.inputSha256() == null ? "(not a file)"
                        : ctx.inputSha256())).append("</code></dd>")
                .append("<dt>cases</dt><dd>").append(audit.counts().overall().n()).append("</dd>")
                .append("<dt>settings</dt><dd>").append(String.format(Locale.ROOT, "%.0f%% intervals; groups under %d"
                        + " cases suppressed; reference %s; intersections up to %d attributes; %s conventions",
                        s.confidence() * 100, s.minGroupSize(), s.reference().isEmpty() ? "the largest group"
                                : esc(String.join(" · ", s.reference())), audit.counts().depth(),
                        s.compatibility().name().toLowerCase(Locale.ROOT))).append("</dd>")
                .append("<dt>policy</dt><dd>").append(String.format(Locale.ROOT, "selection ratio at least %.2f; TPR"
                        + " gap at most %.2f; equalized-odds gap at most %.2f", audit.policy().minSelectionRatio(),
                        audit.policy().maxOpportunityGap(), audit.policy().maxOddsGap())).append("</dd>")
                .append("<dt>fairpath</dt><dd>").append(esc(Fairpath.VERSION)).append("</dd>")
                .append("<dt>created</dt><dd>").append(ctx.created()).append("</dd></dl></footer>\n");
    }

    private static void axis(StringBuilder h, int height, double max) {
        for (int t = 0; t <= 4; t++) {
            double v = max * t / 4;
            double x = LABEL + v / max * PLOT;
            h.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"5\" x2=\"%.1f\" y2=\"%d\"/>"
                    + "<text class=\"tick\" x=\"%.1f\" y=\"%d\">%s</text>\n", x, x, height - 18, x - 8, height - 4,
                    max == 1.0 ? pct(v) : String.format(Locale.ROOT, "%.2f", v)));
        }
    }

    private static void label(StringBuilder h, int y, String text) {
        h.append("<text class=\"label\" x=\"").append(LABEL - 8).append("\" y=\"").append(y + 15).append("\">")
                .append(Display.altered(text, 30) ? "<title>" + esc(text) + "</title>" : "").append(cut(text, 30))
                .append("</text>\n");
    }

    /** A label from the data, escaped and cut to {@code max} code points. */
    private static String cut(String text, int max) {
        return esc(Display.label(text, max));
    }

    private static void bar(StringBuilder h, int y, double v, double max, String colour, Estimate e) {
        h.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>\n",
                LABEL, y + 2, Math.max(0.5, v / max * PLOT), colour));
        Interval i = e.interval();
        if (i.isDefined() && Double.isFinite(i.upper())) {
            double x1 = LABEL + i.lower() / max * PLOT;
            double x2 = LABEL + Math.min(i.upper(), max) / max * PLOT;
            h.append(String.format(Locale.ROOT, "<g class=\"whisker\"><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                    + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
                    + "y2=\"%d\"/></g>\n", x1, y + 11, x2, y + 11, x1, y + 6, x1, y + 16, x2, y + 6, x2, y + 16));
        }
    }

    private static void refLine(StringBuilder h, double v, double max, int height, String text, int textY) {
        double x = LABEL + Math.min(v, max) / max * PLOT;
        h.append(String.format(Locale.ROOT, "<line class=\"ref\" x1=\"%.1f\" y1=\"2\" x2=\"%.1f\" y2=\"%d\"/>"
                + "<text class=\"reftext\" x=\"%.1f\" y=\"%d\">%s</text>\n", x, x, height - 18, x + 3, textY,
                esc(text)));
    }

    private static String name(Metric m) {
        return switch (m) {
            case SELECTION_RATE -> "Selection rate";
            case TPR -> "True positive rate";
            case FPR -> "False positive rate";
            case FNR -> "False negative rate";
            case TNR -> "True negative rate";
            case PPV -> "Positive predictive value";
            case NPV -> "Negative predictive value";
            default -> "Accuracy";
        };
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    /** A value such as a ratio: exactly 0 is "0" (complete exclusion), a small positive one "&lt;0.001". */
    static String num(double v) {
        return Double.isNaN(v) ? "–" : Double.isInfinite(v) ? "∞" : v == 0 ? "0" : v < 0.001 && v > 0 ? "&lt;0.001"
                : String.format(Locale.ROOT, "%.3f", v);
    }

    /** A p-value: never exactly 0 in truth, so anything below 0.001 (including an underflow to 0) is "&lt;0.001". */
    static String pValue(double p) {
        return Double.isNaN(p) ? "–" : p < 0.001 ? "&lt;0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    private static String interval(Interval i, boolean percent) {
        if (!i.isDefined()) {
            return "–";
        }
        return percent ? pct(i.lower()) + " – " + pct(i.upper())
                : String.format(Locale.ROOT, "%.2f – %.2f", i.lower(), i.upper());
    }

    /** HTML-escaped, with control, bidi and other invisible characters shown as escapes (see {@link Display}). */
    static String esc(String s) {
        return Display.html(s);
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:2rem auto;
              max-width:60rem;color:#1d232a;line-height:1.45;padding:0 1rem}
            h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #d5dbe1}
            .lead{color:#4a5561}.note{color:#4a5561;font-size:.9rem}
            ul.findings{list-style:none;padding:0}ul.notes{font-size:.9rem}.finding{padding:.45rem .6rem;margin:.3rem 0;border-radius:4px;
              background:#f3f5f7}.finding .badge{display:inline-block;min-width:5.5rem;font-weight:600}
            .finding.fail{background:#fbe3e1}.finding.warn{background:#fdf1d8}.finding.pass{background:#e3f4e8}
            figure{margin:1.2rem 0}figcaption{font-weight:600;margin-bottom:.3rem}
            svg.chart{max-width:100%;height:auto;display:block}
            svg text{font-size:12px;fill:#1d232a}svg .label{text-anchor:end}svg .muted{fill:#6b7680;font-style:italic}
            svg .tick{font-size:10px;fill:#6b7680}svg .grid{stroke:#e3e7eb}svg .ref{stroke:#1d232a;stroke-dasharray:4 3}
            svg .reftext{font-size:10px}svg .whisker line{stroke:#1d232a;stroke-width:1.3}svg .value{font-size:11px}
            table{border-collapse:collapse;font-size:.85rem;margin-top:.5rem;display:block;overflow-x:auto}th,td{border:1px solid #d5dbe1;
              padding:.2rem .5rem;text-align:left}tr.suppressed td{color:#6b7680;font-style:italic}
            tr.overall td{font-weight:600}.legend span{margin-right:1rem;font-size:.85rem}.legend i{display:inline-block;
              width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}
            footer dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.9rem}
            footer dt{font-weight:600}code{font-size:.8rem;word-break:break-all}
            """;
}
