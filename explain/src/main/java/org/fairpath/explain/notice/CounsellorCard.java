package org.fairpath.explain.notice;

import java.util.ArrayList;
import java.util.List;
import org.fairpath.core.model.OutcomeModels;

/**
 * A counsellor's view of one suggestion, as an HTML fragment to embed in a case-management page: the suggested
 * services with the expected benefit in percentage points and its interval (uncertain ones said so), the chance of
 * work with each and without, the main reasons for the first suggestion (its expected benefit first), why each
 * service is or is not available, data cautions and, in assess-first deployments, the step "record your own choice
 * first" with the suggestions folded in a {@code <details>} element below it.
 *
 * <p>The fragment is one {@code <section class="fpc" lang="...">}: no scripts, no links or images, nothing loaded;
 * its {@code <style>} element has only selectors under {@code .fpc}, so it styles nothing of the host page; it
 * uses no {@code id} attributes, so several cards can share a page; headings start at {@code h2}. Eligibility
 * reasons are the catalogue's rule texts, which are English: they are marked {@code lang="en"}. Immutable.
 */
public final class CounsellorCard {

    /** The card's stylesheet: every selector starts with {@code .fpc}. */
    static final String STYLE = ".fpc{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;"
            + "line-height:1.45;color:#1a1a1a;background:#fff;border:1px solid #767676;border-radius:4px;"
            + "padding:.75rem 1rem;max-width:48rem;box-sizing:border-box}"
            + ".fpc .fpc-h{font-size:1.2rem;margin:0 0 .5rem}.fpc .fpc-h3{font-size:1rem;margin:1rem 0 .25rem}"
            + ".fpc .fpc-note{font-weight:bold}.fpc .fpc-table{border-collapse:collapse;width:100%}"
            + ".fpc .fpc-table caption{text-align:left;font-weight:bold;padding-bottom:.25rem}"
            + ".fpc .fpc-table th,.fpc .fpc-table td{text-align:left;vertical-align:top;padding:.25rem .4rem;"
            + "border-bottom:1px solid #767676;overflow-wrap:anywhere}"
            + ".fpc .fpc-num{white-space:nowrap}.fpc .fpc-list{margin:.25rem 0;padding-left:1.25rem}"
            + ".fpc .fpc-ref{font-family:monospace;font-size:.85rem;color:#4a4a4a;overflow-wrap:anywhere}"
            + ".fpc .fpc-reveal summary{cursor:pointer;font-weight:bold}";

    private static final java.util.regex.Pattern SENTINEL = java.util.regex.Pattern.compile("\\[U\\+0000]([SR])");

    private final String html;

    private CounsellorCard(String html) {
        this.html = html;
    }

