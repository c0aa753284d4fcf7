package org.fairpath.core.reliability;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.fairpath.core.Sha256;
import org.fairpath.core.model.ModelBundle;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on a saved bundle by someone who can write to it and recompute every SHA-256 in the manifest (which anyone
 * can: the manifest proves integrity, not origin). Each attack must be refused with an {@link IllegalArgumentException}
 * that names what is wrong; each of these tests failed before the check it exercises was written.
 */
final class BundleAttackTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> VERSIONED = List.of("schema.json", "services.json", "training.json",
            "scorers.json");

    @TempDir
    static Path shared;
    private static Path original;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws IOException {
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults());
        OutcomeModels m = OutcomeModels.train(gen.catalogue(), gen.stream(3000)
                .map(c -> new TrainingCase(c.profile(), c.assignedService(), c.outcome())).toList(),
                TrainingSettings.withDefaults().withBags(1));
        original = shared.resolve("original");
        m.save(original);
    }

    /** A fresh copy of the trained bundle. */
    private Path copy() throws IOException {
        return copyTo(dir.resolve("bundle"));
    }

    private static Path copyTo(Path to) throws IOException {
        try (Stream<Path> s = Files.walk(original)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(original.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    static void reseal(Path bundle, Map<String, String> extra) throws IOException {
        Reseal.reseal(bundle, extra);
    }

    static void reseal(Path bundle) throws IOException {
        Reseal.reseal(bundle);
    }

    private static String refused(Path bundle) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelBundle.load(bundle));
        return e.getMessage();
    }

    private static void editJson(Path file, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        edit.accept(root);
        Files.write(file, JSON.writeValueAsBytes(root));
    }

    private static void swapLevels(Path schema, String attribute, String a, String b) throws IOException {
        editJson(schema, root -> {
            for (JsonNode attr : root.get("attributes")) {
                if (attr.get("name").asText().equals(attribute)) {
                    var levels = (com.fasterxml.jackson.databind.node.ArrayNode) attr.get("levels");
                    int i = -1;
                    int j = -1;
                    for (int k = 0; k < levels.size(); k++) {
                        i = levels.get(k).asText().equals(a) ? k : i;
                        j = levels.get(k).asText().equals(b) ? k : j;
                    }
                    levels.set(i, JSON.getNodeFactory().textNode(b));
                    levels.set(j, JSON.getNodeFactory().textNode(a));
                }
            }
        });
    }

    @Test
    void resealedCopy_stillLoads() throws IOException {
        Path b = copy();
        reseal(b);
        assertDoesNotThrow(() -> ModelBundle.load(b)); // the attacker's tool itself is right
    }

    @Test
    void missingDirectory_isToldApartFromMissingFile() throws IOException {
        String m = refused(dir.resolve("no-such-bundle"));
        assertTrue(m.contains("does not exist"), m);
        Path b = copy();
        Files.delete(b.resolve("services.json"));
        assertEquals("bundle file services.json listed in manifest.json is missing", refused(b));
        Path notDir = Files.writeString(dir.resolve("plain.txt"), "x");
        assertTrue(refused(notDir).contains("is not a directory"), refused(notDir));
    }

    @Test
    void listedFile_symlinkToOutside_isRefused() throws IOException {
        Path b = copy();
        Path outside = Files.writeString(dir.resolve("secret.txt"), "root:x:0:0:root:/root:/bin/bash\n");
        Files.createSymbolicLink(b.resolve("notes.txt"), outside);
        reseal(b);
        String m = refused(b);
        assertTrue(m.contains("notes.txt") && m.contains("outside the bundle"), m);
    }

    @Test
    void listedModelFile_replacedBySymlinkToOutside_isRefused() throws IOException {
        Path b = copy();
        Path outside = dir.resolve("elsewhere.pb");
        Files.move(b.resolve("tribuo/wage_subsidy.pb"), outside);
        Files.createSymbolicLink(b.resolve("tribuo/wage_subsidy.pb"), outside);
        reseal(b);
        String m = refused(b);
        assertTrue(m.contains("tribuo/wage_subsidy.pb") && m.contains("outside the bundle"), m);
    }

    @Test
    void subdirectory_symlinkToOutside_isRefused() throws IOException {
        Path b = copy();
        Path outside = dir.resolve("other-tribuo");
        Files.move(b.resolve("tribuo"), outside);
        Files.createSymbolicLink(b.resolve("tribuo"), outside);
        reseal(b);
        String m = refused(b);
        assertTrue(m.contains("tribuo/") && m.contains("outside the bundle"), m);
    }

    @Test
    void manifestName_withDotDot_isRefused() throws IOException {
        Path b = copy();
        Files.writeString(dir.resolve("outside.json"), "{}");
        reseal(b, Map.of("../outside.json", Sha256.hex("{}")));
        String m = refused(b);
        assertTrue(m.contains("../outside.json") && m.contains("not allowed"), m);
    }

    @Test
    void manifestName_absolute_isRefused() throws IOException {
        Path b = copy();
        Path abs = Files.writeString(dir.resolve("abs.json"), "{}");
        reseal(b, Map.of(abs.toString(), Sha256.hex("{}")));
        String m = refused(b);
        assertTrue(m.contains(abs.toString()) && m.contains("not allowed"), m);
    }

    @Test
    void listedHugeSparseFile_isRefusedWithoutReadingIt() throws IOException {
        Path b = copy();
        try (RandomAccessFile f = new RandomAccessFile(b.resolve("tribuo/huge.pb").toFile(), "rw")) {
            f.setLength(3L * 1024 * 1024 * 1024); // 3 GiB, sparse: takes no disk space
        }
        reseal(b, Map.of("tribuo/huge.pb", "0".repeat(64)));
        String m = refused(b);
        assertTrue(m.contains("tribuo/huge.pb") && m.contains("3221225472 bytes") && m.contains("limit"), m);
    }

    @Test
    void hugeManifest_isRefusedWithoutReadingIt() throws IOException {
        Path b = copy();
        try (RandomAccessFile f = new RandomAccessFile(b.resolve("manifest.json").toFile(), "rw")) {
            f.setLength(3L * 1024 * 1024 * 1024);
        }
        String m = refused(b);
        assertTrue(m.contains("manifest.json") && m.contains("limit"), m);
    }

    @Test
    void manifest_withDuplicateKey_isRefused() throws IOException {
        Path b = copy();
        Path manifest = b.resolve("manifest.json");
        String text = Files.readString(manifest);
        Files.writeString(manifest, text.replaceFirst("\\{", "{\n  \"schemaVersion\" : 1,"));
        String m = refused(b);
        assertTrue(m.contains("manifest.json") && m.contains("uplicate"), m);
    }

    @Test
    void trainingSchemaVersion99_isRefused() throws IOException {
        Path b = copy();
        editJson(b.resolve("training.json"), r -> r.put("schemaVersion", 99));
        reseal(b);
        String m = refused(b);
        assertTrue(m.contains("training.json") && m.contains("99") && m.contains("supported: 3"), m);
    }

    @Test
    void scorersSchemaVersion99_isRefused() throws IOException {
        Path b = copy();
        editJson(b.resolve("scorers.json"), r -> r.put("schemaVersion", 99));
        reseal(b);
        String m = refused(b);
        assertTrue(m.contains("scorers.json") && m.contains("99") && m.contains("supported: "), m);
    }

    @Test
    void scorersWithoutSchemaVersion_isRefused() throws IOException {
        Path b = copy();
        editJson(b.resolve("scorers.json"), r -> r.remove("schemaVersion"));
        reseal(b);
        String m = refused(b);
        assertTrue(m.contains("scorers.json") && m.contains("schemaVersion"), m);
    }

    @Test
    void schemaSchemaVersion99_isRefused() throws IOException {
        Path b = copy();
        editJson(b.resolve("schema.json"), r -> r.put("schemaVersion", 99));
        reseal(b);
        String m = refused(b);
        assertTrue(m.contains("schema.json") && m.contains("99"), m);
    }

    @Test
    void swappedCategoricalLevels_isRefusedNamingTheAttribute() throws IOException {
        Path b = copy();
        swapLevels(b.resolve("schema.json"), "region", "north", "south");
        reseal(b);
        String m = refused(b);
        assertTrue(m.contains("'region'") && m.contains("schema.json") && m.contains("region@north"), m);
    }

    @Test
    void swappedOrdinalLevels_isRefusedNamingTheAttribute() throws IOException {
        Path b = copy();
        swapLevels(b.resolve("schema.json"), "education_level", "none", "tertiary");
        reseal(b);
        String m = refused(b);
        assertTrue(m.contains("'education_level'"), m);
    }

    @Test
    void extraLevel_isRefusedNamingTheAttribute() throws IOException {
        Path b = copy();
        editJson(b.resolve("schema.json"), root -> {
            for (JsonNode attr : root.get("attributes")) {
                if (attr.get("name").asText().equals("region")) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) attr.get("levels")).add("islands");
                }
            }
        });
        reseal(b);
        String m = refused(b);
        assertTrue(m.contains("'region'") && m.contains("region@islands") && !m.contains("out of bounds"), m);
    }

    @Test
    void scorerWithAWeightTooFew_isRefusedNamingTheOption() throws IOException {
        Path b = copy();
        editJson(b.resolve("scorers.json"), root -> {
            var w = (com.fasterxml.jackson.databind.node.ArrayNode) root.get("scorers").get("wage_subsidy").get(0)
                    .get("weights");
            w.remove(w.size() - 1);
        });
        reseal(b);
        String m = refused(b);
        assertTrue(m.contains("scorers.json") && m.contains("wage_subsidy") && m.contains("columns"), m);
    }

    @Test
    void datasheetCountEdited_isRefused() throws IOException {
        Path b = copy();
        editJson(b.resolve("card.json"), root -> {
            for (JsonNode a : root.at("/trainingData/attributes")) {
                if (a.get("name").asText().equals("gender")) {
                    ObjectNode counts = (ObjectNode) a.get("counts");
                    counts.put("female", counts.get("female").asLong() + 100);
                }
            }
        });
        reseal(b);
        String m = refused(b);
        assertTrue(m.contains("card.json") && m.contains("'gender'"), m);
    }

    @Test
    void cardPerformanceEdited_isRefused() throws IOException {
        Path b = copy();
        editJson(b.resolve("card.json"), root -> ((ObjectNode) root.at("/performance/inSample/auc"))
                .put("wage_subsidy", 0.99));
        reseal(b);
        String m = refused(b);
        assertTrue(m.contains("card.json") && m.contains("auc of 'wage_subsidy'"), m);
    }

    @Test
    void swappedTribuoModels_areRefused_asTheyDisagreeWithTheCompiledScorers() throws IOException {
        Path b = copy();
        Path point = b.resolve("tribuo/profiling.pb");
        Path bag = b.resolve("tribuo/profiling-1.pb");
        byte[] p = Files.readAllBytes(point);
        Files.write(point, Files.readAllBytes(bag));
        Files.write(bag, p);
        reseal(b); // hashes and model version recomputed: the version does not cover the .pb files
        String m = refused(b);
        assertTrue(m.contains("tribuo/profiling") && m.contains("disagrees with its compiled scorer"), m);
    }

    @Test
    void cardMarkdownThatSaysSomethingElse_isRefused() throws IOException {
        Path b = copy();
        Path md = b.resolve("card.md");
        Files.writeString(md, Files.readString(md).replace("fraud", "nothing"));
        Reseal.resealManifestOnly(b); // reseal() would render card.md again from card.json
        String m = refused(b);
        assertTrue(m.contains("card.md is not what card.json renders to"), m);
        Path b2 = dir.resolve("b2");
        copyTo(b2);
        Path html = b2.resolve("card.html");
        Files.writeString(html, Files.readString(html) + "<p>audited and approved</p>\n");
        Reseal.resealManifestOnly(b2);
        String h = refused(b2);
        assertTrue(h.contains("card.html is not what card.json renders to"), h);
    }

    @Test
    void cardJustificationOtherThanTheSchemas_isRefused() throws IOException {
        Path b = copy();
        editJson(b.resolve("card.json"), root -> {
            for (JsonNode u : root.get("protectedAttributesUsed")) {
                ((ObjectNode) u).put("justification", "approved by the works council");
            }
        });
        reseal(b);
        String m = refused(b);
        assertTrue(m.contains("card.json states other protected attributes or justifications than schema.json"), m);
    }
}
