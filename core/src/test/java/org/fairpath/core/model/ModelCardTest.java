package org.fairpath.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fairpath.core.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ModelCardTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @TempDir
    Path dir;

    private Path saved(CardDetails details) throws IOException {
        Path b = dir.resolve("b" + System.nanoTime());
        ModelBundle.save(ModelFixtures.logistic(), b, details);
        return b;
    }

    @Test
    void card_followsItsSchema_andSaysWhatTheDataAndSchemaSay() throws IOException {
        Path b = saved(CardDetails.notStated().withLegalBasis("SGB III § 35").withContact("ki@pes.example"));
        JsonNode card = JSON.readTree(b.resolve("card.json").toFile());
        assertEquals(List.of(), CardSchema.problems(card));
        assertEquals("not stated", card.at("/deployer/organisation").asText());
        assertEquals("SGB III § 35", card.at("/deployer/legalBasis").asText());
        assertEquals("ki@pes.example", card.at("/deployer/contact").asText());
        String scope = card.at("/intendedUse/outOfScope").toString();
        assertTrue(scope.contains("sanctions") && scope.contains("benefits") && scope.contains("fraud"), scope);
        // the datasheet recomputed by brute force from the very training cases
        List<TrainingCase> cases = ModelFixtures.cases(ModelFixtures.GENERATOR, 0, 8000);
        assertEquals(8000, card.at("/trainingData/cases").asInt());
        long nullGender = cases.stream().filter(c -> c.profile().value("gender") == null).count();
        long women = cases.stream().filter(c -> "female".equals(c.profile().value("gender"))).count();
        JsonNode gender = null;
        for (JsonNode a : card.at("/trainingData/attributes")) {
            if (a.get("name").asText().equals("gender")) {
                gender = a;
            }
        }
        assertEquals(nullGender, gender.get("missing").asLong());
        assertEquals((double) nullGender / 8000, gender.get("missingRate").asDouble(), 1e-12);
        assertEquals(women, gender.at("/counts/female").asLong());
        long womenInTraining = cases.stream().filter(c -> "female".equals(c.profile().value("gender"))
                && c.service().equals("vocational_training")).count();
        assertEquals(womenInTraining, gender.at("/byOption/vocational_training/female").asLong());
        long training = cases.stream().filter(c -> c.service().equals("vocational_training")).count();
        assertEquals(training, card.at("/trainingData/casesPerOption/vocational_training").asLong());
        long age52 = cases.stream().filter(c -> ((Double) c.profile().value("age")) == 52.0).count();
        JsonNode age = card.at("/trainingData/attributes/0");
        assertEquals("age", age.get("name").asText());
        assertEquals(age52, age.at("/counts/52.0").asLong());
        // protected attributes used as inputs: exactly age, with the schema's justification
        assertEquals(1, card.get("protectedAttributesUsed").size());
        assertEquals("age", card.at("/protectedAttributesUsed/0/attribute").asText());
        assertEquals(ModelFixtures.logistic().schema().attribute("age").justification().orElseThrow(),
                card.at("/protectedAttributesUsed/0/justification").asText());
        // hashes: every other file, as in the manifest
        JsonNode manifest = JSON.readTree(b.resolve("manifest.json").toFile());
        Map<String, String> files = new TreeMap<>();
        manifest.get("files").fields().forEachRemaining(e -> files.put(e.getKey(), e.getValue().asText()));
        files.keySet().removeAll(List.of("card.json", "card.md", "card.html"));
        assertEquals(Sha256.hex(Files.readAllBytes(b.resolve("scorers.json"))),
                card.at("/hashes/files/scorers.json").asText());
        assertEquals(files.size(), card.at("/hashes/files").size());
        assertEquals(ModelFixtures.logistic().version(), card.at("/model/modelVersion").asText());
        // the loaded models carry the same datasheet
        assertEquals(ModelFixtures.logistic().datasheet().orElseThrow(), ModelBundle.load(b).datasheet()
                .orElseThrow());
    }

    @Test
    void markdownAndHtml_sayTheSame_withoutScriptsOrNetwork_andEscapeDeployerText() throws IOException {
        Path b = saved(CardDetails.notStated().withDeployer("<script>alert(1)</script> PES & Co")
                .withData("<img onerror=alert(1)> [click](evil.example) **now**", "2019_2024"));
        String md = Files.readString(b.resolve("card.md"));
        String html = Files.readString(b.resolve("card.html"));
        for (String section : List.of("## Intended use", "## Deployer", "## Training data", "## Performance",
                "## Protected attributes used as model inputs", "## Known limitations", "## Files (SHA-256)")) {
            assertTrue(md.contains(section), section);
            assertTrue(html.contains("<h2>" + section.substring(3) + "</h2>"), section);
        }
        assertFalse(html.contains("<script"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; PES &amp; Co"));
        assertFalse(html.matches("(?s).*(src=|href=|url\\(|@import).*"), "loads nothing");
        assertTrue(md.contains("| legal basis | not stated |"), md);
        // Markdown escapes the deployer's text as HTML does: no raw HTML, no link, no emphasis from their text
        assertFalse(md.contains("<script") || md.contains("<img"), md);
        assertTrue(md.contains("| organisation | &lt;script&gt;alert(1&#41;&lt;/script&gt; PES &amp; Co |")
                || md.contains("| organisation | &lt;script&gt;alert\\(1\\)&lt;/script&gt; PES &amp; Co |"), md);
        assertTrue(md.contains("Source: &lt;img onerror=alert\\(1\\)&gt; \\[click\\]\\(evil.example\\)"
                + " \\*\\*now\\*\\*. Period: 2019\\_2024."), md);
    }

    @Test
    void statedPurpose_withAUseOutOfScope_isRefusedNamingIt() {
        for (String[] c : new String[][] {{"Suggest services and flag fraud cases", "fraud"},
            {"Support Sanctions for missed appointments", "sanction"}, {"Plan benefit  cuts", "benefit cut"},
            {"Risk ranking of jobseekers", "risk ranking"}}) {
            String m = assertThrows(IllegalArgumentException.class, () -> new CardDetails("a", "b", "c", "d", "e",
                    c[0], CardDetails.DEFAULT_OUT_OF_SCOPE)).getMessage();
            assertTrue(m.startsWith("intendedPurpose contains '" + c[1] + "', a use out of scope"), m);
        }
        assertEquals(CardDetails.DEFAULT_PURPOSE, CardDetails.notStated().intendedPurpose());
    }

    @Test
    void statedPurpose_lookAlikeLettersAndInvisibleCharacters_cannotHideAUseOutOfScope() {
        String cyrillicA = "Suggest services and flag fr\u0430ud cases";
        String m = assertThrows(IllegalArgumentException.class, () -> new CardDetails("a", "b", "c", "d", "e",
                cyrillicA, CardDetails.DEFAULT_OUT_OF_SCOPE)).getMessage();
        assertTrue(m.startsWith("intendedPurpose has a word mixing letters of") && m.contains("CYRILLIC"), m);
        for (String hidden : new String[] {"Flag \uFF46\uFF52\uFF41\uFF55\uFF44 cases", "Flag fr\u200Baud cases",
            "Flag fra\u00ADud cases", "Support \uFF53anctions"}) {
            String h = assertThrows(IllegalArgumentException.class, () -> new CardDetails("a", "b", "c", "d", "e",
                    hidden, CardDetails.DEFAULT_OUT_OF_SCOPE)).getMessage();
            assertTrue(h.startsWith("intendedPurpose contains '"), hidden + " -> " + h);
        }
        // One script per word is fine, in any script.
        new CardDetails("a", "b", "c", "d", "e", "Помощь в поиске работы; aide à l'emploi",
                CardDetails.DEFAULT_OUT_OF_SCOPE);
    }

    @Test
    void checker_reportsEveryMissingRequiredFieldAndWrongType() throws IOException {
        JsonNode card = JSON.readTree(saved(CardDetails.notStated()).resolve("card.json").toFile());
        // every field the schema requires, at any depth, removed one at a time
        List<String[]> required = new ArrayList<>();
        collectRequired(CardSchema.schema(), "", required);
        assertTrue(required.size() >= 30, "required fields found: " + required.size());
        for (String[] r : required) {
            JsonNode copy = card.deepCopy();
            JsonNode parent = r[0].isEmpty() ? copy : copy.at(r[0]);
            if (parent.isMissingNode() || !parent.isObject()) {
                continue; // under an array of objects: checked through the first element below
            }
            ((ObjectNode) parent).remove(r[1]);
            List<String> p = CardSchema.problems(copy);
            assertTrue(p.stream().anyMatch(x -> x.contains("required field '" + r[1] + "' is missing")),
                    r[0] + "/" + r[1] + ": " + p);
        }
        ObjectNode firstAttribute = (ObjectNode) card.deepCopy();
        ((ObjectNode) firstAttribute.at("/trainingData/attributes/0")).remove("counts");
        assertEquals(List.of("$.trainingData.attributes[0]: required field 'counts' is missing"),
                CardSchema.problems(firstAttribute));
        ObjectNode wrongType = card.deepCopy();
        ((ObjectNode) wrongType.get("deployer")).put("contact", 42);
        assertEquals(List.of("$.deployer.contact: must be string, found 42"), CardSchema.problems(wrongType));
        ObjectNode extra = card.deepCopy();
        extra.put("score", 1);
        assertEquals(List.of("$: unknown field 'score'"), CardSchema.problems(extra));
    }

    private static void collectRequired(JsonNode schema, String pointer, List<String[]> out) {
        if (schema.has("required")) {
            schema.get("required").forEach(r -> out.add(new String[] {pointer, r.asText()}));
        }
        schema.path("properties").fields().forEachRemaining(e -> collectRequired(e.getValue(),
                pointer + "/" + e.getKey(), out));
    }

    @Test
    void bundleWithoutAValidCard_doesNotLoad() throws IOException {
        Path b = saved(CardDetails.notStated());
        ObjectNode card = (ObjectNode) JSON.readTree(b.resolve("card.json").toFile());
        ((ObjectNode) card.get("deployer")).remove("contact");
        Files.write(b.resolve("card.json"), JSON.writeValueAsBytes(card));
        org.fairpath.core.reliability.Reseal.reseal(b);
        String m = assertThrows(IllegalArgumentException.class, () -> ModelBundle.load(b)).getMessage();
        assertTrue(m.contains("card.json does not follow model-card.schema.json")
                && m.contains("required field 'contact' is missing"), m);

        Path c = saved(CardDetails.notStated());
        Files.delete(c.resolve("card.json"));
        org.fairpath.core.reliability.Reseal.reseal(c);
        m = assertThrows(IllegalArgumentException.class, () -> ModelBundle.load(c)).getMessage();
        assertTrue(m.contains("card.json is not listed in manifest.json"), m);

        Path d = saved(CardDetails.notStated());
        ObjectNode other = (ObjectNode) JSON.readTree(d.resolve("card.json").toFile());
        ((ObjectNode) other.at("/hashes/files")).put("scorers.json", "0".repeat(64));
        Files.write(d.resolve("card.json"), JSON.writeValueAsBytes(other));
        org.fairpath.core.reliability.Reseal.resealManifestOnly(d);
        m = assertThrows(IllegalArgumentException.class, () -> ModelBundle.load(d)).getMessage();
        assertTrue(m.contains("card does not describe this bundle"), m);
    }

    @Test
    void details_badValues_areRefusedNamingTheField() {
        String m = assertThrows(IllegalArgumentException.class, () -> CardDetails.notStated().withContact(" "))
                .getMessage();
        assertTrue(m.startsWith("contact is empty"), m);
        m = assertThrows(IllegalArgumentException.class, () -> new CardDetails("a", "b", "c", "d", "e", "f",
                List.of("fraud detection"))).getMessage();
        assertTrue(m.startsWith("outOfScope must keep every default"), m);
        m = assertThrows(IllegalArgumentException.class, () -> CardDetails.notStated().withLegalBasis("x\u0000"))
                .getMessage();
        assertTrue(m.startsWith("legalBasis contains a control character"), m);
    }
}
