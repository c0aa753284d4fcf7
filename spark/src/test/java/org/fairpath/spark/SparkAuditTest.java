package org.fairpath.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.fairpath.core.synth.SyntheticCase;
import org.fairpath.fairness.audit.Audit;
import org.fairpath.fairness.audit.AuditPolicy;
import org.fairpath.fairness.input.AuditColumns;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.input.ValueCounts;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.ScoreFrame;
import org.fairpath.fairness.report.AuditReport;
import org.fairpath.fairness.report.CountsFile;
import org.fairpath.fairness.stats.AuditCounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark audit in local mode (2 cores, 4 to 6 partitions) equals the single-machine audit of the same file, JSON
 * report for JSON report. Oracle: {@code AuditData.fromCsv} then {@code Audit.run}, {@code ScoreFrame.of} and
 * {@code AuditReport.toJson}, the path {@code fairpath audit} takes, which shares no counting code with the Spark
 * aggregation.
 */
final class SparkAuditTest {

    private static SparkSession spark;
    private static final Instant WHEN = Instant.parse("2026-12-03T00:00:00Z");

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("fairpath-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static Dataset<Row> csv(Path file, int partitions) {
        // every column as text, as the CSV reader sees it; empty cells are null
        Dataset<Row> df = spark.read().option("header", "true").csv(file.toString()).repartition(partitions);
        assertEquals(partitions, df.rdd().getNumPartitions(), "the rows are counted in several partitions");
        return df;
    }

    /** The single-machine report of {@code file}, as {@code fairpath audit} computes it. */
    private static String oneMachine(Path file, AuditColumns spec, int depth, AuditSettings settings,
                                     Map<String, String> refs) throws IOException {
        AuditData data = AuditData.fromCsv(file, spec);
        Audit audit = Audit.run(AuditCounts.of(data, depth), settings, AuditPolicy.withDefaults(), refs);
        List<ScoreFrame> scores = new ArrayList<>();
        if (spec.score() != null) {
            for (List<String> g : audit.counts().groupings()) { // every grouping audited, as fairpath audit does
                scores.add(ScoreFrame.of(data, g, 10, settings));
            }
        }
        return AuditReport.toJson(audit, scores, data.notes(), file.toString(), null, WHEN);
    }

    private static String onSpark(Path file, int partitions, AuditColumns spec, int depth, AuditSettings settings,
                                  Map<String, String> refs) {
        ValueCounts t = SparkAudit.counts(csv(file, partitions), spec);
        CountsFile counts = new CountsFile(t, depth, settings, AuditPolicy.withDefaults(), refs, List.of());
        return counts.audit(file.toString()).toJson(file.toString(), null, WHEN);
    }

    @Test
    void syntheticCaseload_onFourPartitions_equalsTheSingleMachineReport() throws IOException {
        Path file = dir.resolve("caseload.csv");
        StringBuilder s = new StringBuilder("gender,age,citizenship,referred,employed,score\n");
        List<SyntheticCase> cases = CaseloadGenerator.create(CaseloadSettings.withDefaults()).generate(20_000);
        for (int i = 0; i < cases.size(); i++) {
            SyntheticCase c = cases.get(i);
            JobseekerProfile p = c.profile();
            s.append(p.value("gender")).append(',').append(((Double) p.value("age")).intValue()).append(',')
                    .append(p.value("citizenship_group")).append(',').append(c.assignedArm() != 0 ? "yes" : "no")
                    .append(',').append(i % 10 == 0 ? "" : c.outcome() ? "employed" : "not employed").append(',')
                    .append(i % 17 == 0 ? "" : Double.toString(c.trueProbability(c.assignedArm()))).append('\n');
        }
        Files.writeString(file, s, StandardCharsets.UTF_8);
        AuditColumns spec = AuditColumns.of(List.of("gender", "age", "citizenship"), "referred", Set.of("yes"))
                .withOutcome("employed", Set.of("employed"), Set.of()).withScore("score")
                .withBands(Map.of("age", new double[] {25, 40, 55}));
        AuditSettings settings = AuditSettings.withDefaults().withMinGroupSize(30);
        String expected = oneMachine(file, spec, 3, settings, Map.of());
        assertEquals(expected, onSpark(file, 4, spec, 3, settings, Map.of()));
        assertTrue(expected.contains("\"attributes\" : [ \"gender\", \"age\", \"citizenship\" ]"), "depth 3 audited");
        assertTrue(expected.contains("\"auc\" : 0."), "score metrics are compared");
    }

