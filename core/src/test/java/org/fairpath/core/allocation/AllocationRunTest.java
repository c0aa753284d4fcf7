package org.fairpath.core.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairpath.core.log.DecisionLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Allocation runs read back from a reopened decision log; broken logs and malformed records refused. */
final class AllocationRunTest {

    private static AllocationResult run(List<GroupConstraint> constraints) {
        Cohort c = Instances.cohort(77, 120, 4, 0.8, false);
        Map<String, Long> caps = new LinkedHashMap<>();
        caps.put("svc0", 10L);
        caps.put("svc1", 5L);
        caps.put("svc2", 0L); // svc3 unlimited
        return Allocator.allocate(c, new AllocationSettings(caps, Objective.uplift(), constraints));
    }

    @Test
    void readAll_reopenedLog_listsEachRunWithItsParametersAndResult(@TempDir Path dir) throws Exception {
        AllocationResult a = run(List.of());
        AllocationResult b = run(List.of(new GroupConstraint.ServiceShare("g", "svc0", 0.05)));
        Path file = dir.resolve("decisions.jsonl");
        try (DecisionLog log = DecisionLog.open(file, DecisionLog.Durability.FSYNC_EACH)) {
            a.appendTo(log);
            log.append("DECISION", Map.of("note", "not an allocation"));
            b.appendTo(log);
        }
        List<AllocationRun> runs = AllocationRun.readAll(file);
        assertEquals(2, runs.size());
        AllocationRun first = runs.get(0);
        AllocationRun second = runs.get(1);
        assertEquals(0, first.sequence() < second.sequence() ? 0 : 1);
        assertEquals(List.of(), first.constraints());
        assertEquals(List.of("share:g:svc0:0.05"), second.constraints());
        assertEquals(Map.of("svc0", 10L, "svc1", 5L, "svc2", 0L, "svc3", Long.MAX_VALUE), first.capacities());
        assertEquals(0L, first.placesUsed().get("svc2"));
        assertEquals(10L, first.placesUsed().get("svc0")); // 120 jobseekers, 80% eligible: 10 places fill
        assertEquals(a.placesUsed(), first.placesUsed());
        assertEquals(b.placesUsed(), second.placesUsed());
        assertEquals(a.assignmentHash(), first.assignmentHash());
        assertEquals(b.assignmentHash(), second.assignmentHash());
        assertEquals(a.cohort().inputHash(), first.inputHash());
        assertEquals("test-model", first.modelVersion());
        assertEquals(120, first.jobseekers());
        assertEquals("uplift", first.objective());
        assertEquals(a.objective(), first.objectiveValue(), 0.0);
        assertEquals(b.bound(), second.lpBound(), 0.0);
        assertEquals(b.violations().size(), second.violations());
        assertTrue(first.converged());
    }

    @Test
    void readAll_tamperedLog_refusedNamingTheRecord(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("decisions.jsonl");
        try (DecisionLog log = DecisionLog.open(file, DecisionLog.Durability.FSYNC_EACH)) {
            run(List.of()).appendTo(log);
            run(List.of()).appendTo(log);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int at = text.lastIndexOf("\"svc1\":5");
        Files.writeString(file, text.substring(0, at) + "\"svc1\":6" + text.substring(at + 8), StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AllocationRun.readAll(file));
        assertTrue(e.getMessage().contains("fails verification at record"), e.getMessage());
    }

    @Test
    void readAll_recordMissingAField_refusedNamingRecordAndField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("decisions.jsonl");
        Map<String, Object> body = new LinkedHashMap<>(run(List.of()).logBody());
        body.remove("assignmentHash");
        long seq;
        try (DecisionLog log = DecisionLog.open(file, DecisionLog.Durability.FSYNC_EACH)) {
            seq = log.append(AllocationResult.LOG_TYPE, body).sequence();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AllocationRun.readAll(file));
        assertEquals("record " + seq + " (ALLOCATION): field 'assignmentHash' must be a string, is missing",
                e.getMessage());
        body.put("assignmentHash", "ab");
        body.put("schemaVersion", 2);
        Path other = dir.resolve("other.jsonl");
        try (DecisionLog log = DecisionLog.open(other, DecisionLog.Durability.FSYNC_EACH)) {
            log.append(AllocationResult.LOG_TYPE, body);
        }
        e = assertThrows(IllegalArgumentException.class, () -> AllocationRun.readAll(other));
        assertTrue(e.getMessage().contains("field 'schemaVersion' is 2; this reader knows version 1 only"),
                e.getMessage());
    }
}
