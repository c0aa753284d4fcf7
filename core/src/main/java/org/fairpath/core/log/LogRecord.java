package org.fairpath.core.log;

import java.time.Instant;
import java.util.Map;

/**
 * One record of a {@link DecisionLog}, as read back.
 *
 * @param sequence position in the log, from 1, without gaps
 * @param time     when it was appended (UTC)
 * @param type     what it records, e.g. {@code DECISION}, {@code ASSESSMENT}, {@code REPAIR}, {@code CHECKPOINT}
 * @param previous SHA-256 of the previous record (64 zeros for the first record ever)
 * @param body     the record's content (JSON values: String, Number, Boolean, List, Map, null)
 * @param hash     SHA-256 of this record's canonical JSON without the hash itself
 */
public record LogRecord(long sequence, Instant time, String type, String previous, Map<String, Object> body,
                        String hash) {
}
