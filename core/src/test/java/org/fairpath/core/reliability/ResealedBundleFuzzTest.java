package org.fairpath.core.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.fairpath.core.model.ModelBundle;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Structural edits of a bundle's JSON files by an attacker who then recomputes the manifest (and the card's hashes):
 * seeded deletions of fields, values of the wrong type, emptied arrays and objects. Each edited bundle must either
 * load or be refused with an IllegalArgumentException; nothing else (no NullPointerException, ClassCastException,
 * index error) may escape.
 */
final class ResealedBundleFuzzTest {

    static final int TRIALS = 150;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> TARGETS = List.of("training.json", "scorers.json", "card.json");

    @TempDir
    Path dir;

    @Test
    void everyStructuralEdit_loadsOrIsRefusedCleanly() throws IOException {
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults());
        OutcomeModels m = OutcomeModels.train(gen.catalogue(), gen.stream(2000)
                .map(c -> new TrainingCase(c.profile(), c.assignedService(), c.outcome())).toList(),
                TrainingSettings.withDefaults().withBags(1));
        Path original = dir.resolve("original");
        m.save(original);
        SplittableRandom r = new SplittableRandom(17);
        int loaded = 0;
        int refused = 0;
        for (int t = 0; t < TRIALS; t++) {
            Path copy = dir.resolve("t" + t);
            copy(original, copy);
            String target = TARGETS.get(r.nextInt(TARGETS.size()));
            Path file = copy.resolve(target);
            JsonNode root = JSON.readTree(file.toFile());
            List<JsonNode[]> containers = new ArrayList<>();
            collect(root, null, containers);
            JsonNode[] victim = containers.get(r.nextInt(containers.size()));
            String victimPath = edit(victim[0], r);
            Files.write(file, JSON.writeValueAsBytes(root));
            Reseal.reseal(copy);
            try {
                ModelBundle.load(copy);
                loaded++;
                if (System.getenv("FUZZ_DEBUG") != null) {
                    System.out.println("LOADED " + target + " " + victimPath);
                }
            } catch (IllegalArgumentException e) {
                refused++;
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
            } catch (Throwable e) {
                fail("trial " + t + " (" + target + "): escaped as " + e, e);
            }
        }
        System.out.printf("resealed structural edits: %d tried, %d loaded, %d refused%n", TRIALS, loaded, refused);
    }

    private static void collect(JsonNode n, JsonNode parent, List<JsonNode[]> out) {
        if (n.isContainerNode() && n.size() > 0) {
            out.add(new JsonNode[] {n});
            n.forEach(c -> collect(c, n, out));
        }
    }

    private static String edit(JsonNode container, SplittableRandom r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonNode[] replacements = {f.nullNode(), f.textNode("x"), f.numberNode(-1), f.numberNode(1e308),
                f.booleanNode(true), f.arrayNode(), f.objectNode(), f.numberNode(2.5)};
        if (container instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String k = names.get(r.nextInt(names.size()));
            if (r.nextInt(3) == 0) {
                o.remove(k);
                return "removed " + k;
            }
            JsonNode v = replacements[r.nextInt(replacements.length)];
            o.set(k, v);
            return k + " := " + v;
        } else {
            ArrayNode a = (ArrayNode) container;
            int i = r.nextInt(a.size());
            switch (r.nextInt(3)) {
                case 0 -> a.remove(i);
                case 1 -> a.set(i, replacements[r.nextInt(replacements.length)]);
                default -> a.add(a.get(i).deepCopy());
            }
            return "array element " + i;
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
