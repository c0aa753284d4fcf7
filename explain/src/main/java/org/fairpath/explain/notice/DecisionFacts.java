package org.fairpath.explain.notice;

import java.util.Map;
import java.util.Set;
import org.fairpath.core.log.LogRecord;
import org.fairpath.core.log.RecordCodec;

/**
 * What a notice says about the counsellor's decision, read from its {@code DECISION} record.
 *
 * @param sequence        the record's sequence number (the decision reference)
 * @param recordHash      the record's hash
 * @param jobseeker       the pseudonym
 * @param modelVersion    the model version that made the suggestion
 * @param inputHash       SHA-256 of the profile's JSON at the time
 * @param explanationHash SHA-256 of the explanation payload shown
 * @param kind            ACCEPTED, OVERRIDDEN or REJECTED
 * @param suggested       the first suggestion
 * @param finalService    the service chosen; null for a rejection
 * @param reasonCode      the reason code of an override or rejection; null for an acceptance
 */
public record DecisionFacts(long sequence, String recordHash, String jobseeker, String modelVersion,
                            String inputHash, String explanationHash, String kind, String suggested,
                            String finalService, String reasonCode) {

    private static final Set<String> KINDS = Set.of("ACCEPTED", "OVERRIDDEN", "REJECTED");

    /**
     * Reads a {@code DECISION} record.
     *
     * @throws IllegalArgumentException naming the record and field if it is not a decision made with suggestions
     *                                  and an explanation hash, or a field is missing or malformed
     */
    public static DecisionFacts of(LogRecord r) {
        String where = "record " + r.sequence();
        if (!r.type().equals("DECISION")) {
            throw new IllegalArgumentException(where + " is a " + r.type() + "; a notice is made for a DECISION record");
        }
        Map<String, Object> b = r.body();
        String explanation = string(b, "explanationHash", where);
        if (explanation == null) {
            throw new IllegalArgumentException(where + " has no explanationHash (decided without a recorded"
                    + " explanation, or by a fairpath before issue 17): its notice cannot be proven to show what was"
                    + " shown, so none is made");
        }
        if (!RecordCodec.isHash(explanation)) {
            throw new IllegalArgumentException(where + " explanationHash is not 64 lower-case hex digits");
        }
        String model = string(b, "modelVersion", where);
        String input = string(b, "inputHash", where);
        String jobseeker = string(b, "jobseeker", where);
        String top = string(b, "topSuggestion", where);
        if (model == null || input == null || jobseeker == null || top == null) {
            throw new IllegalArgumentException(where + " lacks jobseeker, modelVersion, inputHash or topSuggestion;"
                    + " a notice needs a decision made with suggestions");
        }
        if (!(b.get("decision") instanceof Map<?, ?> d) || !(d.get("kind") instanceof String kind)
                || !KINDS.contains(kind)) {
            throw new IllegalArgumentException(where + " decision.kind is not one of " + KINDS.stream().sorted()
                    .toList());
        }
        String fin = string(b, "finalService", where);
        if (!kind.equals("REJECTED") && fin == null) {
            throw new IllegalArgumentException(where + " is " + kind + " but names no finalService");
        }
        Object code = d.get("reasonCode");
        if (code != null && !(code instanceof String)) {
            throw new IllegalArgumentException(where + " decision.reasonCode is not text");
        }
        return new DecisionFacts(r.sequence(), r.hash(), jobseeker, model, input, explanation, kind, top, fin,
                (String) code);
    }

    private static String string(Map<String, Object> b, String field, String where) {
        Object v = b.get(field);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException(where + " " + field + " is not text");
        }
        return (String) v;
    }

    /** Whether the counsellor's decision differs from the first suggestion. */
    public boolean differs() {
        return !kind.equals("ACCEPTED");
    }

    /** The reference a jobseeker quotes: the sequence number and the first 12 hex digits of the record's hash. */
    public String reference() {
        return sequence + "-" + recordHash.substring(0, 12);
    }
}
