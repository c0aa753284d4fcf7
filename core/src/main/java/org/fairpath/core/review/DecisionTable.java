package org.fairpath.core.review;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.log.DecisionStore;
import org.fairpath.core.log.LogRecord;

/**
 * The decisions of a decision log as columns, for audits: one row per {@code DECISION} or {@code REVERSAL} record,
 * and per {@code RE_REVIEW} record that changed a contested decision (outcome {@code CHANGED}: it replaces the
 * contested decision as a reversal does, naming it in {@code reverses}).
 *
 * <p>Columns: {@code sequence, time, type, jobseeker, counsellor, modelVersion, topSuggestion, topIntensity,
 * finalService, finalIntensity, decision, reasonCode, assessment, manualWorkflow, reverses, reversedBy, contestedBy,
 * contestOutcome}, then one
 * {@code audit.NAME} column per protected attribute found in the records. Values are text; absent values are null.
 * {@code reversedBy} holds the sequence of the later record that reversed this one, so an audit can keep only the
 * decisions in force. {@code contestedBy} holds the sequence of the {@code CONTEST} record naming this row's record,
 * and {@code contestOutcome} its re-review's outcome ({@code UPHELD} or {@code CHANGED}; null while pending).
 *
 * <p>A purged log starts with a {@code CHECKPOINT} whose {@code purgedThrough} is the last purged sequence number
 * ({@link #purgedThrough()}). A {@code REVERSAL} of a record in that purged range (or of such a reversal, and so on)
 * reverses a decision made before the retained period: it is left out of the table and counted in
 * {@link #reversalsOfPurged()}. A reversal of any other record that is not a decision in the log stays in the table
 * (an audit refuses it).
 */
public final class DecisionTable {

    private static final List<String> FIXED = List.of("sequence", "time", "type", "jobseeker", "counsellor",
            "modelVersion", "topSuggestion", "topIntensity", "finalService", "finalIntensity", "decision",
            "reasonCode", "assessment", "manualWorkflow", "reverses", "reversedBy", "contestedBy", "contestOutcome");

    private final Map<String, String[]> columns;
    private final int rows;
    private final long purgedThrough;
    private final List<Long> reversalsOfPurged;
    private final boolean counsellorViews;

    private DecisionTable(Map<String, String[]> columns, int rows, long purgedThrough, List<Long> reversalsOfPurged) {
        this(columns, rows, purgedThrough, reversalsOfPurged, false);
    }

    private DecisionTable(Map<String, String[]> columns, int rows, long purgedThrough, List<Long> reversalsOfPurged,
                          boolean counsellorViews) {
        this.counsellorViews = counsellorViews;
        this.columns = Collections.unmodifiableMap(columns);
        this.rows = rows;
        this.purgedThrough = purgedThrough;
        this.reversalsOfPurged = List.copyOf(reversalsOfPurged);
    }

    /**
     * Reads the decisions of the log at {@code file}.
     *
     * @throws IllegalArgumentException if the log does not verify (an audit must not run on a tampered log)
     */
    public static DecisionTable read(Path file) throws IOException {
        var verification = DecisionLog.verify(file);
        if (!verification.intact()) {
            throw new IllegalArgumentException("decision log " + file + " does not verify: " + verification.problem());
        }
        List<LogRecord> all = new ArrayList<>();
        DecisionLog.forEach(file, all::add);
        return of(all);
    }

    /**
     * Reads the decisions of any decision store.
     *
     * @throws IllegalArgumentException if the store does not verify (an audit must not run on a tampered log)
     */
    public static DecisionTable read(DecisionStore store) throws IOException {
        var verification = store.verify();
        if (!verification.intact()) {
            throw new IllegalArgumentException("decision store does not verify: " + verification.problem());
        }
        List<LogRecord> all = new ArrayList<>();
        store.forEach(all::add);
        return of(all);
    }

