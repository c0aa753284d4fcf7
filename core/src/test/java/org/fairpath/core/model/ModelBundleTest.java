package org.fairpath.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.synth.SyntheticCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ModelBundleTest {

    @TempDir
    Path dir;

    private static void assertSameRecommendations(OutcomeModels a, OutcomeModels b) {
        Recommender ra = Recommender.of(a);
        Recommender rb = Recommender.of(b);
        for (JobseekerProfile p : ModelFixtures.GENERATOR.stream(500).map(SyntheticCase::profile).toList()) {
            assertEquals(ra.recommend(p), rb.recommend(p));
        }
    }

    @Test
    void saveLoad_logistic_sameVersionAndRecommendations() throws IOException {
        OutcomeModels m = ModelFixtures.logistic();
        Path b = dir.resolve("bundle");
        m.save(b);
        OutcomeModels back = ModelBundle.load(b);
        assertEquals(m.version(), back.version());
        assertEquals(m.summary().dataFingerprint(), back.summary().dataFingerprint());
        assertSameRecommendations(m, back);
        // the reloaded Tribuo models (protobuf) still predict what the compiled scorers compute
        double[] row = back.encoder().encode(ModelFixtures.GENERATOR.generate(3L).profile());
        assertEquals(back.scorer("wage_subsidy").probability(row),
                OutcomeModels.tribuoProbability(back.tribuoModel("wage_subsidy"), back.encoder(), row), 1e-9);
        assertTrue(Files.readString(b.resolve("provenance.json")).contains("LibLinearClassificationTrainer"));
    }

    @Test
    void saveLoad_boostedTrees_sameVersionAndRecommendations() throws IOException {
        OutcomeModels m = ModelFixtures.trees();
        Path b = dir.resolve("trees");
        m.save(b);
        OutcomeModels back = ModelBundle.load(b);
        assertEquals(m.version(), back.version());
        assertSameRecommendations(m, back);
    }

    @Test
    void load_tamperedFile_isRefusedNamingIt() throws IOException {
        Path b = dir.resolve("t");
        ModelFixtures.logistic().save(b);
        Path scorers = b.resolve("scorers.json");
        Files.writeString(scorers, Files.readString(scorers).replaceFirst("\"bias\" : ", "\"bias\" : 1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelBundle.load(b));
        assertEquals("bundle file scorers.json does not match its SHA-256 in manifest.json; it was altered or damaged",
                e.getMessage());
    }

    @Test
    void load_truncatedTribuoModel_isRefusedNamingIt() throws IOException {
        Path b = dir.resolve("t");
        ModelFixtures.logistic().save(b);
        Path pb = b.resolve("tribuo/wage_subsidy.pb");
        byte[] bytes = Files.readAllBytes(pb);
        Files.write(pb, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelBundle.load(b));
        assertTrue(e.getMessage().startsWith("bundle file tribuo/wage_subsidy.pb does not match"), e.getMessage());
    }

    @Test
    void load_missingOrExtraFiles_areRefused() throws IOException {
        Path b = dir.resolve("m");
        ModelFixtures.logistic().save(b);
        Files.delete(b.resolve("training.json"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> ModelBundle.load(b));
        assertEquals("bundle file training.json listed in manifest.json is missing", missing.getMessage());

        Path c = dir.resolve("x");
        ModelFixtures.logistic().save(c);
        Files.writeString(c.resolve("tribuo/extra.pb"), "x");
        IllegalArgumentException extra = assertThrows(IllegalArgumentException.class, () -> ModelBundle.load(c));
        assertTrue(extra.getMessage().startsWith("bundle file tribuo/extra.pb is not listed"), extra.getMessage());

        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ModelBundle.load(dir.resolve("nothing")));
        assertTrue(none.getMessage().endsWith("nothing does not exist"), none.getMessage());
    }

    @Test
    void save_intoNonEmptyDirectory_isRefused() throws IOException {
        Files.writeString(dir.resolve("old.txt"), "x");
        assertThrows(IllegalArgumentException.class, () -> ModelFixtures.logistic().save(dir));
    }

    @Test
    void project_neverUsesJavaDeserialization() throws IOException {
        // Walk every main source file of the project: no ObjectInputStream, no readObject.
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> offenders;
        try (var files = Files.walk(root)) {
            offenders = files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("src" + java.io.File
                    .separator + "main")).filter(p -> {
                        try {
                            String s = Files.readString(p);
                            return s.contains("ObjectInputStream") || s.contains("readObject(");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
        }
        assertEquals(List.of(), offenders);
    }
}
