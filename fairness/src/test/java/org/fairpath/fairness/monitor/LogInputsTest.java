package org.fairpath.fairness.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairpath.core.log.DecisionLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which decisions of a log the monitor reads: only those taken with the monitored model version. */
final class LogInputsTest {

    @TempDir
    Path dir;

    private static Map<String, Object> decision(String version, String gender) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (version != null) {
            body.put("modelVersion", version);
            body.put("suggestions", List.of(Map.of("serviceId", "a"), Map.of("serviceId", "b")));
        }
        body.put("audit", Map.of("gender", gender));
        body.put("decision", Map.of("kind", "ACCEPTED"));
        return body;
    }

    /** A log with 3 decisions of v1, 2 of v2 and 1 in the manual workflow. */
    private Path log() throws IOException {
        Path file = dir.resolve("log.jsonl");
        try (DecisionLog log = DecisionLog.open(file, DecisionLog.Durability.FSYNC_EACH)) {
            log.append("DECISION", decision("v1", "female"));
            log.append("DECISION", decision("v2", "male"));
            log.append("DECISION", decision("v1", "male"));
            log.append("DECISION", decision(null, "female"));
            log.append("DECISION", decision("v2", "male"));
            log.append("DECISION", decision("v1", "female"));
        }
        return file;
    }

    @Test
    void onlyTheMonitoredVersionIsRead_othersAreCounted() throws IOException {
        LogInputs in = LogInputs.read(log(), "v1");
        assertEquals(3, in.inputs().size());
        assertEquals(List.of("female", "male", "female"), in.inputs().stream().map(o -> o.values().get("gender"))
                .toList());
        assertEquals(3, in.recommendations());
        assertEquals(6, in.suggestions());
        assertEquals(Map.of("v2", 2L, LogInputs.NO_MODEL, 1L), in.otherVersions());
        assertEquals(Map.of("ACCEPTED", Map.of("none", 6L)), in.decisions(), "host counters count every decision");
    }

    @Test
    void noDecisionOfTheVersion_isAnError_namingTheVersionsSeen() throws IOException {
        Path file = log();
        String msg = assertThrows(IllegalArgumentException.class, () -> LogInputs.read(file, "v3")).getMessage();
        assertTrue(msg.contains("holds no decision taken with model v3") && msg.contains("v1=3")
                && msg.contains("v2=2"), msg);
    }
}
