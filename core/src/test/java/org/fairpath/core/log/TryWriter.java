package org.fairpath.core.log;

import java.nio.file.Path;
import java.util.Map;

/**
 * Child process for the single-writer tests: tries to open the log as a writer and append {@code args[1]} records;
 * prints {@code appended N} or {@code refused: MESSAGE}.
 */
public final class TryWriter {

    private TryWriter() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[1]);
        try (DecisionLog log = DecisionLog.open(Path.of(args[0]), DecisionLog.Durability.FSYNC_EACH)) {
            for (int i = 0; i < n; i++) {
                log.append("NOTE", Map.of("by", "child", "i", i));
            }
            System.out.println("appended " + n);
        } catch (IllegalStateException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}
