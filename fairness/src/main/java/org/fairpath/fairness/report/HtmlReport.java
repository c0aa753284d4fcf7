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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairpath.core.Fairpath;

/**
 * Renders an {@link Audit} as one self-contained HTML page: inline CSS and SVG, no scripts, fonts or anything else
 * from the network, so it opens offline. The findings come first in plain language; then, for each grouping, the key
 * metrics as group bars with interval whiskers and the overall value as a reference line, the selection-rate ratio
 * against the reference group with the policy's line (e.g. 0.8); service allocations as stacked bars; trends over
 * time windows with each window's interval; and the audit's provenance last. Every chart is followed by the same
 * numbers as a table, and suppressed groups are shown as suppressed, never as zero.
 *
 * <p>The page is in English, French, German, Dutch or Finnish ({@link #render(Audit, Context, List, Locale)}); its
 * words come from one message file per language. Axes step by 1, 2, 2.5 or 5 times a power of ten from zero;
 * reference-line labels sit in their own rows above the plot, so "policy 0.80" and "parity" never overlap; SVG charts
 * scale down with the page, and tables wrap their cells rather than scroll.
 */
public final class HtmlReport {

    private static final List<Metric> CHARTED = List.of(Metric.SELECTION_RATE, Metric.TPR, Metric.FPR, Metric.PPV);
    private static final String[] PALETTE = {"#1b6ca8", "#e07b24", "#2a9d5c", "#c0392b", "#7d4fb2", "#8c6d46",
        "#d45d9e", "#6b7b8c", "#0f7c80", "#b8961e", "#3d4db7", "#8a2d5e"};
    /** Width of a bar chart's plot area, in SVG units. */
    private static final int PLOT = 320;
    /** Width of the value column right of the plot. */
    private static final int RIGHT = 64;
    /** Height of one bar's row. */
    private static final int ROW = 26;
    /** Height of one row of reference-line labels above the plot. */
    private static final int REF_ROW = 13;
    /** Longest group label drawn beside a bar, in code points (the table shows up to 60). */
    private static final int LABEL_CHARS = 28;
    /** The ratio axis ends at most here; larger values and interval ends are in the table. */
    private static final double RATIO_CAP = 4;
    private static final int TREND_WIDTH = 560;

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

    /** The page for {@code audit}, in English, with no notes on reading the input. */
    public static String render(Audit audit, Context ctx) {
        return render(audit, ctx, List.of());
    }

    /** The page for {@code audit}, in English (see {@link #render(Audit, Context, List, Locale)}). */
    public static String render(Audit audit, Context ctx, List<String> notes) {
        return render(audit, ctx, notes, Locale.ENGLISH);
    }

