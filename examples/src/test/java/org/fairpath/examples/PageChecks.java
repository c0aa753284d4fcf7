package org.fairpath.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * What the accessibility test checks on one page at one width, in a {@link Chromium} tab: axe-core's violations,
 * a full-page screenshot's ink, and the rendered geometry of every piece of text.
 *
 * <p>Geometry: every non-blank text node of the page is measured as the browser laid it out (the client rects of a
 * range over the node; for SVG, the bounding box of its {@code <text>} element). Text that is not drawn is not
 * measured: tooltips in SVG {@code <title>}, and whatever {@code checkVisibility()} says is hidden (display none,
 * visibility hidden, the closed part of a {@code <details>}). Two boxes of different text overlap when they share more than {@value #SLACK} pixel
 * in both directions. A box is clipped when it reaches outside the viewport's width or, in SVG, outside its
 * {@code <svg>}. An element that scrolls sideways (overflow not visible, content wider than the box) hides part of
 * its content, and so does a page wider than the viewport.
 */
final class PageChecks {

    /** Pixels two boxes may share before they count as overlapping (sub-pixel rounding of adjacent text). */
    static final double SLACK = 1.0;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The geometry script: returns JSON with overlaps, clipped boxes, sideways scrollers and the page's size. */
    static final String GEOMETRY = """
            (() => {
              const SLACK = %s;
              const vw = document.documentElement.clientWidth;
              const boxes = [];
              const svgTexts = new Set();
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              let node, id = 0;
              const short = s => s.trim().replace(/\\s+/g, ' ').slice(0, 40);
              while ((node = walker.nextNode())) {
                if (!node.textContent.trim()) continue;
                const p = node.parentElement;
                if (!p || p.closest('title, style, script')) continue;
                // not drawn: display none, visibility hidden, or inside a closed <details> (content-visibility)
                if (!p.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true})) continue;
                const svg = p.closest('svg');
                if (svg) {
                  const t = p.closest('text');
                  if (!t || svgTexts.has(t)) continue;
                  svgTexts.add(t);
                  const b = t.getBoundingClientRect();
                  const s = svg.getBoundingClientRect();
                  if (b.width > 0 && b.height > 0) {
                    boxes.push({id: id++, text: short(t.textContent), l: b.left + scrollX, t: b.top + scrollY,
                      r: b.right + scrollX, b: b.bottom + scrollY, svg: {l: s.left + scrollX, t: s.top + scrollY,
                      r: s.right + scrollX, b: s.bottom + scrollY}});
                  }
                  continue;
                }
                const range = document.createRange();
                range.selectNodeContents(node);
                const myId = id++;
                for (const b of range.getClientRects()) {
                  if (b.width < 0.5 || b.height < 0.5) continue;
                  boxes.push({id: myId, text: short(node.textContent), l: b.left + scrollX, t: b.top + scrollY,
                    r: b.right + scrollX, b: b.bottom + scrollY});
                }
              }
              boxes.sort((a, b) => a.t - b.t);
              const overlaps = [];
              for (let i = 0; i < boxes.length; i++) {
                const a = boxes[i];
                for (let j = i + 1; j < boxes.length && boxes[j].t < a.b - SLACK; j++) {
                  const c = boxes[j];
                  if (c.id === a.id) continue;
                  const w = Math.min(a.r, c.r) - Math.max(a.l, c.l);
                  const h = Math.min(a.b, c.b) - Math.max(a.t, c.t);
                  if (w > SLACK && h > SLACK) overlaps.push(a.text + ' | ' + c.text);
                }
              }
              const clipped = [];
              for (const b of boxes) {
                if (b.l < -SLACK || b.r > vw + SLACK) clipped.push(b.text + ' (viewport)');
                else if (b.svg && (b.l < b.svg.l - SLACK || b.r > b.svg.r + SLACK || b.t < b.svg.t - SLACK
                    || b.b > b.svg.b + SLACK)) clipped.push(b.text + ' (svg)');
              }
              const scrollers = [];
              for (const e of document.body.querySelectorAll('*')) {
                const o = getComputedStyle(e).overflowX;
                if (o !== 'visible' && e.scrollWidth > e.clientWidth + 1) scrollers.push(e.tagName.toLowerCase()
                    + ' ' + e.scrollWidth + '>' + e.clientWidth);
              }
              const page = document.documentElement.scrollWidth;
              if (page > vw + 1) scrollers.push('page ' + page + '>' + vw);
              return JSON.stringify({width: vw, boxes: boxes.length, overlaps, clipped, scrollers});
            })()
            """.formatted(SLACK);

    /** The result at one width. */
    record Result(String page, int width, int textBoxes, List<String> overlaps, List<String> clipped,
                  List<String> scrollers, Map<String, Integer> axeByImpact, List<String> axeRules,
                  List<String> seriousOrCritical,
                  long inked, long sampled, int colours, int shotWidth, int shotHeight, int expectedShotWidth) {
    }

    private PageChecks() {
    }

    /** axe.min.js from the pinned axe-core artefact on the test class path, or null when it is absent. */
    static String axeSource() throws IOException {
        try (InputStream in = PageChecks.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Checks the page loaded in {@code tab} at {@code width}: geometry, screenshot (written to {@code shots} as
     * {@code <page>-<width>.png}) and, when {@code axe} is given, axe-core's WCAG 2.x A/AA rules and best practices.
     */
    static Result check(Chromium.Tab tab, String page, int width, String axe, Path shots) throws Exception {
        tab.viewport(width, 900);
        JsonNode g = JSON.readTree(tab.eval(GEOMETRY));
        Map<String, Integer> byImpact = new LinkedHashMap<>();
        List<String> serious = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        if (axe != null) {
            String result = tab.eval("(async () => { if (!window.axe) { " + axe + "\n }"
                    + " const r = await axe.run(document, {resultTypes: ['violations']});"
                    + " return JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact,"
                    + " nodes: v.nodes.length, target: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))); })()");
            for (JsonNode v : JSON.readTree(result)) {
                String impact = v.path("impact").asText("none");
                byImpact.merge(impact, v.get("nodes").asInt(), Integer::sum);
                rules.add(v.get("id").asText() + " (" + impact + ", " + v.get("target") + ")");
                if (impact.equals("serious") || impact.equals("critical")) {
                    serious.add(v.get("id").asText() + " (" + impact + ", " + v.get("nodes").asInt() + " nodes, e.g. "
                            + v.get("target") + ")");
                }
            }
        }
        // wide pages at half scale: a quarter of the pixels to encode and decode, still enough to see ink and layout
        double scale = width >= 1000 ? 0.5 : 1;
        byte[] png = tab.screenshot(scale);
        Files.write(shots.resolve(page + "-" + width + ".png"), png);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        long inked = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                inked += rgb != 0xFFFFFF ? 1 : 0;
            }
        }
        long sampled = (long) ((img.getWidth() + 1) / 2) * ((img.getHeight() + 1) / 2);
        return new Result(page, width, g.get("boxes").asInt(), strings(g.get("overlaps")), strings(g.get("clipped")),
                strings(g.get("scrollers")), byImpact, rules, serious, inked, sampled, colours.size(), img.getWidth(),
                img.getHeight(), (int) Math.round(width * scale));
    }

    private static List<String> strings(JsonNode array) {
        List<String> l = new ArrayList<>();
        array.forEach(n -> l.add(n.asText()));
        return l;
    }
}
