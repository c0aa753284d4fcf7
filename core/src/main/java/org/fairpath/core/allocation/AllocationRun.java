package org.fairpath.core.allocation;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.log.LogRecord;
import org.fairpath.core.log.Verification;

/**
 * One allocation run as recorded in a decision log ({@value AllocationResult#LOG_TYPE} record), read back: what an
 * oversight team needs to find a run and check it against its inputs and result.
 *
 * @param sequence       the record's sequence number in the log
 * @param time           when it was appended
 * @param modelVersion   the model version the cohort's probabilities came from
 * @param inputHash      SHA-256 of the cohort (ids, services, probabilities, groups)
 * @param jobseekers     cohort size
 * @param objective      the objective, e.g. {@code uplift}
 * @param constraints    the group constraints, as written on the command line
 * @param capacities     places per service; {@code Long.MAX_VALUE} for unlimited
 * @param placesUsed     places allocated per service
 * @param objectiveValue the allocation's objective value
 * @param lpBound        the linear programme's bound
 * @param converged      whether the price search converged
 * @param violations     how many constraint rows the whole-place allocation misses
 * @param assignmentHash SHA-256 of the allocation ({@link AllocationResult#assignmentHash()})
 */
public record AllocationRun(long sequence, Instant time, String modelVersion, String inputHash, int jobseekers,
                            String objective, List<String> constraints, Map<String, Long> capacities,
                            Map<String, Long> placesUsed, double objectiveValue, double lpBound, boolean converged,
                            int violations, String assignmentHash) {

    public AllocationRun {
        constraints = List.copyOf(constraints);
        capacities = Map.copyOf(capacities);
        placesUsed = Map.copyOf(placesUsed);
    }

    /**
     * The allocation runs in the decision log at {@code file}, in log order, after verifying the whole log's hash
     * chain: a log that fails verification is refused rather than listed.
     *
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if the log fails verification (naming the first bad record), or an
     *                                  {@value AllocationResult#LOG_TYPE} record lacks a field or has one of the
     *                                  wrong type or an unknown schema version (naming the record and the field)
     */
    public static List<AllocationRun> readAll(Path file) throws IOException {
        Verification v = DecisionLog.verify(file);
        if (!v.intact()) {
            throw new IllegalArgumentException(file + ": the decision log fails verification"
                    + (v.firstBadSequence().isPresent() ? " at record " + v.firstBadSequence().getAsLong() : "")
                    + " (" + v.problem() + "); allocation runs are not listed from a broken log");
        }
        List<AllocationRun> runs = new ArrayList<>();
        for (LogRecord r : DecisionLog.read(file)) {
            if (r.type().equals(AllocationResult.LOG_TYPE)) {
                runs.add(of(r));
            }
        }
        return runs;
    }

    private static AllocationRun of(LogRecord r) {
        Map<String, Object> b = r.body();
        String where = "record " + r.sequence() + " (" + AllocationResult.LOG_TYPE + ")";
        Object version = b.get("schemaVersion");
        if (!(version instanceof Integer i) || i != 1) {
            throw new IllegalArgumentException(where + ": field 'schemaVersion' is " + version
                    + "; this reader knows version 1 only");
        }
        List<String> constraints = new ArrayList<>();
        for (Object o : field(b, "constraints", List.class, where)) {
            if (!(o instanceof String s)) {
                throw new IllegalArgumentException(where + ": field 'constraints' must hold strings, has " + o);
            }
            constraints.add(s);
        }
        Map<String, Long> capacities = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) field(b, "capacities", Map.class, where)).entrySet()) {
            Object c = e.getValue();
            capacities.put((String) e.getKey(), "unlimited".equals(c) ? Long.MAX_VALUE
                    : wholeNumber(c, "capacities." + e.getKey(), where));
        }
        Map<String, Long> used = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) field(b, "placesUsed", Map.class, where)).entrySet()) {
            used.put((String) e.getKey(), wholeNumber(e.getValue(), "placesUsed." + e.getKey(), where));
        }
        return new AllocationRun(r.sequence(), r.time(), field(b, "modelVersion", String.class, where),
                field(b, "inputHash", String.class, where),
                (int) wholeNumber(b.get("jobseekers"), "jobseekers", where),
                field(b, "objective", String.class, where), constraints, capacities, used,
                field(b, "objectiveValue", Number.class, where).doubleValue(),
                field(b, "lpBound", Number.class, where).doubleValue(),
                field(b, "converged", Boolean.class, where),
                field(b, "violations", List.class, where).size(),
                field(b, "assignmentHash", String.class, where));
    }

    private static <T> T field(Map<String, Object> body, String name, Class<T> type, String where) {
        Object v = body.get(name);
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException(where + ": field '" + name + "' must be a "
                    + type.getSimpleName().toLowerCase(java.util.Locale.ROOT) + ", is " + (v == null ? "missing" : v));
        }
        return type.cast(v);
    }

    private static long wholeNumber(Object v, String name, String where) {
        if (v instanceof Integer || v instanceof Long) {
            long x = ((Number) v).longValue();
            if (x >= 0) {
                return x;
            }
        }
        throw new IllegalArgumentException(where + ": field '" + name + "' must be a whole number >= 0, is "
                + (v == null ? "missing" : v));
    }
}
