package org.fairpath.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.fairpath.core.reliability.Reseal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A datasheet doctored by someone who can reseal the manifest (the fresh-eyes tester moved 1,200 training cases from
 * "national" to "non_eu" in card.json, card.md and card.html): the monitor's drift detection would compare live inputs
 * with a false training distribution. Oracle: the held-out per-group counts training.json keeps, which the doctored
 * counts can no longer hold; an undoctored resealed bundle still loads.
 */
final class DatasheetCrossCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Moves {@code moved} cases from level {@code from} to {@code to} of {@code attribute}, counts and byOption. */
    private static void move(Path bundle, String attribute, String from, String to, long moved) throws IOException {
        Path file = bundle.resolve(ModelCard.JSON_FILE);
        ObjectNode card = (ObjectNode) JSON.readTree(file.toFile());
        for (JsonNode a : card.at("/trainingData/attributes")) {
            if (!a.get("name").asText().equals(attribute)) {
                continue;
            }
            ObjectNode counts = (ObjectNode) a.get("counts");
            counts.put(from, counts.get(from).asLong() - moved);
            counts.put(to, counts.get(to).asLong() + moved);
            long left = moved;
            for (Iterator<Map.Entry<String, JsonNode>> it = a.get("byOption").fields(); it.hasNext() && left > 0; ) {
                ObjectNode row = (ObjectNode) it.next().getValue();
                long m = Math.min(left, row.get(from).asLong());
                row.put(from, row.get(from).asLong() - m);
                row.put(to, row.get(to).asLong() + m);
                left -= m;
            }
            assertEquals(0, left, "enough cases to move");
        }
        Files.write(file, JSON.writeValueAsBytes(card));
        Reseal.reseal(bundle);
    }

    @Test
    void movedTrainingCasesBetweenGroups_areRefusedNamingTheField_undoctoredLoads() throws IOException {
        OutcomeModels m = ModelFixtures.logistic();
        Path ok = dir.resolve("ok");
        m.save(ok);
        Reseal.reseal(ok);
        assertEquals(m.datasheet().orElseThrow(), ModelBundle.load(ok).datasheet().orElseThrow(),
                "a resealed undoctored bundle loads");

        Path doctored = dir.resolve("doctored");
        m.save(doctored);
        move(doctored, "citizenship_group", "national", "non_eu", 1200);
        String msg = assertThrows(IllegalArgumentException.class, () -> ModelBundle.load(doctored)).getMessage();
        assertTrue(msg.contains("'citizenship_group' counts.national is ") && msg.contains("held-out cases of"
                + " citizenship_group=national"), msg);

        // the other way round, only 50: national now holds more than its held-out cases plus the cases no bag left
        // out (10 bags: about 8000 x 0.63^10, some 80 cases in all)
        Path back = dir.resolve("back");
        m.save(back);
        move(back, "citizenship_group", "non_eu", "national", 50);
        msg = assertThrows(IllegalArgumentException.class, () -> ModelBundle.load(back)).getMessage();
        assertTrue(msg.contains("card.json: trainingData.attributes 'citizenship_group' counts.national is "), msg);
    }
}
