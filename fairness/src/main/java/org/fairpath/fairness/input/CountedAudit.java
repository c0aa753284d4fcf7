package org.fairpath.fairness.input;

import java.util.List;
import java.util.Objects;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.ScoreCounts;

/**
 * An audit file read into counts by {@link AuditReader}: what {@link AuditData} holds row by row, reduced to what the
 * audit reports. {@code counts} equal {@code AuditCounts.of(AuditData.fromCsv(file, spec), depth)}, {@code scores}
 * equal {@code ScoreCounts.of(data, spec.groups())} and {@code notes} equal {@code data.notes()} on the same file.
 *
 * @param rows   the cases read
 * @param counts the decision and outcome counts of every grouping up to the depth asked for
 * @param scores the score counts by the full group (all group columns), or null when no score column was asked for
 * @param notes  what reading noticed without refusing the file (see {@link AuditData#notes()})
 */
public record CountedAudit(long rows, AuditCounts counts, ScoreCounts scores, List<String> notes) {

    public CountedAudit {
        Objects.requireNonNull(counts, "counts");
        notes = List.copyOf(notes);
    }
}
