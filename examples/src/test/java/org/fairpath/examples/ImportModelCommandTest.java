package org.fairpath.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairpath.core.Attribute;
import org.fairpath.core.Role;
import org.fairpath.core.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An existing (AMS-style) logistic profiling model end to end: {@code import-model} builds the bundle, {@code
 * recommend} scores it, {@code explain} explains it against a chosen reference person. Oracle: hand computation,
 * 1 / (1 + exp(-0.10)) = 52.5% for the reference person, 1 / (1 + exp(0.04)) = 49.0% for a woman otherwise alike, and
 * her gender contribution against the reference is the published coefficient, -0.14 log-odds; against a reference
 * aged 50+ her age contributes +0.62 (the reference's -0.62 removed).
 */
final class ImportModelCommandTest {

    @TempDir
    Path dir;

    private static final Schema SCHEMA = Schema.of("ams-style", List.of(
            Attribute.categorical("gender", List.of("male", "female")).roles(Role.FEATURE, Role.PROTECTED)
                    .justification("the published model uses it; kept to audit and explain it").label("en", "Gender")
                    .build(),
            Attribute.categorical("age_group", List.of("below_30", "30_to_49", "50_plus"))
                    .roles(Role.FEATURE, Role.PROTECTED).justification("the published model uses it")
                    .label("en", "Age group").build(),
            Attribute.bool("care_duties").roles(Role.FEATURE, Role.IMMUTABLE).label("en", "Care duties").build()));

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private Path person(String id, String gender, String age) throws IOException {
        return write(id + ".json", "{\"id\":\"" + id + "\",\"attributes\":{\"gender\":\"" + gender
                + "\",\"age_group\":\"" + age + "\",\"care_duties\":false}}");
    }

    @Test
    void amsStyleCoefficients_throughBundleRecommendAndExplain() throws IOException {
        Path schema = write("schema.json", SCHEMA.toJson());
        Path profiling = write("profiling.json", "{\"schemaVersion\":1,\"name\":\"ams-style\",\"target\":"
                + "\"profiling\",\"intercept\":0.10,\"coefficients\":{\"gender@female\":-0.14,"
                + "\"age_group@50_plus\":-0.62,\"care_duties\":-0.21}}");
        Path baseline = write("baseline.json", "{\"schemaVersion\":1,\"name\":\"baseline\",\"target\":\"outcome\","
                + "\"intercept\":0.0,\"coefficients\":{}}");
        Path reference = person("reference", "male", "below_30");
        Path bundle = dir.resolve("bundle");
        DemoCommandTest.Run im = DemoCommandTest.run("import-model", "--schema", schema.toString(), "--coefficients",
                profiling.toString(), "--outcome", "no_programme=" + baseline, "--reference", reference.toString(),
                "--out", bundle.toString());
        assertEquals(0, im.status(), im.err());

        DemoCommandTest.Run man = DemoCommandTest.run("recommend", "--bundle", bundle.toString(), "--profile",
                reference.toString());
        assertEquals(0, man.status(), man.err());
        assertTrue(man.out().contains("profiling: 52.5% chance of still being unemployed after the horizon (no"
                + " interval)"), man.out());
        Path woman = person("w", "female", "below_30");
        DemoCommandTest.Run w = DemoCommandTest.run("recommend", "--bundle", bundle.toString(), "--profile",
                woman.toString());
        assertEquals(0, w.status(), w.err());
        assertTrue(w.out().contains("profiling: 49.0% chance"), w.out());
        assertFalse(w.out().contains("NaN"), w.out());

        // no services in the bundle: explain explains the profiling score, against the bundle's reference person
        DemoCommandTest.Run e = DemoCommandTest.run("explain", "--bundle", bundle.toString(), "--profile",
                woman.toString());
        assertEquals(0, e.status(), e.err());
        assertEquals(-0.14, logOdds(e.out(), "Gender"), 0, e.out());
        assertEquals(0.0, logOdds(e.out(), "Age group"), 0, e.out());
        assertTrue(e.out().contains("relative to the bundle's reference person"), e.out());
        assertTrue(e.out().contains("49.0% (reference 52.5%)"), e.out());

        // a chosen reference: an older man; the woman's age now adds back the -0.62 the reference has
        Path older = person("older", "male", "50_plus");
        DemoCommandTest.Run o = DemoCommandTest.run("explain", "--bundle", bundle.toString(), "--profile",
                woman.toString(), "--reference", older.toString(), "--profiling");
        assertEquals(0, o.status(), o.err());
        assertEquals(-0.14, logOdds(o.out(), "Gender"), 0, o.out());
        assertEquals(0.62, logOdds(o.out(), "Age group"), 0, o.out());
        assertTrue(o.out().contains("relative to reference person 'older'"), o.out());
    }

    @Test
    void profilingOnly_withoutOutcomeModels_recommendExplainReviewAuditAndAllocateRefused() throws Exception {
        Path schema = write("schema.json", SCHEMA.toJson());
        Path profiling = write("profiling.json", "{\"schemaVersion\":1,\"name\":\"ams-style\",\"target\":"
                + "\"profiling\",\"intercept\":0.10,\"coefficients\":{\"gender@female\":-0.14,"
                + "\"age_group@50_plus\":-0.62,\"care_duties\":-0.21}}");
        Path reference = person("reference", "male", "below_30");
        Path bundle = dir.resolve("bundle");
        DemoCommandTest.Run im = DemoCommandTest.run("import-model", "--schema", schema.toString(), "--coefficients",
                profiling.toString(), "--reference", reference.toString(), "--out", bundle.toString());
        assertEquals(0, im.status(), im.err());
        assertTrue(im.out().contains("0 outcome models"), im.out());

        Path woman = person("w", "female", "below_30");
        DemoCommandTest.Run w = DemoCommandTest.run("recommend", "--bundle", bundle.toString(), "--profile",
                woman.toString());
        assertEquals(0, w.status(), w.err());
        // hand computation: 1 / (1 + exp(0.04)) = 49.0%
        assertTrue(w.out().contains("profiling: 49.0% chance"), w.out());
        assertTrue(w.out().contains("no service suggestions: a profiling-only deployment"), w.out());
        assertFalse(w.out().contains("NaN"), w.out());
        assertFalse(w.out().contains("without a programme"), w.out());

        DemoCommandTest.Run e = DemoCommandTest.run("explain", "--bundle", bundle.toString(), "--profile",
                woman.toString());
        assertEquals(0, e.status(), e.err());
        assertEquals(-0.14, logOdds(e.out(), "Gender"), 0, e.out());
        assertTrue(e.out().contains("49.0% (reference 52.5%)"), e.out());
        assertFalse(e.out().contains("NaN"), e.out());

        // a counsellor's decisions on it, through the Java API, then audited from the command line
        org.fairpath.core.model.OutcomeModels models = org.fairpath.core.model.ModelBundle.load(bundle);
        Path logFile = dir.resolve("decisions.jsonl");
        try (org.fairpath.core.log.DecisionLog log = org.fairpath.core.log.DecisionLog.open(logFile,
                org.fairpath.core.log.DecisionLog.Durability.FSYNC_EACH)) {
            org.fairpath.core.review.ReviewDesk desk = org.fairpath.core.review.ReviewDesk.create(
                    org.fairpath.core.model.Recommender.of(models), log,
                    org.fairpath.core.review.ReasonCodes.defaults(), false);
            for (int i = 0; i < 40; i++) {
                org.fairpath.core.JobseekerProfile p = org.fairpath.core.JobseekerProfile.of(models.schema(),
                        "js-" + i, java.util.Map.of("gender", i % 2 == 0 ? "male" : "female", "age_group",
                                i % 3 == 0 ? "50_plus" : "below_30", "care_duties", i % 5 == 0));
                desk.decide(desk.open(p, "c-1"), new org.fairpath.core.review.CounsellorDecision.Rejected("NOT_NOW",
                        null));
            }
        }
        Path report = dir.resolve("report.json");
        DemoCommandTest.Run a = DemoCommandTest.run("audit", "--input", logFile.toString(), "--protected", "gender",
                "--out", report.toString());
        assertTrue(a.status() == 0 || a.status() == 3, a.err());
        String json = Files.readString(report);
        assertTrue(json.contains("\"female\"") && json.contains("\"male\""), json);
        DemoCommandTest.Run v = DemoCommandTest.run("verify-log", logFile.toString());
        assertEquals(0, v.status(), v.err());

        Path cohort = write("cohort.jsonl", Files.readString(woman).strip() + "\n");
        DemoCommandTest.Run al = DemoCommandTest.run("allocate", "--bundle", bundle.toString(), "--cohort",
                cohort.toString(), "--capacity", "training=1", "--out", dir.resolve("alloc.json").toString());
        assertEquals(2, al.status(), al.err());
        assertEquals(1, al.err().strip().lines().count(), al.err());
        assertTrue(al.err().contains("profiling-only deployment") && al.err().contains("allocation needs outcome"
                + " models per service"), al.err());
        assertFalse(Files.exists(dir.resolve("alloc.json")), "nothing written");
        // with a no_programme model but still no services there is nothing to allocate either
        Path baseline = write("baseline.json", "{\"schemaVersion\":1,\"name\":\"baseline\",\"target\":"
                + "\"outcome\",\"intercept\":0.0,\"coefficients\":{}}");
        Path withBaseline = dir.resolve("bundle2");
        assertEquals(0, DemoCommandTest.run("import-model", "--schema", schema.toString(), "--coefficients",
                profiling.toString(), "--outcome", "no_programme=" + baseline, "--reference", reference.toString(),
                "--out", withBaseline.toString()).status());
        DemoCommandTest.Run al2 = DemoCommandTest.run("allocate", "--bundle", withBaseline.toString(), "--cohort",
                cohort.toString(), "--capacity", "training=1", "--out", dir.resolve("alloc.json").toString());
        assertEquals(2, al2.status(), al2.err());
        assertEquals(1, al2.err().strip().lines().count(), al2.err());
        assertTrue(al2.err().contains("profiling-only deployment (no services): allocation needs outcome models"),
                al2.err());
        assertFalse(Files.exists(dir.resolve("alloc.json")), "nothing written");
    }

    @Test
    void badInput_isOneClearLine() throws IOException {
        Path schema = write("schema.json", SCHEMA.toJson());
        Path reference = person("reference", "male", "below_30");
        Path wrong = write("wrong.json", "{\"schemaVersion\":1,\"name\":\"x\",\"target\":\"profiling\","
                + "\"intercept\":0.1,\"coefficients\":{\"gender@Female\":-0.14}}");
        DemoCommandTest.Run r = DemoCommandTest.run("import-model", "--schema", schema.toString(), "--coefficients",
                wrong.toString(), "--outcome", "no_programme=" + wrong, "--reference", reference.toString(), "--out",
                dir.resolve("b").toString());
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains("--coefficients") && r.err().contains("did you mean 'female'?"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(dir.resolve("b")), "nothing written");
        Path profiling = write("p.json", "{\"schemaVersion\":1,\"name\":\"x\",\"target\":\"profiling\","
                + "\"intercept\":0.1,\"coefficients\":{}}");
        DemoCommandTest.Run missing = DemoCommandTest.run("import-model", "--schema", schema.toString(),
                "--coefficients", profiling.toString(), "--outcome", "training=" + profiling, "--reference",
                reference.toString(), "--out", dir.resolve("b").toString());
        assertEquals(1, missing.status(), missing.err());
        assertTrue(missing.err().contains("outcome model given for 'training', which is not an option; options: []"
                + " (the catalogue has no services"), missing.err());
        assertFalse(Files.exists(dir.resolve("b")), "nothing written");
        // one option's model given twice: a usage error, never the last one silently kept (fresh-eyes finding)
        Path baseline = write("b0.json", "{\"schemaVersion\":1,\"name\":\"b\",\"target\":\"outcome\","
                + "\"intercept\":0.1,\"coefficients\":{}}");
        DemoCommandTest.Run twice = DemoCommandTest.run("import-model", "--schema", schema.toString(),
                "--coefficients", profiling.toString(), "--outcome", "no_programme=" + baseline, "--outcome",
                "no_programme=" + baseline, "--reference", reference.toString(), "--out", dir.resolve("b").toString());
        assertEquals(2, twice.status(), twice.err());
        assertTrue(twice.err().contains("'no_programme' is given twice"), twice.err());
        assertFalse(Files.exists(dir.resolve("b")), "nothing written");
        // an invalid reference person: one line naming each field and what is allowed (fresh-eyes finding)
        Path bad = write("bad.json", "{\"id\":\"bad\",\"attributes\":{\"gender\":\"mle\",\"age_group\":"
                + "\"below_30\",\"care_duties\":\"sometimes\"}}");
        DemoCommandTest.Run invalid = DemoCommandTest.run("import-model", "--schema", schema.toString(),
                "--coefficients", profiling.toString(), "--reference", bad.toString(), "--out",
                dir.resolve("b").toString());
        assertEquals(2, invalid.status(), invalid.err());
        assertEquals(1, invalid.err().strip().lines().count(), invalid.err());
        assertTrue(invalid.err().startsWith("fairpath import-model: " + bad + " is not a valid profile (2 problems): "),
                invalid.err());
        assertTrue(invalid.err().contains("gender") && invalid.err().contains("care_duties"), invalid.err());
        assertFalse(Files.exists(dir.resolve("b")), "nothing written");
    }

    /** The log-odds printed for {@code label}'s contribution. */
    private static double logOdds(String out, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "( \\[protected\\])?\\s+[-+][0-9.]+ pp\\s+([-+][0-9.]+)"
                + " log-odds").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(2));
    }
}
