package org.fairpath.core.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The coded reasons a counsellor may give for overriding or rejecting a suggestion. Coded so that audits can count
 * them; some codes also need a free-text note.
 *
 * <p>Immutable. {@link #defaults()} ships eight codes (JOBSEEKER_PREFERENCE, INFORMATION_NOT_IN_PROFILE,
 * PROFILE_DATA_WRONG, NO_PLACE_AVAILABLE, PROFESSIONAL_JUDGEMENT, SUGGESTION_UNCERTAIN, NOT_NOW, OTHER) with labels
 * in five languages; a deployment can load its own list with {@link #fromJson}.
 */
public final class ReasonCodes {

    /** Longest note accepted, in characters. Notes should not repeat personal data that the profile holds. */
    public static final int MAX_NOTE_LENGTH = 500;

    private final Map<String, Code> codes;

    private record Code(String code, boolean noteRequired, Map<String, String> labels) {
    }

    private ReasonCodes(Map<String, Code> codes) {
        this.codes = Collections.unmodifiableMap(new LinkedHashMap<>(codes));
    }

    /** The shipped list. */
    public static ReasonCodes defaults() {
        try (InputStream in = ReasonCodes.class.getResourceAsStream("default-reason-codes.json")) {
            return fromJson(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a list: {@code {"schemaVersion": 1, "codes": [{"code": "X", "noteRequired": false,
     * "labels": {"en": "..."}}]}}.
     *
     * @throws IllegalArgumentException naming the entry if a code is malformed, repeated or lacks an English label
     */
    public static ReasonCodes fromJson(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("reason codes: not well-formed JSON: " + e.getMessage(), e);
        }
        if (root == null || root.path("schemaVersion").asInt(-1) != 1 || !root.path("codes").isArray()
                || root.path("codes").isEmpty()) {
            throw new IllegalArgumentException("reason codes: expected {\"schemaVersion\": 1, \"codes\": [...]}"
                    + " with at least one code");
        }
        Map<String, Code> m = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode c : root.get("codes")) {
            String code = c.path("code").asText("");
            if (!code.matches("[A-Z][A-Z0-9_]{1,39}")) {
                throw new IllegalArgumentException("reason codes: codes[" + i + "].code '" + code + "' is not allowed;"
                        + " use upper case letters, digits and '_'");
            }
            if (!c.path("labels").path("en").isTextual()) {
                throw new IllegalArgumentException("reason codes: codes[" + i + "].labels needs an 'en' label");
            }
            Map<String, String> labels = new LinkedHashMap<>();
            c.get("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            if (m.put(code, new Code(code, c.path("noteRequired").asBoolean(false), labels)) != null) {
                throw new IllegalArgumentException("reason codes: codes[" + i + "].code '" + code + "' appears twice");
            }
            i++;
        }
        return new ReasonCodes(m);
    }

    /** The codes in list order. */
    public List<String> codes() {
        return new ArrayList<>(codes.keySet());
    }

    /** The label of {@code code} in {@code locale}'s language, else English. */
    public String label(String code, Locale locale) {
        Code c = require(code);
        return c.labels().getOrDefault(locale.getLanguage(), c.labels().get("en"));
    }

    public boolean noteRequired(String code) {
        return require(code).noteRequired();
    }

    /**
     * Checks a reason code and its note.
     *
     * @throws IllegalArgumentException if the code is missing or unknown (listing the allowed codes), the code needs
     *                                  a note and there is none, or the note is too long
     */
    void check(String code, String note) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("reasonCode is missing; overriding or rejecting a suggestion needs one"
                    + " of " + codes());
        }
        Code c = require(code);
        if (c.noteRequired() && (note == null || note.isBlank())) {
            throw new IllegalArgumentException("reasonCode " + code + " needs a note saying what the reason is");
        }
        if (note != null && note.length() > MAX_NOTE_LENGTH) {
            throw new IllegalArgumentException("note has " + note.length() + " characters; at most "
                    + MAX_NOTE_LENGTH + " are allowed");
        }
    }

    private Code require(String code) {
        Code c = codes.get(code);
        if (c == null) {
            throw new IllegalArgumentException("unknown reasonCode '" + code + "'; allowed: " + codes());
        }
        return c;
    }
}
