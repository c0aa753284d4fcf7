package org.fairpath.core.log;

import java.nio.file.Path;
import java.util.Map;

/**
 * Child process for the crash test: appends records to the log given as first argument until killed, printing
 * {@code ack SEQ} after each append has returned (that is, after the record is on disk).
 */
public final class AppendForever {

    private AppendForever() {
    }

    public static void main(String[] args) throws Exception {
        DecisionLog.Durability durability = DecisionLog.Durability.valueOf(args[1]);
        int threads = Integer.parseInt(args[2]);
        try (DecisionLog log = DecisionLog.open(Path.of(args[0]), durability)) {
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int id = t;
                workers[t] = new Thread(() -> {
                    try {
                        for (long i = 0; ; i++) {
                            Appended a = log.append("DECISION", Map.of("writer", id, "i", i,
                                    "padding", "x".repeat((int) (i % 200))));
                            synchronized (System.out) {
                                System.out.println("ack " + a.sequence() + " " + a.hash());
                                System.out.flush();
                            }
                        }
                    } catch (Exception e) {
                        e.printStackTrace();
                    }
                });
                workers[t].start();
            }
            for (Thread w : workers) {
                w.join();
            }
        }
    }
}
