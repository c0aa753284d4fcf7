package org.fairpath.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fairpath audit --spark} (what spark-submit runs, here in local mode with 2 cores) gives the report and the
 * counts file of {@code fairpath audit} without Spark. Oracle: the command without {@code --spark}, the single-machine
 * path.
 */
final class SparkAuditCommandTest {

    @TempDir
    static Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void master() {
        // as spark-submit --master local[2] would set it
        System.setProperty("spark.master", "local[2]");
        System.setProperty("spark.ui.enabled", "false");
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
    }

    @AfterAll
    static void stop() {
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
        System.clearProperty("spark.master");
    }

    private static Path data() throws IOException {
        Path p = dir.resolve("cases.csv");
        if (Files.exists(p)) {
            return p;
        }
        Random rnd = new Random(7);
        StringBuilder s = new StringBuilder("gender,age,region,referred,employed,score\n");
        for (int i = 0; i < 3000; i++) {
            s.append(rnd.nextInt(60) == 0 ? "x" : rnd.nextBoolean() ? "f" : "m").append(',')
                    .append(rnd.nextInt(12) == 0 ? "" : Integer.toString(18 + rnd.nextInt(50))).append(",\"r")
                    .append(rnd.nextInt(3)).append("\",").append(rnd.nextInt(3) == 0 ? "yes" : "no").append(',')
                    .append(rnd.nextInt(7) == 0 ? "" : rnd.nextBoolean() ? "1" : "0").append(',')
                    .append(rnd.nextInt(9) == 0 ? "" : Double.toString(rnd.nextInt(200) / 200.0)).append('\n');
        }
        Files.writeString(p, s, StandardCharsets.UTF_8);
        return p;
    }

    private static String[] audit(Path input, Path out, Path counts, boolean spark) {
        List<String> a = new ArrayList<>(List.of("audit", "--input", input.toString(), "--protected",
                "gender,age,region", "--decision", "referred", "--favourable-decision", "yes", "--outcome", "employed",
                "--favourable-outcome", "1", "--score", "score", "--bands", "age:30,50", "--out", out.toString(),
                "--counts-out", counts.toString()));
        if (spark) {
            a.add("--spark");
        }
        return a.toArray(new String[0]);
    }

    private static JsonNode withoutCreated(Path report) throws IOException {
        ObjectNode n = (ObjectNode) JSON.readTree(report.toFile());
        ((ObjectNode) n.get("provenance")).remove("created");
        return n;
    }

    @Test
    void sparkAudit_givesTheReportAndCountsOfTheSingleMachineAudit() throws IOException {
        Path in = data();
        DemoCommandTest.Run one = DemoCommandTest.run(audit(in, dir.resolve("one.json"), dir.resolve("one-c.json"),
                false));
        assertEquals(0, one.status(), one.err());
        DemoCommandTest.Run spark = DemoCommandTest.run(audit(in, dir.resolve("spark.json"),
                dir.resolve("spark-c.json"), true));
        assertEquals(0, spark.status(), spark.err());
        assertEquals(withoutCreated(dir.resolve("one.json")), withoutCreated(dir.resolve("spark.json")));
        assertEquals(Files.readString(dir.resolve("one-c.json")), Files.readString(dir.resolve("spark-c.json")));
        assertEquals(one.out(), spark.out().replace(dir.resolve("spark.json").toAbsolutePath().toString(),
                dir.resolve("one.json").toAbsolutePath().toString()).replace(dir.resolve("spark-c.json")
                .toAbsolutePath().toString(), dir.resolve("one-c.json").toAbsolutePath().toString()));
    }

    @Test
    void sparkAudit_ofParquet_equalsTheAuditOfTheCsvItWasWrittenFrom() throws IOException {
        Path in = data();
        Path parquet = dir.resolve("cases.parquet");
        SparkSession s = SparkSession.builder().getOrCreate();
        s.read().option("header", "true").csv(in.toString()).repartition(4).write().parquet(parquet.toString());
        DemoCommandTest.Run one = DemoCommandTest.run(audit(in, dir.resolve("p1.json"), dir.resolve("p1-c.json"),
                false));
        assertEquals(0, one.status(), one.err());
        DemoCommandTest.Run pq = DemoCommandTest.run(audit(parquet, dir.resolve("p2.json"), dir.resolve("p2-c.json"),
                true));
        assertEquals(0, pq.status(), pq.err());
        JsonNode a = JSON.readTree(dir.resolve("p1.json").toFile());
        JsonNode b = JSON.readTree(dir.resolve("p2.json").toFile());
        for (String field : List.of("findings", "groupings", "scores")) {
            assertEquals(a.get(field), b.get(field), field);
        }
        assertTrue(b.get("provenance").get("input").get("sha256").isNull(), "a directory has no file hash");
    }

    @Test
    void sparkAudit_missingColumn_isOneLine() throws IOException {
        DemoCommandTest.Run r = DemoCommandTest.run("audit", "--spark", "--input", data().toString(), "--protected",
                "Gender", "--decision", "referred", "--favourable-decision", "yes", "--out",
                dir.resolve("e.json").toString());
        assertEquals(1, r.status());
        assertEquals("fairpath audit: " + data() + ": the DataFrame has no column 'Gender' (did you mean"
                + " 'gender'?); columns: [gender, age, region, referred, employed, score]\n", r.err());
    }
}
