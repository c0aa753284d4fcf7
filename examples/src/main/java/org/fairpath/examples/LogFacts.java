package org.fairpath.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What the commands say about a decision log that has already verified: whether it starts with a CHECKPOINT (it was
 * purged), and up to which sequence number the records were purged.
 */
final class LogFacts {

    private LogFacts() {
    }

    /**
     * The {@code purgedThrough} of the log's starting CHECKPOINT, or empty when the first record is not a checkpoint
     * (or the log is empty). Only the first line is read; call it on a log that verified.
     */
    static OptionalLong purgedThrough(Path log) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null || first.isBlank()) {
                return OptionalLong.empty();
            }
            JsonNode r = new ObjectMapper().readTree(first);
            JsonNode through = r.path("body").path("purgedThrough");
            return "CHECKPOINT".equals(r.path("type").asText()) && through.canConvertToLong()
                    ? OptionalLong.of(through.asLong()) : OptionalLong.empty();
        }
    }
}
