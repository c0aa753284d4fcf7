package org.fairpath.fairness.input;

import org.fairpath.fairness.audit.Audit;
import org.fairpath.fairness.audit.AuditPolicy;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.MetricFrame;
import org.fairpath.fairness.report.AuditReport;
import org.fairpath.fairness.report.HtmlReport;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.Metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.fairpath.core.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated bad audit input: 1,000 mutated CSV files (from german_credit.csv) and 1,000 mutated JSON Lines files. Each
 * either yields audit data that a full audit and both reports accept, or fails with the documented
 * IllegalArgumentException (what is wrong, where — including "not UTF-8 text"); nothing else.
 * Also: audits of degenerate groups (one level, groups of one case) give defined results.
 */
final class AuditInputFuzzTest {

    @TempDir
    Path dir;

    @Test
    void mutatedCsvAndJsonLines_onlyDocumentedFailures() throws IOException {
        List<String> lines = Files.readAllLines(Fixtures.sharedData("german_credit.csv")).subList(0, 80);
        String csv = String.join("\n", lines) + "\n";
        StringBuilder jl = new StringBuilder();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            jl.append("{\"sex\":\"").append(f[21]).append("\",\"class\":\"").append(f[20]).append("\",\"age\":")
                    .append(f[12]).append("}\n");
        }
        SplittableRandom r = new SplittableRandom(5);
        int[] outcome = new int[3]; // accepted, rejected (IAE), unreadable (IOException)
        for (int i = 0; i < 2000; i++) {
            boolean json = i % 2 == 1;
            byte[] b = mutate((json ? jl.toString() : csv).getBytes(StandardCharsets.UTF_8), r);
            Path f = dir.resolve("in" + (json ? ".jsonl" : ".csv"));
            Files.write(f, b);
            try {
                AuditData d = json ? AuditData.fromJsonLines(f, List.of("sex"), "class", "good", null, null, null)
                        : AuditData.fromCsv(f, List.of("sex", "foreign_worker"), "class", "good", null, null);
                Audit a = Audit.run(AuditCounts.of(d, 1), AuditSettings.withDefaults(), AuditPolicy.withDefaults());
                AuditReport.toJson(a, "fuzz", null, java.time.Instant.EPOCH);
                HtmlReport.render(a, HtmlReport.Context.of("fuzz", "fuzz", null, java.time.Instant.EPOCH));
                outcome[0]++;
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
                outcome[1]++;
            } catch (IOException e) {
                outcome[2]++;
            } catch (Throwable t) {
                fail("input " + i + " escaped as " + t, t);
            }
        }
        assertEquals(2000, outcome[0] + outcome[1] + outcome[2]);
        assertTrue(outcome[1] > 200, java.util.Arrays.toString(outcome));
        assertEquals(0, outcome[2], "undecodable bytes must be reported as such, not as a bare IOException");
        System.out.printf(Locale.ROOT, "audit input fuzz: %d accepted, %d rejected with a message, %d unreadable%n",
                outcome[0], outcome[1], outcome[2]);
    }

    private static byte[] mutate(byte[] base, SplittableRandom r) {
        byte[] b = base.clone();
        switch (r.nextInt(5)) {
            case 0 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
            case 1 -> {
                for (int k = 0; k < 1 + r.nextInt(5); k++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
            }
            case 2 -> {
                for (int k = 0; k < 1 + r.nextInt(5); k++) {
                    b[r.nextInt(b.length)] = (byte) ",\"\n{}:".charAt(r.nextInt(6));
                }
            }
            case 3 -> b = new byte[r.nextInt(3)];
            default -> {
                int at = r.nextInt(b.length);
                b[at] = (byte) '\n';
            }
        }
        return b;
    }

    @Test
    void degenerateGroups_giveDefinedResults() {
        // one level only, and groups of a single case
        AuditData one = AuditData.builder().group("g", new String[] {"a", "a", "a"})
                .decisions(new boolean[] {true, false, true}).build();
        MetricFrame f = MetricFrame.of(AuditCounts.of(one, 1), Metric.SELECTION_RATE, List.of("g"),
                AuditSettings.withDefaults().withMinGroupSize(1));
        assertEquals(2.0 / 3, f.overall().value(), 1e-15);
        assertTrue(f.difference().isEmpty() && f.vsReference().isEmpty());
        AuditData singles = AuditData.builder().group("g", new String[] {"a", "b"})
                .decisions(new boolean[] {true, false}).outcomes(new Boolean[] {true, null}).build();
        Audit a = Audit.run(AuditCounts.of(singles, 1), AuditSettings.withDefaults().withMinGroupSize(1),
                AuditPolicy.withDefaults());
        MetricFrame sel = a.frame(Metric.SELECTION_RATE, List.of("g"));
        assertEquals(1.0, sel.difference().orElseThrow().value(), 0.0);
        assertEquals(0.0, sel.ratio().orElseThrow().value(), 0.0);
        assertEquals(0.0, sel.ratio().orElseThrow().interval().lower(), 0.0); // Koopman: defined at 0 successes
        assertTrue(Double.isNaN(sel.difference().orElseThrow().pValue()) || sel.difference().orElseThrow()
                .pValue() >= 0);
        MetricFrame tpr = a.frame(Metric.TPR, List.of("g"));
        assertTrue(Double.isNaN(tpr.byGroup().get(1).estimate().value()));
        assertEquals(Metric.TPR.undefinedReason(), tpr.byGroup().get(1).estimate().undefinedReason());
        // an empty audit input is refused with a message, not an exception from deep inside
        assertTrue(AuditCounts.of(AuditData.builder().group("g", new String[0]).decisions(new boolean[0]).build(), 1)
                .overall().n() == 0);
    }
}
