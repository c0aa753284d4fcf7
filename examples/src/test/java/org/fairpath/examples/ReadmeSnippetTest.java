package org.fairpath.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import org.fairpath.core.Eligibility;
import org.fairpath.core.Sha256;
import org.fairpath.fairness.audit.Audit;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.audit.AuditPolicy;
import org.fairpath.fairness.report.AuditReport;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Schema;
import org.fairpath.core.ServiceCatalogue;
import org.junit.jupiter.api.Test;

/** The README's opening snippet is this test's code, to the character (modulo indentation), and it runs. */
final class ReadmeSnippetTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SELF = Path.of("src", "test", "java", "org", "fairpath", "examples",
            "ReadmeSnippetTest.java");

    private static void snippet() {
        // snippet:start
        Schema schema = Schema.defaultPes();
        ServiceCatalogue services = ServiceCatalogue.defaultPes();
        JobseekerProfile profile = JobseekerProfile.of(schema, "js-0042", Map.of(
                "age", 52, "citizenship_group", "national", "education_level", "upper_secondary",
                "months_unemployed", 14, "months_employed_last_5y", 40, "region", "north",
                "care_duties", false, "driving_licence", true, "previous_programme", false));
        for (Eligibility e : services.eligibility(profile)) {
            System.out.println(e.serviceId() + ": " + e.reason());
        }
        // snippet:end
    }

    private static List<String> between(List<String> lines, String start, String end) {
        int from = -1;
        int to = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(start) && from < 0) {
                from = i;
            } else if (lines.get(i).contains(end) && from >= 0) {
                to = i;
                break;
            }
        }
        assertTrue(from >= 0 && to > from, "markers " + start + " / " + end + " not found");
        return lines.subList(from + 1, to).stream().map(String::strip).filter(l -> !l.startsWith("```")).toList();
    }

    @Test
    void readme_snippet_isThisTestsCode() throws IOException {
        List<String> readme = between(Files.readAllLines(README), "snippet:start", "snippet:end");
        List<String> code = between(Files.readAllLines(SELF), "// snippet:start", "// snippet:end");
        assertEquals(code, readme);
        assertTrue(readme.size() <= 10, "the README snippet has " + readme.size() + " lines; keep it to 10");
    }

    @Test
    void readme_snippet_runsAndExplainsEligibility() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            snippet();
        } finally {
            System.setOut(original);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of(
                "job_search_assistance: open to everyone",
                "vocational_training: eligible: months unemployed is 14 (needs >= 3); age is 52 (needs < 63)",
                "wage_subsidy: eligible: months unemployed is 14 (needs >= 12)",
                "intensive_counselling: eligible: months unemployed is 14 (needs >= 6)",
                "digital_self_service: not eligible: digital skills is unknown (needs >= basic)",
                "language_course: eligible: level in the national language (CEFR) is unknown"),
                lines);
    }

    private static String auditSnippet() throws IOException {
        // audit-snippet:start
        Path file = Path.of("decisions.csv");
        AuditData data = AuditData.fromCsv(file, List.of("gender", "age_band"),
                "referred", "yes", "employed_12m", "1");           // favourable decision and outcome named by the caller
        AuditCounts counts = AuditCounts.of(data, 2);              // each attribute and their intersection, one pass
        Audit audit = Audit.run(counts, AuditSettings.withDefaults(), AuditPolicy.withDefaults());
        audit.findings().forEach(f -> System.out.println(f.level() + " " + f.sentence()));
        String json = AuditReport.toJson(audit, file.toString(), Sha256.hex(Files.readAllBytes(file)), Instant.now());
        // audit-snippet:end
        return json;
    }

    @Test
    void readme_auditSnippet_isThisTestsCode_andRuns() throws IOException {
        assertEquals(between(Files.readAllLines(SELF), "// audit-snippet:start", "// audit-snippet:end"),
                between(Files.readAllLines(README), "audit-snippet:start", "audit-snippet:end"));
        Path csv = Path.of("decisions.csv");
        StringBuilder sb = new StringBuilder("gender,age_band,referred,employed_12m\n");
        for (int i = 0; i < 200; i++) {
            sb.append(i % 2 == 0 ? "female" : "male").append(',').append(i % 3 == 0 ? "50+" : "<50").append(',')
                    .append(i % 2 == 0 && i % 5 < 2 ? "yes" : i % 2 == 1 && i % 5 < 3 ? "yes" : "no").append(',')
                    .append(i % 7 < 4 ? "1" : "0").append('\n');
        }
        Files.writeString(csv, sb);
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        String json;
        try {
            json = auditSnippet();
        } finally {
            System.setOut(original);
            Files.deleteIfExists(csv);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        // by hand: women 40 of 100 referred, men 60 of 100; equal sizes, so the first (female) is the reference
        assertTrue(out.contains("The selection-rate ratio by gender, 'male' vs the reference group 'female', is 1.500"),
                out);
        assertTrue(json.contains("\"schemaVersion\" : 2"), json);
    }

    @Test
    void readme_commands_areTheOnesCiRuns() throws IOException {
        String readme = Files.readString(README);
        assertTrue(readme.contains("mvn -B -q -DskipTests package && java -jar examples/target/fairpath.jar demo"));
        assertTrue(readme.contains("\nmvn -B verify\n"));
        String ci = Files.readString(Path.of("..", ".ci", "run"));
        assertTrue(ci.contains("\nmvn -B verify\n"), ".ci/run must run the README's test command");
    }
}
