package org.fairpath.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fairpath.core.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fairpath train --input}: a PES's own history from CSV. Data: the real NSW file (NSW treated + PSID-1 controls)
 * written as a history CSV; the expected effect comes from the library's own NSW test (AIPW ATT about +9 pp with thin
 * overlap), so here the test checks that the command reports it with its warnings and refuses bad files.
 */
final class TrainCommandTest {

    @TempDir
    Path dir;

    private Path[] files(String extraRow) throws IOException {
        Path schema = dir.resolve("schema.json");
        Files.writeString(schema, Fixtures.nswSchema().toJson());
        Path catalogue = dir.resolve("services.json");
        Files.writeString(catalogue, "{\"schemaVersion\":1,\"name\":\"nsw\",\"services\":[{\"id\":\"job_training\","
                + "\"labels\":{\"en\":\"NSW supported work\"},\"descriptions\":{\"en\":\"Work experience\"},"
                + "\"intensity\":4}]}");
        StringBuilder csv = new StringBuilder("id,age,educ,ethn,married,re74,re75,u74,u75,treatment,employed78\n");
        List<Map<String, String>> rows = Fixtures.readSharedCsv("nsw_dw_psid1.csv");
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> r = rows.get(i);
            csv.append(String.join(",", "c" + i, r.get("age"), r.get("educ"), r.get("ethn"), r.get("married"),
                    Double.toString(Double.parseDouble(r.get("re74")) / 1000),
                    Double.toString(Double.parseDouble(r.get("re75")) / 1000), r.get("u74"), r.get("u75"),
                    r.get("treat").equals("1") ? "job_training" : "no_programme",
                    Double.parseDouble(r.get("re78")) > 0 ? "1" : "0")).append('\n');
        }
        csv.append(extraRow);
        Path input = dir.resolve("history.csv");
        Files.writeString(input, csv);
        return new Path[] {input, schema, catalogue};
    }

    @Test
    void train_ownHistory_reportsEffectsOverlapAndHeldOutMetrics() throws IOException {
        Path[] f = files("");
        DemoCommandTest.Run r = DemoCommandTest.run("train", "--input", f[0].toString(), "--schema", f[1].toString(),
                "--catalogue", f[2].toString(), "--service-column", "treatment", "--outcome-column", "employed78",
                "--bags", "5", "--out", dir.resolve("bundle").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Trained on 2,675 cases"), r.out());
        assertTrue(r.out().contains("Held-out (out-of-bag) metrics"), r.out());
        assertTrue(r.out().matches("(?s).*job_training\\s+ATT AIPW\\s+\\+[0-9.]+ pp  SE [0-9.]+ pp.*"), r.out());
        assertTrue(r.out().contains("WARNING job_training: thin overlap"), r.out());
        assertTrue(r.err().contains("progress: read 2,675 cases") && r.err().contains("progress: estimating effects")
                && r.err().contains("progress: trained 18 of 18 models"),
                r.err());
        assertFalse(r.out().contains("NaN"), r.out());
        assertTrue(Files.isRegularFile(dir.resolve("bundle/manifest.json")));
    }

    @Test
    void train_badRow_oneLineNamingLineAndColumn_nothingSaved() throws IOException {
        Path[] f = files("dup,30,12,Black,1,0,0,1,1,job_training,1\n");
        DemoCommandTest.Run r = DemoCommandTest.run("train", "--input", f[0].toString(), "--schema", f[1].toString(),
                "--catalogue", f[2].toString(), "--service-column", "treatment", "--outcome-column", "employed78",
                "--out", dir.resolve("bundle").toString());
        assertEquals(1, r.status(), r.out());
        assertEquals(1, r.err().lines().filter(l -> !l.startsWith("progress:")).count(), r.err());
        assertTrue(r.err().contains("line 2677, column 'ethn'") && r.err().contains("did you mean 'black'"), r.err());
        assertFalse(Files.exists(dir.resolve("bundle")));
    }

    @Test
    void train_inputWithoutSchema_isAUsageError() throws IOException {
        Path[] f = files("");
        DemoCommandTest.Run r = DemoCommandTest.run("train", "--input", f[0].toString(), "--out",
                dir.resolve("b").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--input needs --schema, --catalogue, --service-column, --outcome-column"),
                r.err());
    }

    /**
     * Issue 18: a long run shows which step it is in. Every step of a synthetic training prints one progress line on
     * stderr, in order, each ending with the seconds since the start, and nothing else reaches stderr.
     */
    @Test
    void train_synthetic_everyStepPrintsOneTimedProgressLine() {
        DemoCommandTest.Run r = DemoCommandTest.run("train", "--cases", "3000", "--bags", "2", "--out",
                dir.resolve("bundle").toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.stream().allMatch(l -> l.matches("progress: .+ \\([0-9]+\\.[0-9] s\\)")), r.err());
        List<String> steps = lines.stream().map(l -> l.replaceAll("^progress: | \\([0-9.]+ s\\)$", ""))
                .filter(l -> !l.matches("trained [0-9]+ of 24 models")).toList();
        assertEquals(List.of("generating 3,000 synthetic cases",
                "training 24 models (7 options and profiling, 2 bags each) on 3,000 cases", "encoded 3,000 cases",
                "compiling the models into scorers", "held-out metrics (every model scores the cases its bag left out)",
                "datasheet and held-out calibration", "saving the bundle", "done"), steps, r.err());
        // 24 models: a line every 24 / 10 = 2 models, i.e. 12 lines, the last one at 24
        assertEquals(12, lines.stream().filter(l -> l.matches("progress: trained [0-9]+ of 24 models.*")).count(),
                r.err());
        assertTrue(r.err().contains("progress: trained 24 of 24 models ("), r.err());
    }

    /** Fresh-eyes finding (issue 18): a non-empty --out was refused only after the whole training. */
    @Test
    void train_nonEmptyOut_refusedBeforeAnyTraining() throws IOException {
        Path out = Files.createDirectories(dir.resolve("full"));
        Files.writeString(out.resolve("x"), "kept");
        DemoCommandTest.Run r = DemoCommandTest.run("train", "--cases", "3000", "--bags", "0", "--out", out.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals(List.of("fairpath train: --out " + out + " is not empty; allowed: a directory for the bundle that"
                + " does not exist yet or is empty"), r.err().lines().toList());
        assertEquals(List.of(out.resolve("x")), Files.list(out).toList());
        assertEquals("kept", Files.readString(out.resolve("x")));
    }

    /** Fresh-eyes findings (issue 18): --out under a file, or inside a bundle, was found out only after training. */
    @Test
    void train_outUnderAFileOrInsideABundle_refusedBeforeAnyTraining() throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        DemoCommandTest.Run under = DemoCommandTest.run("train", "--cases", "3000", "--bags", "0", "--out",
                file.resolve("sub").toString());
        assertEquals(2, under.status(), under.err());
        assertEquals(List.of("fairpath train: --out " + file.resolve("sub") + " cannot be created: " + file
                + " is a file; allowed: a directory for the bundle that does not exist yet or is empty"),
                under.err().lines().toList());
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Files.writeString(bundle.resolve("manifest.json"), "{}");
        Files.writeString(bundle.resolve("training.json"), "{}");
        DemoCommandTest.Run inside = DemoCommandTest.run("train", "--cases", "3000", "--bags", "0", "--out",
                bundle.resolve("sub").toString());
        assertEquals(2, inside.status(), inside.err());
        assertEquals(List.of("fairpath train: --out " + bundle.resolve("sub") + " is inside the bundle " + bundle
                + " (it would no longer load); allowed: a directory outside any bundle"), inside.err().lines().toList());
        assertFalse(Files.exists(bundle.resolve("sub")));
    }
}
