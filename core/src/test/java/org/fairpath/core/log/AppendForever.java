package org.fairpath.core.log;

import java.nio.file.Path;
import java.util.Map;

/**
 * Child process for the kill test: appends records to the log given as first argument until killed, printing
 * {@code ack SEQ HASH} after each append has returned; with a fourth argument {@code purge}, a thread also purges
 * everything but the newest record every 5 ms.
 */
public final class AppendForever {

    private AppendForever() {
    }

    public static void main(String[] args) throws Exception {
        DecisionLog.Durability durability = DecisionLog.Durability.valueOf(args[1]);
        int threads = Integer.parseInt(args[2]);
        boolean purge = args.length > 3 && args[3].equals("purge");
        try (DecisionLog log = DecisionLog.options().durability(durability).minimumRetention(java.time.Duration.ZERO)
                .open(Path.of(args[0]))) {
            if (purge) {
                Thread purger = new Thread(() -> {
                    try {
                        while (true) {
                            Thread.sleep(5);
                            log.purge(java.time.Duration.ZERO, "crash-test");
                        }
                    } catch (Exception e) {
                        e.printStackTrace();
                    }
                });
                purger.setDaemon(true);
                purger.start();
            }
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