    /**
     * The card for {@code payload}.
     *
     * @param models      the bundle that computed the payload (for labels)
     * @param assessFirst whether the deployment asks counsellors to record their own choice first
     * @throws IllegalArgumentException if the language is not available or the bundle is not the payload's
     */
    public static CounsellorCard of(ExplanationPayload payload, OutcomeModels models, boolean assessFirst,
                                    String language) {
        Messages m = Messages.of(language);
        if (!models.version().equals(payload.modelVersion())) {
            throw new IllegalArgumentException("the payload was computed with model " + payload.modelVersion()
                    + "; this bundle is model " + models.version());
        }
        JobseekerNotice.Labels l = new JobseekerNotice.Labels(models, m);
        StringBuilder h = new StringBuilder(8192);
        h.append("<section class=\"fpc\" lang=\"").append(m.language()).append("\" aria-label=\"")
                .append(e(m.text("card.title"))).append("\">\n<style>").append(STYLE).append("</style>\n");
        h.append("<h2 class=\"fpc-h\">").append(e(m.text("card.title"))).append("</h2>\n");
        h.append("<p>").append(e(m.text("card.jobseeker", "jobseeker", payload.jobseeker()))).append("</p>\n");
        h.append("<p class=\"fpc-note\">").append(e(m.text("card.notice"))).append("</p>\n");
        if (assessFirst) {
            h.append("<h3 class=\"fpc-h3\">").append(e(m.text("card.assess.heading"))).append("</h3>\n<p>")
                    .append(e(m.text("card.assess.text"))).append("</p>\n<details class=\"fpc-reveal\">\n<summary>")
                    .append(e(m.text("card.assess.open"))).append("</summary>\n");
        }
        suggestions(h, payload, l, m);
        if (assessFirst) {
            h.append("</details>\n");
        }
        h.append("<h3 class=\"fpc-h3\">").append(e(m.text("card.eligibility.heading"))).append("</h3>\n")
                .append("<ul class=\"fpc-list\">\n");
        for (ExplanationPayload.Availability a : payload.eligibility()) {
            String service = e(l.service(a.service()));
            String reason = "<span lang=\"en\">" + e(a.reason()) + "</span>";
            // the template is ours; only the two values are escaped separately so the reason can carry its lang
            String t = e(m.text(a.eligible() ? "card.eligible" : "card.noteligible", "service", "\u0000S",
                    "reason", "\u0000R"));
            java.util.regex.Matcher x = SENTINEL.matcher(t);
            StringBuilder li = new StringBuilder();
            while (x.find()) { // one pass, so text inserted for one sentinel is never read as another
                x.appendReplacement(li, java.util.regex.Matcher.quoteReplacement(x.group(1).equals("S") ? service
                        : reason));
            }
            x.appendTail(li);
            h.append("<li>").append(li).append("</li>\n");
        }
        h.append("</ul>\n<h3 class=\"fpc-h3\">").append(e(m.text("card.cautions.heading"))).append("</h3>\n");
        if (payload.cautions().isEmpty()) {
            h.append("<p>").append(e(m.text("card.cautions.none"))).append("</p>\n");
        } else {
            h.append("<ul class=\"fpc-list\">\n");
            for (ExplanationPayload.Caution c : payload.cautions()) {
                h.append("<li>").append(e(m.text("card.caution." + c.kind(), "attribute", l.attribute(c.attribute()))))
                        .append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("<p class=\"fpc-ref\">").append(e(m.text("card.reference", "model",
                payload.modelVersion().substring(0, 12), "explanation", payload.sha256().substring(0, 12))))
                .append("</p>\n</section>\n");
        return new CounsellorCard(h.toString());
    }

    private static void suggestions(StringBuilder h, ExplanationPayload p, JobseekerNotice.Labels l, Messages m) {
        h.append("<p>").append(e(m.text("card.without", "percent", m.percent(p.pWithout())))).append("</p>\n");
        if (p.suggestions().isEmpty()) {
            h.append("<p class=\"fpc-note\">").append(e(m.text("card.none"))).append("</p>\n");
            return;
        }
        h.append("<table class=\"fpc-table\">\n<caption>").append(e(m.text("card.table.caption")))
                .append("</caption>\n<thead><tr>");
        for (String c : List.of("card.col.rank", "card.col.service", "card.col.benefit", "card.col.range",
                "card.col.with")) {
            h.append("<th scope=\"col\">").append(e(m.text(c))).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (ExplanationPayload.Suggestion s : p.suggestions()) {
            String range = s.hasInterval() ? m.text("card.range", "lower", m.signedPoints(s.upliftLower()), "upper",
                    m.signedPoints(s.upliftUpper())) : m.text("card.range.none");
            if (s.hasInterval() && s.uncertain()) {
                range += "; " + m.text("card.uncertain");
            } else if (s.hasInterval() && s.upliftUpper() < 0) {
                range += "; " + m.text("card.harm");
            }
            h.append("<tr><td>").append(s.rank()).append("</td><th scope=\"row\">").append(e(l.service(s.service())))
                    .append("</th><td class=\"fpc-num\">").append(e(m.text("card.points", "points",
                            m.signedPoints(s.uplift())))).append("</td><td>").append(e(range))
                    .append("</td><td class=\"fpc-num\">").append(e(m.percent(s.pWith()))).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        if (p.reasons() != null) {
            h.append("<h3 class=\"fpc-h3\">").append(e(m.text("card.reasons.heading", "service",
                    l.service(p.reasons().service())))).append("</h3>\n<p>")
                    .append(e(JobseekerNotice.cardLead(p.reasons(), l, m))).append("</p>\n<ul class=\"fpc-list\">\n");
            for (String r : JobseekerNotice.reasonList(p, l, m, "card")) {
                h.append("<li>").append(e(r)).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        if (p.counterfactual() != null) {
            h.append("<p>").append(e(JobseekerNotice.change(p.counterfactual(), l, m))).append("</p>\n");
        }
    }

    private static String e(String s) {
        return Html.escape(s);
    }

    /** The HTML fragment. */
    public String html() {
        return html;
    }
}