    private static DecisionTable of(List<LogRecord> all) {
        List<LogRecord> decisions = new ArrayList<>();
        List<String> auditNames = new ArrayList<>();
        Map<Long, Long> reversedBy = new HashMap<>();
        long purgedThrough = !all.isEmpty() && all.get(0).type().equals("CHECKPOINT")
                && all.get(0).body().get("purgedThrough") instanceof Number n ? n.longValue() : 0;
        List<Long> ofPurged = new ArrayList<>();
        java.util.Set<Long> left = new java.util.HashSet<>();
        Map<Long, Long> contestedBy = new HashMap<>();
        Map<Long, String> outcomes = new HashMap<>(); // contest sequence -> UPHELD or CHANGED
        for (LogRecord r : all) {
            if (r.type().equals("CONTEST") && r.body().get("contests") instanceof Number n) {
                contestedBy.putIfAbsent(n.longValue(), r.sequence());
            } else if (r.type().equals("RE_REVIEW") && r.body().get("contest") instanceof Number n) {
                outcomes.putIfAbsent(n.longValue(), String.valueOf(r.body().get("outcome")));
            }
        }
        for (LogRecord r : all) {
            boolean changedReview = r.type().equals("RE_REVIEW") && "CHANGED".equals(r.body().get("outcome"));
            if (!r.type().equals("DECISION") && !r.type().equals("REVERSAL") && !changedReview) {
                continue;
            }
            if ((r.type().equals("REVERSAL") || changedReview) && r.body().get("reverses") instanceof Number target
                    && target.doubleValue() == Math.rint(target.doubleValue())
                    && (target.longValue() >= 1 && target.longValue() <= purgedThrough
                    || left.contains(target.longValue()))) {
                left.add(r.sequence());
                ofPurged.add(r.sequence());
                continue;
            }
            decisions.add(r);
            if (r.body().get("audit") instanceof Map<?, ?> audit) {
                for (Object k : audit.keySet()) {
                    if (!k.equals("auditOnly") && !auditNames.contains((String) k)) {
                        auditNames.add((String) k);
                    }
                }
            }
            if (r.body().get("reverses") instanceof Number n) {
                reversedBy.put(n.longValue(), r.sequence());
            }
        }
        Map<String, String[]> cols = new LinkedHashMap<>();
        FIXED.forEach(c -> cols.put(c, new String[decisions.size()]));
        auditNames.forEach(a -> cols.put("audit." + a, new String[decisions.size()]));
        for (int i = 0; i < decisions.size(); i++) {
            LogRecord r = decisions.get(i);
            Map<String, Object> b = r.body();
            Map<?, ?> d = b.get("decision") instanceof Map<?, ?> m ? m : Map.of();
            cols.get("sequence")[i] = Long.toString(r.sequence());
            cols.get("time")[i] = r.time().toString();
            cols.get("type")[i] = r.type();
            for (String f : List.of("jobseeker", "counsellor", "modelVersion", "topSuggestion", "topIntensity",
                    "finalService", "finalIntensity", "assessment", "manualWorkflow", "reverses")) {
                cols.get(f)[i] = text(b.get(f));
            }
            cols.get("decision")[i] = text(d.get("kind"));
            cols.get("reasonCode")[i] = text(d.get("reasonCode"));
            Long by = reversedBy.get(r.sequence());
            cols.get("reversedBy")[i] = by == null ? null : by.toString();
            Long contest = contestedBy.get(r.sequence());
            cols.get("contestedBy")[i] = contest == null ? null : contest.toString();
            cols.get("contestOutcome")[i] = contest == null ? null : outcomes.get(contest);
            Map<?, ?> audit = b.get("audit") instanceof Map<?, ?> m ? m : Map.of();
            for (String a : auditNames) {
                cols.get("audit." + a)[i] = text(audit.get(a));
            }
        }
        return new DecisionTable(cols, decisions.size(), purgedThrough, ofPurged);
    }

    private static String text(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return o.toString();
    }

    /**
     * This table with per-counsellor views allowed: {@link #column column("counsellor")} then answers. An explicit
     * setting because audits or cards by counsellor monitor individual employees, which a deployment must decide to
     * do (e.g. with the works council and in its data protection impact assessment).
     */
    public DecisionTable withCounsellorViews() {
        return new DecisionTable(columns, rows, purgedThrough, reversalsOfPurged, true);
    }

    /** Whether per-counsellor views are allowed ({@link #withCounsellorViews()}). */
    public boolean counsellorViews() {
        return counsellorViews;
    }

    /** The last purged sequence number (the starting CHECKPOINT's {@code purgedThrough}); 0 if never purged. */
    public long purgedThrough() {
        return purgedThrough;
    }

    /**
     * The sequence numbers of the REVERSAL records left out because they reverse a decision made before the retained
     * period (in ascending order; empty when there are none).
     */
    public List<Long> reversalsOfPurged() {
        return reversalsOfPurged;
    }

    public int rows() {
        return rows;
    }

    /** The column names in order. */
    public List<String> columns() {
        return new ArrayList<>(columns.keySet());
    }

    /**
     * The values of column {@code name} (a copy).
     *
     * @throws IllegalArgumentException naming the known columns if there is no such column, or for
     *                                  {@code counsellor} unless per-counsellor views are on
     *                                  ({@link #withCounsellorViews()})
     */
    public String[] column(String name) {
        if (name.equals("counsellor") && !counsellorViews) {
            throw new IllegalArgumentException("the 'counsellor' column is for per-counsellor views, which are off:"
                    + " turn them on explicitly with DecisionTable.withCounsellorViews() where the deployment allows"
                    + " them (the ids are keyed hashes, or clear ids in records written without a key)");
        }
        String[] c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown column '" + name + "'; known: " + columns());
        }
        return c.clone();
    }
}