    /**
     * The page for {@code audit} in {@code language} (English, French, German, Dutch or Finnish), with what reading
     * the input noticed ({@code notes}, e.g. {@link org.fairpath.fairness.input.AuditData#notes()}: how each value was
     * read, colliding labels) and the groups suppressed for their size, in a section after the findings. Every word
     * the page adds is in that language; text that comes in English from elsewhere (the notes, and the cause of a
     * finding that could not be checked) is marked {@code lang="en"}; the data's own labels are shown as they are.
     *
     * @throws IllegalArgumentException when the language is not one of en, fr, de, nl, fi
     */
    public static String render(Audit audit, Context ctx, List<String> notes, Locale language) {
        Messages m = Messages.of(language);
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"").append(m.language()).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(esc(ctx.title())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>").append(esc(ctx.title())).append("</h1><p class=\"lead\">")
                .append(m.format("lead", "cases", count(m, audit.counts().overall().n()), "input",
                        esc(ctx.inputDescription()), "attributes", esc(String.join(", ", audit.counts().attributes()))))
                .append("</p></header>\n<main>\n");
        findings(h, m, audit);
        inputNotes(h, m, audit, notes);
        for (List<String> grouping : audit.counts().groupings()) {
            grouping(h, m, audit, grouping);
        }
        if (!ctx.allocations().isEmpty()) {
            h.append("<section id=\"allocation\"><h2>").append(m.text("section.allocation")).append("</h2>\n");
            for (Shares a : ctx.allocations()) {
                allocation(h, m, a.caption(), a.allocation());
            }
            h.append("</section>\n");
        }
        if (ctx.trendMetric() != null && !ctx.trends().isEmpty()) {
            h.append("<section id=\"trends\"><h2>").append(m.format("section.trends", "metric",
                    m.text("metric." + ctx.trendMetric().name()))).append("</h2>\n");
            ctx.trends().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> trend(h, m, e.getKey(), e.getValue(), audit.settings().confidence()));
            h.append("</section>\n");
        }
        h.append("</main>\n");
        provenance(h, m, audit, ctx);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /**
     * A phrase from the report's message files for the captions a caller builds, in {@code language}, with
     * {@code value} (escaped later by the page, so pass it raw) in place of its placeholder. Keys:
     * {@code title.audit} ("Fairness audit of {value}"), {@code caption.services} ("Services received by {value}"),
     * {@code caption.decisions} ("Counsellor decisions by {value}").
     *
     * @throws IllegalArgumentException for another key or language
     */
    public static String phrase(Locale language, String key, String value) {
        if (!List.of("title.audit", "caption.services", "caption.decisions").contains(key)) {
            throw new IllegalArgumentException("unknown phrase '" + key + "'; known: [title.audit, caption.services,"
                    + " caption.decisions]");
        }
        return Messages.of(language).format(key, "value", value);
    }

    private static void findings(StringBuilder h, Messages m, Audit audit) {
        h.append("<section id=\"findings\"><h2>").append(m.text("section.findings"))
                .append("</h2>\n<ul class=\"findings\">\n");
        for (Finding f : audit.findings()) {
            h.append("<li class=\"finding ").append(f.level().name().toLowerCase(Locale.ROOT))
                    .append("\" data-level=\"").append(f.level()).append("\" data-grouping=\"")
                    .append(esc(String.join(",", f.grouping()))).append("\"><span class=\"badge\">")
                    .append(m.text("level." + f.level().name())).append("</span> ")
                    .append(m.language().equals("en") ? sentence(f) : sentence(m, f, audit.settings().confidence()))
                    .append("</li>\n");
        }
        h.append("</ul>\n<p class=\"note\">").append(m.text("findings.note")).append("</p>\n</section>\n");
    }

    private static void inputNotes(StringBuilder h, Messages m, Audit audit, List<String> notes) {
        Map<List<String>, List<List<String>>> suppressed = audit.suppressedGroups();
        int count = audit.suppressedCount();
        String english = m.language().equals("en") ? "" : " lang=\"en\"";
        h.append("<section id=\"notes\"><h2>").append(m.text("section.notes")).append("</h2>\n<ul class=\"notes\">\n");
        for (String n : notes) {
            h.append("<li class=\"note-item\"").append(english).append(">").append(esc(n)).append("</li>\n");
        }
        String min = String.valueOf(audit.settings().effectiveMinGroupSize());
        h.append("<li class=\"suppressed-count\">").append(count == 0 ? m.format("suppressed.none", "min", min)
                : count == 1 ? m.format("suppressed.one", "min", min)
                : m.format("suppressed.many", "count", String.valueOf(count), "min", min));
        if (count > 0) {
            h.append("<ul>");
            suppressed.forEach((grouping, groups) -> {
                if (!groups.isEmpty()) {
                    h.append("<li>").append(m.format("suppressed.by", "grouping", esc(String.join(" × ", grouping))));
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

    private static void grouping(StringBuilder h, Messages m, Audit audit, List<String> grouping) {
        String g = String.join(" × ", grouping);
        h.append("<section class=\"grouping\" data-grouping=\"").append(esc(String.join(",", grouping)))
                .append("\"><h2>").append(m.format("section.by", "grouping", esc(g))).append("</h2>\n");
        for (Metric metric : CHARTED) {
            MetricFrame f = audit.frame(metric, grouping);
            if (!f.overall().isDefined()) {
                continue; // e.g. no outcomes: nothing to show for TPR
            }
            rateChart(h, m, f);
        }
        ratioChart(h, m, audit.frame(Metric.SELECTION_RATE, grouping), audit.policy().minSelectionRatio());
        h.append("</section>\n");
    }

    /** Geometry of a horizontal bar chart: label column, plot, value column, a band for reference labels on top. */
    private record Bars(int label, int top, int rows, double max) {

        int width() {
            return label + PLOT + RIGHT;
        }

        int axisY() {
            return top + rows * ROW + 4;
        }

        int height() {
            return axisY() + 16;
        }

        double x(double v) {
            return label + Math.min(Math.max(v, 0), max) / max * PLOT;
        }
    }

    /** The label column's width: wide enough for the longest label shown (estimated), within 60 to 240 pixels. */
    private static int labelWidth(List<String> labels) {
        double w = 0;
        for (String l : labels) {
            w = Math.max(w, Layout.textWidth(Display.label(l, LABEL_CHARS), 12));
        }
        return (int) Math.ceil(Math.max(60, Math.min(240, w + 14)));
    }

    /**
     * Opens a bar chart's SVG with the reference lines' labels placed in rows above the plot so none overlaps
     * another, and returns its geometry. {@code refs} holds value and text pairs.
     */
    private static Bars openBars(StringBuilder h, String title, List<String> labels, double max,
                                 List<Map.Entry<Double, String>> refs) {
        int label = labelWidth(labels);
        double[] centres = new double[refs.size()];
        double[] widths = new double[refs.size()];
        for (int i = 0; i < refs.size(); i++) {
            widths[i] = Layout.textWidth(refs.get(i).getValue(), 10);
            double x = label + Math.min(refs.get(i).getKey(), max) / max * PLOT;
            centres[i] = Layout.clampCentre(x, widths[i], label, label + PLOT + RIGHT);
        }
        int[] rows = Layout.rows(centres, widths, 8);
        int bandRows = 0;
        for (int r : rows) {
            bandRows = Math.max(bandRows, r + 1);
        }
        Bars b = new Bars(label, 6 + bandRows * REF_ROW, labels.size(), max);
        h.append("<svg class=\"chart\" role=\"img\" aria-label=\"").append(esc(title)).append("\" width=\"")
                .append(b.width()).append("\" height=\"").append(b.height()).append("\" viewBox=\"0 0 ")
                .append(b.width()).append(' ').append(b.height()).append("\">\n");
        for (int i = 0; i < refs.size(); i++) {
            double x = b.x(refs.get(i).getKey());
            h.append(String.format(Locale.ROOT, "<line class=\"ref\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                    + "<text class=\"reftext\" text-anchor=\"middle\" x=\"%.1f\" y=\"%d\">%s</text>\n", x,
                    b.top() - 2, x, b.axisY(), centres[i], 4 + (rows[i] + 1) * REF_ROW - 3, plain(refs.get(i).getValue())));
        }
        return b;
    }

    private static void ticks(StringBuilder h, Messages m, Bars b, double[] ticks, boolean percent) {
        for (double t : ticks) {
            double x = b.x(t);
            h.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                    + "<text class=\"tick\" text-anchor=\"middle\" x=\"%.1f\" y=\"%d\">%s</text>\n", x, b.top(), x,
                    b.axisY(), x, b.axisY() + 12, percent ? m.percentTick(t) : tickNumber(m, t)));
        }
    }

    /** A tick value with as many decimals as it needs (at most 2, for steps such as 0.25). */
    private static String tickNumber(Messages m, double v) {
        for (int d = 0; d < 3; d++) {
            if (Math.abs(v * Math.pow(10, d) - Math.rint(v * Math.pow(10, d))) < 1e-6) {
                return m.decimal(v, d);
            }
        }
        return m.decimal(v, 2);
    }

    private static void rateChart(StringBuilder h, Messages m, MetricFrame f) {
        List<MetricFrame.GroupResult> groups = f.byGroup();
        String title = m.format("chart.rate", "metric", m.text("metric." + f.metric().name()), "grouping",
                String.join(" × ", f.grouping()));
        h.append("<figure><figcaption>").append(esc(title)).append("</figcaption>\n");
        List<Map.Entry<Double, String>> refs = f.overall().isDefined()
                ? List.of(Map.entry(f.overall().value(), m.format("chart.overall", "value",
                m.percent(f.overall().value())))) : List.of();
        Bars b = openBars(h, title, groups.stream().map(r -> String.join(" · ", r.group())).toList(), 1.0, refs);
        ticks(h, m, b, Layout.niceTicks(1.0, 4), true);
        for (int i = 0; i < groups.size(); i++) {
            MetricFrame.GroupResult r = groups.get(i);
            int y = b.top() + i * ROW;
            label(h, b, y, String.join(" · ", r.group()));
            Estimate e = r.estimate();
            if (r.suppressed() || !e.isDefined()) {
                h.append("<text class=\"muted\" x=\"").append(b.label() + 4).append("\" y=\"").append(y + 15)
                        .append("\">").append(r.suppressed() ? m.format("chart.suppressed", "cases",
                                count(m, r.cases())) : m.text("undefined")).append("</text>\n");
                continue;
            }
            bar(h, b, y, e.value(), PALETTE[0], e.interval());
            h.append("<text class=\"value\" x=\"").append(b.label() + PLOT + 6).append("\" y=\"").append(y + 15)
                    .append("\">").append(m.percent(e.value())).append("</text>\n");
        }
        h.append("</svg>\n");
        table(h, m, f);
        h.append("</figure>\n");
    }

    private static void ratioChart(StringBuilder h, Messages m, MetricFrame f, double threshold) {
        List<Comparison> ratios = f.vsReference().stream().filter(c -> c.kind().equals("ratio")).toList();
        if (ratios.isEmpty() || f.reference().isEmpty()) {
            return;
        }
        // the axis shows the allowed range [t, 1/t] and every finite interval, up to a cap (the table has the rest)
        double want = Math.max(1 / threshold, 1.0);
        for (Comparison c : ratios) {
            if (Double.isFinite(c.interval().upper())) {
                want = Math.max(want, c.interval().upper());
            } else if (Double.isFinite(c.value())) {
                want = Math.max(want, c.value());
            }
        }
        double[] ticks = Layout.niceTicks(Math.min(want, RATIO_CAP), 5);
        double max = ticks[ticks.length - 1];
        String title = m.format("chart.ratio", "reference", String.join(" · ", f.reference().get()));
        h.append("<figure><figcaption>").append(esc(title)).append("</figcaption>\n");
        List<Map.Entry<Double, String>> refs = new ArrayList<>();
        refs.add(Map.entry(threshold, m.format("chart.policy", "value", m.decimal(threshold, 2))));
        refs.add(Map.entry(1.0, m.text("chart.parity")));
        refs.add(Map.entry(1 / threshold, m.format("chart.policy", "value", m.decimal(1 / threshold, 2))));
        Bars b = openBars(h, title, ratios.stream().map(c -> String.join(" · ", c.group())).toList(), max, refs);
        ticks(h, m, b, ticks, false);
        for (int i = 0; i < ratios.size(); i++) {
            Comparison c = ratios.get(i);
            int y = b.top() + i * ROW;
            label(h, b, y, String.join(" · ", c.group()));
            if (!Double.isFinite(c.value())) {
                h.append("<text class=\"muted\" x=\"").append(b.label() + 4).append("\" y=\"").append(y + 15)
                        .append("\">").append(m.text("undefined")).append("</text>\n");
                continue;
            }
            // red outside the allowed range [t, 1/t] on either side: over-selection is as much a finding as under
            String colour = c.value() < threshold || c.value() > 1 / threshold ? PALETTE[3] : PALETTE[2];
            bar(h, b, y, c.value(), colour, c.interval());
            h.append("<text class=\"value\" x=\"").append(b.label() + PLOT + 6).append("\" y=\"").append(y + 15)
                    .append("\">").append(c.value() > max ? "&gt;" + tickNumber(m, max) : m.decimal(c.value(), 2))
                    .append("</text>\n");
        }
        h.append("</svg>\n");
        Table t = new Table(heads(m, "th.group", "th.ratio", "th.interval", "th.p", "th.note"));
        for (Comparison c : ratios) {
            t.row(null, false, List.of(groupCell(c.group()), num(m, c.value()), interval(m, c.interval(), false),
                    pValue(m, c.adjustedP()), noteCell(m, c.undefinedReason())));
        }
        t.appendTo(h);
        h.append("</figure>\n");
    }

    private static final Pattern SUPPRESSED = Pattern.compile(
            "suppressed: the group has (\\d+) cases, fewer than the minimum of (\\d+) that may be reported");

    /**
     * A note from the statistics: the known ones (a suppressed group, each metric's undefined case, a ratio against
     * a zero rate) in the page's language; any other stays English, marked {@code lang="en"}.
     */
    static String noteCell(Messages m, String note) {
        if (note == null || note.isEmpty()) {
            return "";
        }
        if (m.language().equals("en")) {
            return esc(note);
        }
        Matcher s = SUPPRESSED.matcher(note);
        if (s.matches()) {
            return esc(m.format("note.suppressed", "cases", s.group(1), "min", s.group(2)));
        }
        for (Metric metric : Metric.values()) {
            if (note.equals(metric.undefinedReason()) && m.has("note." + metric.name())) {
                return esc(m.text("note." + metric.name()));
            }
        }
        if (note.equals("the comparison group's value is 0, so the ratio is undefined")) {
            return esc(m.text("note.ratio.zero"));
        }
        if (note.equals("the comparison group's value is 0: +Infinity by AIF360's convention")) {
            return esc(m.text("note.ratio.infinite"));
        }
        return "<span lang=\"en\">" + esc(note) + "</span>";
    }

    /** Column headers of our own words, from their keys. */
    private static List<Table.Head> heads(Messages m, String... keys) {
        List<Table.Head> l = new ArrayList<>();
        for (String k : keys) {
            l.add(Table.Head.of(esc(m.text(k))));
        }
        return l;
    }

    /** A column header for a label from the data. */
    private static Table.Head dataHead(String label) {
        return new Table.Head(bdi(label, 60), esc(Display.label(label, 60)));
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

    /**
     * The finding in another language, built from its fields (the English {@link Finding#sentence()} is not
     * translated word by word): what was checked, the groups, the value, its simultaneous interval, the allowed
     * range and what the interval shows. A finding that could not be checked says so, and gives its cause in
     * English, marked as such.
     */
    static String sentence(Messages m, Finding f, double confidence) {
        String check = f.check();
        String window = "";
        int colon = check.indexOf(':');
        if (colon > 0) {
            window = check.substring(colon + 1);
            check = check.substring(0, colon);
        }
        String what = m.has("check." + check) ? esc(m.text("check." + check))
                : "<code>" + esc(check) + "</code>";
        if (!window.isEmpty()) {
            what = m.format("check.window", "check", what, "window", esc(window));
        }
        String grouping = esc(String.join(" × ", f.grouping()));
        if (f.level() == Finding.Level.UNDEFINED || !Double.isFinite(f.value()) && !Double.isInfinite(f.value())) {
            return m.format("finding.undefined", "check", what, "grouping", grouping) + " <span lang=\"en\">"
                    + sentence(f) + "</span>";
        }
        boolean combined = check.equals("equalized_odds_difference");
        boolean ratio = check.endsWith("_ratio");
        String allowed = combined ? m.format("allowed.max", "t", m.decimal(f.threshold(), 2))
                : ratio ? m.format("allowed.ratio", "low", m.decimal(f.threshold(), 2), "high",
                m.decimal(1 / f.threshold(), 2))
                : m.format("allowed.difference", "t", m.decimal(f.threshold(), 2));
        return m.format("finding", "check", what, "grouping", grouping, "group", levels(f.group()), "against",
                levels(f.against()), "value", num(m, f.value()), "confidence", m.percentExact(confidence),
                "low", num(m, f.interval().lower()), "high", num(m, f.interval().upper()), "allowed", allowed,
                "verdict", m.text("verdict." + f.level().name()));
    }

    private static String levels(List<String> group) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < group.size(); i++) {
            b.append(i == 0 ? "" : " × ").append("&#39;").append(bdi(group.get(i), Display.MAX_LABEL)).append("&#39;");
        }
        return b.toString();
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

    private static void table(StringBuilder h, Messages m, MetricFrame f) {
        Table t = new Table(List.of(Table.Head.of(esc(m.text("th.group"))), Table.Head.of(esc(m.text("th.cases"))),
                Table.Head.of(esc(m.text("metric." + f.metric().name()))), Table.Head.of(esc(m.text("th.interval"))),
                Table.Head.of(esc(m.text("th.note")))));
        for (MetricFrame.GroupResult r : f.byGroup()) {
            Estimate e = r.estimate();
            t.row(r.suppressed() ? "suppressed" : null, false, List.of(groupCell(r.group()), count(m, r.cases()),
                    r.suppressed() ? m.text("suppressed") : e.isDefined() ? m.percent(e.value()) + " ("
                            + e.numerator() + "/" + e.denominator() + ")" : m.text("undefined"),
                    interval(m, e.interval(), true), noteCell(m, e.undefinedReason())));
        }
        t.row("overall", false, List.of(m.text("overall"),
                count(m, f.byGroup().stream().mapToLong(MetricFrame.GroupResult::cases).sum()),
                f.overall().isDefined() ? m.percent(f.overall().value()) : m.text("undefined"),
                interval(m, f.overall().interval(), true), ""));
        t.appendTo(h);
    }

    /** The categories the library itself names (decision directions, no service), translated; data labels are not. */
    private static final Map<String, String> CATEGORY_KEYS = Map.of(
            org.fairpath.fairness.audit.OverrideAudit.ACCEPTED, "category.accepted",
            org.fairpath.fairness.audit.OverrideAudit.MORE_INTENSIVE, "category.more",
            org.fairpath.fairness.audit.OverrideAudit.SAME_INTENSITY, "category.same",
            org.fairpath.fairness.audit.OverrideAudit.LESS_INTENSIVE, "category.less",
            org.fairpath.fairness.audit.OverrideAudit.REJECTED, "category.rejected",
            "none", "category.none");

    /** A category as shown (escaped): the report's own words in its language, or the data's label cut to 60. */
    static String category(Messages m, String c) {
        String key = CATEGORY_KEYS.get(c);
        return key == null ? cut(c, 60) : esc(m.text(key));
    }

    private static void allocation(StringBuilder h, Messages m, String title, Allocation a) {
        List<String> cats = a.categories();
        List<String> groups = a.groups();
        h.append("<figure><figcaption>").append(esc(title)).append(" — ").append(m.format("allocation.test", "chi",
                m.decimal(a.chiSquare(), 1), "df", String.valueOf(a.degreesOfFreedom()), "p", pStatement(m,
                        a.pValue()))).append(a.reliable() ? "" : " " + m.text("allocation.approximate"))
                .append("</figcaption>\n");
        Bars b = openBars(h, title, groups, 1.0, List.of());
        ticks(h, m, b, Layout.niceTicks(1.0, 4), true);
        for (int i = 0; i < groups.size(); i++) {
            int y = b.top() + i * ROW;
            label(h, b, y, groups.get(i));
            double x = b.label();
            for (int c = 0; c < cats.size(); c++) {
                double share = a.share(groups.get(i), cats.get(c)).value();
                double w = share * PLOT;
                h.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\">"
                        + "<title>%s: %s</title></rect>\n", x, y + 2, w, PALETTE[c % PALETTE.length],
                        category(m, cats.get(c)), m.percent(share)));
                x += w;
            }
        }
        h.append("</svg>\n<p class=\"legend\">");
        for (int c = 0; c < cats.size(); c++) {
            h.append("<span><i style=\"background:").append(PALETTE[c % PALETTE.length]).append("\"></i>")
                    .append(category(m, cats.get(c))).append("</span> ");
        }
        // categories down, groups across: there are usually fewer groups than services, so the table fits narrow
        // screens without a scrollbar
        h.append("</p>\n");
        List<Table.Head> heads = new ArrayList<>(heads(m, "th.category"));
        groups.forEach(g -> heads.add(dataHead(g)));
        a.suppressedGroups().forEach(g -> heads.add(dataHead(g)));
        Table t = new Table(heads);
        for (String c : cats) {
            List<String> cells = new ArrayList<>(List.of(CATEGORY_KEYS.containsKey(c) ? category(m, c) : bdi(c, 60)));
            List<String> classes = new ArrayList<>(java.util.Collections.nCopies(1 + groups.size(), (String) null));
            for (String g : groups) {
                cells.add(count(m, a.count(g, c)) + " (" + m.percent(a.share(g, c).value()) + ")");
            }
            for (String g : a.suppressedGroups()) {
                cells.add(m.text("allocation.suppressed"));
                classes.add("suppressed");
            }
            t.row(null, true, cells, classes);
        }
        t.appendTo(h);
        h.append("</figure>\n");
    }

    /**
     * A line per group over the time windows, with each window's rate as a dot and its interval as a vertical line;
     * the axis starts at zero and ends at a round number above every interval.
     */
    private static void trend(StringBuilder h, Messages m, String grouping, Map<String, MetricFrame> windows,
                              double confidence) {
        List<String> labels = new ArrayList<>(windows.keySet());
        List<String> groups = new ArrayList<>();
        windows.values().forEach(f -> f.byGroup().forEach(r -> {
            String g = String.join(" · ", r.group());
            if (!groups.contains(g)) {
                groups.add(g);
            }
        }));
        double top = 0;
        for (MetricFrame f : windows.values()) {
            for (MetricFrame.GroupResult r : f.byGroup()) {
                if (!r.suppressed() && r.estimate().isDefined()) {
                    Interval i = r.estimate().interval();
                    top = Math.max(top, i.isDefined() ? i.upper() : r.estimate().value());
                }
            }
        }
        double[] yTicks = Layout.niceTicks(top > 0 ? Math.min(1, top) : 1, 5);
        double yMax = yTicks[yTicks.length - 1];
        int width = TREND_WIDTH;
        int left = 52;
        int plotTop = 10;
        int plotHeight = 180;
        // window labels: centred under their points, moved to a second (third...) row when they would touch
        double[] lw = new double[labels.size()];
        for (int w = 0; w < lw.length; w++) {
            lw[w] = Layout.textWidth(Display.label(labels.get(w), 20), 10);
        }
        double padLeft = Math.max(16, lw.length == 0 ? 0 : lw[0] / 2 + 2);
        double padRight = Math.max(16, lw.length == 0 ? 0 : lw[lw.length - 1] / 2 + 4);
        double x0 = left + padLeft;
        double x1 = width - padRight;
        double step = labels.size() > 1 ? (x1 - x0) / (labels.size() - 1) : 0;
        double[] xs = new double[labels.size()];
        for (int w = 0; w < xs.length; w++) {
            xs[w] = labels.size() > 1 ? x0 + w * step : (x0 + x1) / 2;
        }
        int[] rows = Layout.rows(xs, lw, 8);
        int labelRows = 1;
        for (int r : rows) {
            labelRows = Math.max(labelRows, r + 1);
        }
        int height = plotTop + plotHeight + 8 + labelRows * 13 + 4;
        String title = m.format("trend.title", "grouping", grouping);
        h.append("<figure><figcaption>").append(esc(title)).append("</figcaption>\n<svg class=\"chart\" role=\"img\" "
                + "aria-label=\"").append(esc(title)).append("\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">\n");
        for (double t : yTicks) {
            double y = plotTop + (yMax - t) / yMax * plotHeight;
            h.append(String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
                    + "<text class=\"tick\" text-anchor=\"end\" x=\"%d\" y=\"%.1f\">%s</text>\n",
                    t == 0 ? "baseline" : "grid", left, y, width, y, left - 6, y + 3.5, m.percentTick(t)));
        }
        for (int w = 0; w < labels.size(); w++) {
            h.append(String.format(Locale.ROOT, "<text class=\"tick\" text-anchor=\"middle\" x=\"%.1f\" y=\"%d\">%s"
                    + "</text>\n", xs[w], plotTop + plotHeight + 18 + rows[w] * 13, cut(labels.get(w), 20)));
        }
        // groups side by side within a window, so their interval lines do not hide each other
        java.util.Set<String> drawn = new java.util.HashSet<>();
        double dodge = groups.size() > 1 ? Math.min(6, (labels.size() > 1 ? step : 40) / (2.0 * groups.size())) : 0;
        for (int gi = 0; gi < groups.size(); gi++) {
            String colour = PALETTE[gi % PALETTE.length];
            double off = (gi - (groups.size() - 1) / 2.0) * dodge;
            StringBuilder points = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            for (int w = 0; w < labels.size(); w++) {
                for (MetricFrame.GroupResult r : windows.get(labels.get(w)).byGroup()) {
                    if (String.join(" · ", r.group()).equals(groups.get(gi)) && !r.suppressed()
                            && r.estimate().isDefined()) {
                        double x = xs[w] + off;
                        double y = plotTop + (yMax - r.estimate().value()) / yMax * plotHeight;
                        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                        drawn.add(groups.get(gi));
                        Interval i = r.estimate().interval();
                        if (i.isDefined()) {
                            double ya = plotTop + (yMax - Math.min(i.upper(), yMax)) / yMax * plotHeight;
                            double yb = plotTop + (yMax - Math.max(i.lower(), 0)) / yMax * plotHeight;
                            marks.append(String.format(Locale.ROOT, "<line class=\"interval\" x1=\"%.1f\" y1=\"%.1f\""
                                    + " x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>", x, ya, x, yb, colour));
                        }
                        marks.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\">"
                                + "<title>%s, %s: %s</title></circle>", x, y, colour, cut(groups.get(gi), 60),
                                cut(labels.get(w), 60), m.percent(r.estimate().value())));
                    }
                }
            }
            h.append("<g><polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\" points=\"")
                    .append(points.toString().trim()).append("\"/>").append(marks).append("</g>\n");
        }
        h.append("</svg>\n<p class=\"legend\">");
        for (int gi = 0; gi < groups.size(); gi++) {
            h.append("<span><i style=\"background:").append(PALETTE[gi % PALETTE.length]).append("\"></i>")
                    .append(cut(groups.get(gi), 60)).append(drawn.contains(groups.get(gi)) ? ""
                            : " (" + m.text("trend.notdrawn") + ")").append("</span> ");
        }
        h.append("</p>\n<p class=\"note\">").append(m.format("trend.note", "confidence", m.percentExact(confidence)))
                .append("</p>\n");
        List<Table.Head> heads = new ArrayList<>(heads(m, "th.window"));
        groups.forEach(g -> heads.add(dataHead(g)));
        Table t = new Table(heads);
        for (String w : labels) {
            List<String> cells = new ArrayList<>(List.of(esc(w)));
            for (String g : groups) {
                String cell = m.text("trend.nocases");
                for (MetricFrame.GroupResult r : windows.get(w).byGroup()) {
                    if (String.join(" · ", r.group()).equals(g)) {
                        cell = r.suppressed() ? m.text("suppressed") : r.estimate().isDefined()
                                ? m.percent(r.estimate().value()) + " (" + interval(m, r.estimate().interval(), true)
                                + ")" : m.text("undefined");
                    }
                }
                cells.add(cell);
            }
            t.row(null, true, cells);
        }
        t.appendTo(h);
        h.append("</figure>\n");
    }

    private static void provenance(StringBuilder h, Messages m, Audit audit, Context ctx) {
        AuditSettings s = audit.settings();
        h.append("<footer id=\"provenance\"><h2>").append(m.text("section.provenance")).append("</h2><dl>")
                .append("<dt>").append(m.text("prov.input")).append("</dt><dd>").append(esc(ctx.inputDescription()))
                .append("</dd><dt>").append(m.text("prov.sha")).append("</dt><dd><code>")
                .append(ctx.inputSha256() == null ? m.text("prov.notfile") : esc(ctx.inputSha256()))
                .append("</code></dd><dt>").append(m.text("prov.cases")).append("</dt><dd>")
                .append(count(m, audit.counts().overall().n())).append("</dd><dt>").append(m.text("prov.settings"))
                .append("</dt><dd>").append(m.format("prov.settings.text", "confidence", m.percentExact(s.confidence()),
                        "min", String.valueOf(s.minGroupSize()), "reference", s.reference().isEmpty()
                                ? m.text("prov.largest") : esc(String.join(" · ", s.reference())), "depth",
                        String.valueOf(audit.counts().depth()), "compat",
                        s.compatibility().name().toLowerCase(Locale.ROOT)))
                .append("</dd><dt>").append(m.text("prov.policy")).append("</dt><dd>").append(m.format(
                        "prov.policy.text", "ratio", m.decimal(audit.policy().minSelectionRatio(), 2), "tpr",
                        m.decimal(audit.policy().maxOpportunityGap(), 2), "odds",
                        m.decimal(audit.policy().maxOddsGap(), 2)))
                .append("</dd><dt>fairpath</dt><dd>").append(esc(Fairpath.VERSION)).append("</dd><dt>")
                .append(m.text("prov.created")).append("</dt><dd>").append(ctx.created()).append("</dd></dl></footer>\n");
    }

    private static void label(StringBuilder h, Bars b, int y, String text) {
        h.append("<text class=\"label\" x=\"").append(b.label() - 8).append("\" y=\"").append(y + 15).append("\">")
                .append(Display.altered(text, LABEL_CHARS) ? "<title>" + esc(text) + "</title>" : "")
                .append(cut(text, LABEL_CHARS)).append("</text>\n");
    }

    /** A label from the data, escaped and cut to {@code max} code points. */
    private static String cut(String text, int max) {
        return esc(Display.label(text, max));
    }

    private static void bar(StringBuilder h, Bars b, int y, double v, String colour, Interval i) {
        h.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>\n",
                b.label(), y + 2, Math.max(0.5, b.x(v) - b.label()), colour));
        if (i.isDefined()) {
            double x1 = b.x(i.lower());
            boolean open = !Double.isFinite(i.upper()) || i.upper() > b.max();
            double x2 = b.x(open ? b.max() : i.upper());
            // a whisker that runs past the axis has no end cap: it continues beyond what is drawn
            h.append(String.format(Locale.ROOT, "<g class=\"whisker\"><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                    + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", x1, y + 11, x2, y + 11, x1, y + 6, x1,
                    y + 16));
            if (!open) {
                h.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>", x2, y + 6,
                        x2, y + 16));
            }
            h.append("</g>\n");
        }
    }

    /** A count with the language's digit grouping left out (plain digits read the same in every language). */
    private static String count(Messages m, long n) {
        return String.valueOf(n);
    }

    /** A value such as a ratio: exactly 0 is "0" (complete exclusion), a small positive one "&lt;0.001". */
    static String num(double v) {
        return num(Messages.of(Locale.ENGLISH), v);
    }

    private static String num(Messages m, double v) {
        return Double.isNaN(v) ? "–" : Double.isInfinite(v) ? (v > 0 ? "∞" : "−∞") : v == 0 ? "0"
                : v < 0.001 && v > 0 ? "&lt;" + m.decimal(0.001, 3) : m.decimal(v, 3);
    }

    /** A p-value: never exactly 0 in truth, so anything below 0.001 (including an underflow to 0) is "&lt;0.001". */
    static String pValue(double p) {
        return pValue(Messages.of(Locale.ENGLISH), p);
    }

    private static String pValue(Messages m, double p) {
        return Double.isNaN(p) ? "–" : p < 0.001 ? "&lt;" + m.decimal(0.001, 3) : m.decimal(p, 3);
    }

    /** "p = 0.012" or, below 0.001, "p &lt; 0.001" (never "p = &lt;0.001"); "p undefined" when NaN. */
    static String pStatement(Messages m, double p) {
        return Double.isNaN(p) ? m.text("p.undefined") : p < 0.001 ? "p &lt; " + m.decimal(0.001, 3)
                : "p = " + m.decimal(p, 3);
    }

    private static String interval(Messages m, Interval i, boolean percent) {
        if (!i.isDefined()) {
            return "–";
        }
        return percent ? m.percent(i.lower()) + " – " + m.percent(i.upper())
                : m.decimal(i.lower(), 2) + " – " + (Double.isFinite(i.upper()) ? m.decimal(i.upper(), 2) : "∞");
    }

    /** Our own words (message texts and numbers) escaped for HTML; unlike {@link #esc}, no-break spaces stay. */
    private static String plain(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** HTML-escaped, with control, bidi and other invisible characters shown as escapes (see {@link Display}). */
    static String esc(String s) {
        return Display.html(s);
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:2rem auto;
              max-width:60rem;color:#1d232a;line-height:1.45;padding:0 1rem;overflow-wrap:break-word}
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
            svg .baseline{stroke:#1d232a}svg .interval{stroke-width:1.5}
            table{border-collapse:collapse;font-size:.85rem;margin-top:.5rem;width:100%}th,td{border:1px solid #d5dbe1;
              padding:.2rem .5rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
            tbody th{font-weight:400}tr.suppressed td,td.suppressed{color:#5c6670;font-style:italic}
            tr.overall td{font-weight:600}.legend span{display:inline-block;margin-right:1rem;font-size:.85rem}
            .legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}
            footer dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.9rem}
            footer dt{font-weight:600}code{font-size:.8rem;word-break:break-all}
            @media (max-width:40rem){body{margin:1rem auto;padding:0 .5rem}
              table.data,table.data tbody,table.data tr,table.data td,table.data tbody th{display:block}
              table.data thead{display:none}table.data tr{border:1px solid #d5dbe1;margin:.4rem 0;padding:.2rem .5rem}
              table.data td,table.data tbody th{border:0;padding:.05rem 0}table.data td:empty{display:none}
              table.data td::before,table.data tbody th::before{content:attr(data-label) ": ";font-weight:600}footer dl{grid-template-columns:1fr}.finding .badge{min-width:0;margin-right:.4rem}}
            """;
}
