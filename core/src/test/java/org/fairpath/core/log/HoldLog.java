package org.fairpath.core.log;

import java.nio.file.Path;

/** Child process for the two-writer test: opens the log, says so, and holds it until its stdin closes. */
public final class HoldLog {

    private HoldLog() {
    }

    public static void main(String[] args) throws Exception {
        try (DecisionLog log = DecisionLog.open(Path.of(args[0]), DecisionLog.Durability.FSYNC_EACH)) {
            log.append("NOTE", java.util.Map.of("by", "child"));
            System.out.println("open");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the log until the parent closes our stdin
            }
        }
    }
}
