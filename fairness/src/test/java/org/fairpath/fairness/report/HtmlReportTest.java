package org.fairpath.fairness.report;

import org.fairpath.fairness.audit.Allocation;
import org.fairpath.fairness.audit.Audit;
import org.fairpath.fairness.audit.AuditPolicy;
import org.fairpath.fairness.audit.Windows;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.input.Bands;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.Metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.fairpath.core.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class HtmlReportTest {

    @TempDir
    Path dir;

    /** A full page on german_credit.csv: findings, charts, allocation, trend and a suppressed group. */
    static String germanCreditPage() throws IOException {
        return germanCreditPage(java.util.Locale.ENGLISH);
    }

    /** As {@link #germanCreditPage()}, in {@code language}. */
    static String germanCreditPage(java.util.Locale language) throws IOException {
        var rows = Fixtures.readSharedCsv("german_credit.csv");
        String[] sex = rows.stream().map(r -> r.get("sex")).toArray(String[]::new);
        String[] age = Bands.of(rows.stream().map(r -> r.get("age")).toArray(String[]::new), 26, 70);
        boolean[] good = new boolean[rows.size()];
        for (int i = 0; i < good.length; i++) {
            good[i] = rows.get(i).get("class").equals("good");
        }
        AuditData data = AuditData.builder().group("sex", sex).group("age", age).decisions(good).build();
        AuditSettings settings = AuditSettings.withDefaults();
        Audit audit = Audit.run(AuditCounts.of(data, 2), settings, AuditPolicy.withDefaults());
        String[] purpose = rows.stream().map(r -> r.get("purpose")).toArray(String[]::new);
        // four pseudo-quarters in file order, to exercise the trend section
        String[] quarter = new String[rows.size()];
        for (int i = 0; i < quarter.length; i++) {
            quarter[i] = "2026-Q" + (1 + i * 4 / rows.size());
        }
        HtmlReport.Context ctx = new HtmlReport.Context("Audit of german_credit.csv <test>", "german_credit.csv",
                "ab".repeat(32), Instant.parse("2026-11-22T12:00:00Z"),
                List.of(new HtmlReport.Shares("Credit purpose by sex", Allocation.of("sex", sex, purpose, settings))),
                Metric.SELECTION_RATE,
                Map.of("sex", Windows.trend(data, quarter, Metric.SELECTION_RATE, List.of("sex"), settings)));
        return HtmlReport.render(audit, ctx, List.of(), language);
    }

    @Test
    void page_isSelfContainedEscapedAndShowsSuppressionAsSuppressed() throws IOException {
        String html = germanCreditPage();
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*\"?(https?:|//)").matcher(html).find(), "no network resources");
        assertFalse(html.contains("<script"), "no scripts");
        assertTrue(html.contains("<title>Audit of german_credit.csv &lt;test&gt;</title>"));
        assertTrue(html.contains("suppressed (7 cases)"), "the 70+ band has 7 cases"); // shown, not as 0
        assertTrue(html.contains("data-level=\"WARN\""));
        assertTrue(html.contains("<section id=\"allocation\">") && html.contains("<section id=\"trends\">"));
        assertTrue(html.contains("<footer id=\"provenance\">") && html.contains("ab".repeat(32)));
        int charts = html.split("<svg ").length - 1;
        int tables = html.split("<table ").length - 1;
        assertEquals(charts, tables, "every chart has its table");
    }

    /**
     * Renders the page in headless Chromium (installed by .ci/run), takes a screenshot, checks it is not blank, and
     * checks the rendered DOM for the findings and groups. Skipped only outside CI when no Chromium is installed.
     */
    @Test
    void page_rendersInARealBrowser() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        boolean ci = System.getenv("CI") != null;
        if (!Files.isExecutable(chromium)) {
            assertFalse(ci, "CI must have Chromium: .ci/run installs Debian's chromium package");
            assumeTrue(false, "Chromium is not installed; .ci/run installs it");
        }
        Path page = dir.resolve("report.html");
        Files.writeString(page, germanCreditPage());
        Path png = dir.resolve("report.png");
        List<String> common = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"), "--window-size=1200,3000");
        run(concat(common, "--screenshot=" + png, page.toUri().toString()), dir.resolve("shot.log"));
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() >= 1000 && img.getHeight() >= 2000, img.getWidth() + "x" + img.getHeight());
        long inked = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                inked += rgb != 0xFFFFFF ? 1 : 0;
            }
        }
        long sampled = (long) (img.getWidth() / 2) * (img.getHeight() / 2);
        assertTrue(inked > sampled / 50, "the screenshot is nearly blank: " + inked + " of " + sampled + " inked");
        assertTrue(colours.size() > 20, "too few colours for charts: " + colours.size());

        Path dom = dir.resolve("dom.html");
        run(concat(common, "--dump-dom", page.toUri().toString()), dom);
        String rendered = Files.readString(dom, StandardCharsets.UTF_8);
        assertTrue(rendered.contains("data-level=\"WARN\""), "findings rendered");
        assertTrue(rendered.contains("data-grouping=\"sex\"") && rendered.contains("data-grouping=\"sex,age\""));
        assertTrue(rendered.contains(">female<") && rendered.contains(">male<"));
        assertTrue(rendered.contains("suppressed (7 cases)"));
    }

    private static List<String> concat(List<String> a, String... more) {
        List<String> l = new java.util.ArrayList<>(a);
        l.addAll(List.of(more));
        return l;
    }

    private static void run(List<String> command, Path stdout) throws Exception {
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s: " + command);
        }
        assertEquals(0, p.exitValue(), "chromium failed: " + command);
    }
}