    @Test
    void germanCredit_onFivePartitions_equalsTheSingleMachineReport() throws IOException {
        Path file = org.fairpath.core.Fixtures.sharedData("german_credit.csv");
        AuditColumns spec = AuditColumns.of(List.of("sex", "age", "foreign_worker"), "class", Set.of("good"))
                .withBands(Map.of("age", new double[] {25}));
        AuditSettings settings = AuditSettings.withDefaults();
        Map<String, String> refs = Map.of("sex", "male");
        String expected = oneMachine(file, spec, 2, settings, refs);
        assertEquals(expected, onSpark(file, 5, spec, 2, settings, refs));
        // published: 70% good (the README of the data); 700 of 1,000
        com.fasterxml.jackson.databind.JsonNode overall = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(expected).path("groupings").get(0).path("metrics").get(0).path("overall");
        assertEquals(700, overall.path("numerator").asLong(), overall.toString());
        assertEquals(1000, overall.path("denominator").asLong(), overall.toString());
    }

    @Test
    void uiTakeUp_withOutcome_onSixPartitions_equalsTheSingleMachineReport() throws IOException {
        Path file = org.fairpath.core.Fixtures.sharedData("ui_takeup_benefits.csv");
        AuditColumns spec = AuditColumns.of(List.of("sex", "nwhite", "age"), "ui", Set.of("yes"))
                .withOutcome("head", Set.of("yes"), Set.of()).withScore("rr")
                .withBands(Map.of("age", new double[] {30, 50}));
        String expected = oneMachine(file, spec, 2, AuditSettings.withDefaults(), Map.of());
        assertEquals(expected, onSpark(file, 6, spec, 2, AuditSettings.withDefaults(), Map.of()));
    }

    @Test
    void missingColumn_orAFloatColumn_isRefusedNamingIt() {
        Dataset<Row> df = csv(org.fairpath.core.Fixtures.sharedData("german_credit.csv"), 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkAudit.counts(df,
                AuditColumns.of(List.of("Sex"), "class", Set.of("good"))));
        assertTrue(e.getMessage().startsWith("the DataFrame has no column 'Sex' (did you mean 'sex'?)"),
                e.getMessage());
        Dataset<Row> floats = df.withColumn("duration", functions.col("duration").cast("float"));
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> SparkAudit.counts(floats,
                AuditColumns.of(List.of("duration"), "class", Set.of("good"))));
        assertTrue(f.getMessage().startsWith("group column 'duration' has the type float, which cannot be read with"
                + " certainty"), f.getMessage());
    }

    /** Fresh-eyes finding: Spark decodes bytes that are not UTF-8 as U+FFFD; the file reader refuses such a file. */
    @Test
    void aFileThatIsNotUtf8_isRefused() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "sex,d\nm\u00e4le,yes\nfemale,no\n".getBytes(StandardCharsets.ISO_8859_1));
        AuditColumns spec = AuditColumns.of(List.of("sex"), "d", Set.of("yes"));
        assertThrows(IllegalArgumentException.class, () -> AuditData.fromCsv(file, spec));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkAudit.counts(csv(file, 2), spec));
        assertTrue(e.getMessage().startsWith("a value holds U+FFFD, the replacement character"), e.getMessage());
    }

    @Test
    void aFavourableValueThatNeverOccurs_isRefusedAsTheFileWouldBe() throws IOException {
        Path file = org.fairpath.core.Fixtures.sharedData("german_credit.csv");
        AuditColumns spec = AuditColumns.of(List.of("sex"), "class", Set.of("Good"));
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> AuditData.fromCsv(file, spec));
        ValueCounts t = SparkAudit.counts(csv(file, 4), spec);
        IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
                () -> t.interpret(file.toString(), 1));
        assertEquals(one.getMessage(), many.getMessage());
    }
}
