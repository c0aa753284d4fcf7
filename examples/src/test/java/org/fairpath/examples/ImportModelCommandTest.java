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
        assertTrue(missing.err().contains("no outcome model for option 'no_programme'"), missing.err());
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
