package org.fairpath.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Seeded deterministic simulation of the file log over {@link SimStorage}: for each seed a random sequence of
 * appends (both durability modes; bursts from several threads in group commit), purges, clean reopens and power cuts,
 * with write/force/truncate/rename errors, ENOSPC, torn writes, interrupted channels and crashes at any step. After
 * every recovery: every acknowledged record is present at its sequence number; every other record present was
 * in flight at the power cut or is one of the two documented exceptions (its append threw after a failed force, and
 * the power failed before the rollback reached the disk, or the rollback's truncate kept failing until close); verify passes; a starting checkpoint has its PURGE record; no purge
 * leftovers. Only documented exceptions escape (IOException; IllegalStateException only for a closed log). At the
 * end of each seed, with faults off, the same instance must append again. (The multi-threaded bursts are not
 * deterministic in their interleaving; everything else is, for a seed.)
 */
final class DecisionLogSimulationTest {

    private static final int SEEDS = Integer.getInteger("fairpath.sim.seeds", 10_000);
    /** From this many seeds on, every kind of event, the rarest included, must have been exercised. */
    private static final int RARE_CASE_SEEDS = 5_000;
    private static final Path LOG = Path.of("/sim/decisions.jsonl");
    private static final KeyPair KEYS = Anchors.generateKeys();
    private static final String[] NOTES = {"plain", "line\nbreak", "ls\u2028ps\u2029nel\u0085", "c1\u009b\u0000",
        "lone\ud800", "emoji\ud83d\ude00", "quote\"back\\slash"};

    private static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newFixedThreadPool(4,
            r -> {
                Thread t = new Thread(r, "sim-appender");
                t.setDaemon(true);
                return t;
            });

    /** Totals over all seeds, to show what the simulation exercised. */
    private final Map<String, Integer> totals = new TreeMap<>();

    @Test
    void tenThousandSeeds_everyInvariantHoldsAfterEveryRecovery() throws Exception {
        for (int seed = 1; seed <= SEEDS; seed++) {
            Run run = new Run(seed);
            try {
                run.run();
            } catch (AssertionError | Exception e) {
                throw new AssertionError("seed " + seed + ": " + e + "\ntrace: " + String.join("\n  ", run.trace)
                        + "\nfaults: " + run.fs.injected, e);
            }
        }
        System.out.println("decision log simulation: " + SEEDS + " seeds; " + totals);
        assertTrue(totals.getOrDefault("acked", 0) > SEEDS * 10, totals.toString());
        List<String> exercised = new java.util.ArrayList<>(List.of("crash", "force", "write", "torn", "enospc",
                "interrupt", "truncate", "purge ok", "recovery", "in flight survived"));
        if (SEEDS >= RARE_CASE_SEEDS) {
            // A failed force followed by a power cut before the rollback reached the disk: met about once in 1,000
            // seeds, so not in the few hundred a mutation-testing run uses (-Dfairpath.sim.seeds=200).
            exercised.add("failed append survived");
        }
        for (String kind : exercised) {
            assertTrue(totals.getOrDefault(kind, 0) > 0, "never exercised: " + kind + " " + totals);
        }
    }

    private final class Run {
        final SplittableRandom random;
        final SimStorage fs;
        final DecisionLog.Durability mode;
        final boolean signed;
        final MutableClock clock = new MutableClock();
        /** seq -> id of every acknowledged record (and adopted survivors). */
        final Map<Long, String> acked = new HashMap<>();
        /** ids whose append threw IOException (may survive only as the documented exception). */
        final Set<String> failed = new HashSet<>();
        /** ids whose append was cut off by a power cut (may survive). */
        final Set<String> inFlight = new HashSet<>();
        DecisionLog log;
        int next;
        int bursts;
        final List<String> trace = new ArrayList<>();

        Run(int seed) {
            random = new SplittableRandom(seed);
            fs = new SimStorage(random.split());
            mode = random.nextBoolean() ? DecisionLog.Durability.GROUP_COMMIT : DecisionLog.Durability.FSYNC_EACH;
            signed = random.nextInt(20) == 0; // the JDK's Ed25519 is slow; signing has its own tests
            if (random.nextInt(5) == 0) {
                fs.capacity = 2_000 + random.nextInt(6_000); // a small, full disk
            }
        }

        void run() throws Exception {
            fs.faults(true, true);
            open();
            int ops = 15 + random.nextInt(30);
            for (int i = 0; i < ops; i++) {
                int op = random.nextInt(100);
                if (op < 60) {
                    append();
                } else if (op < 68 && mode == DecisionLog.Durability.GROUP_COMMIT && bursts++ < 2) {
                    burst();
                } else if (op < 76) {
                    purge();
                } else if (op < 84) {
                    reopen();
                } else if (op < 94) {
                    powerCut();
                } else {
                    clock.advance(Duration.ofDays(random.nextInt(400)));
                }
            }
            // the fault clears: the same instance must go on
            fs.faults(false, false);
            fs.capacity = Long.MAX_VALUE;
            Head before = log.head();
            Appended a = log.append("SIM", Map.of("id", "final"));
            assertEquals(before.sequence() + 1, a.sequence());
            acked.put(a.sequence(), "final");
            log.close();
            fs.powerCut();
            open();
            Verification fin = log.verify(); // the store's own verify, once per seed
            assertTrue(fin.intact(), fin.problem());
            assertEquals(fin.head(), log.head());
            log.close();
            fs.injected.forEach((k, v) -> totals.merge(k, v, Integer::sum));
        }

        void append() throws IOException {
            String id = "r" + next++;
            Head before = log.head();
            try {
                Appended a = log.append("SIM", Map.of("id", id, "note", NOTES[random.nextInt(NOTES.length)]));
                assertEquals(before.sequence() + 1, a.sequence(), "sequence after an acknowledged append");
                assertEquals(new Head(a.sequence(), a.hash()), log.head());
                acked.put(a.sequence(), id);
                trace.add("append " + id + " -> " + a.sequence());
                totals.merge("acked", 1, Integer::sum);
            } catch (IOException e) {
                trace.add("append " + id + " failed: " + e.getMessage());
                failed.add(id);
                assertEquals(before, log.head(), "a failed append must leave sequence and hash as before");
            } catch (SimStorage.Crash c) {
                trace.add("append " + id + " crashed");
                inFlight.add(id);
                recoverFromCrash();
            }
        }

        void burst() throws Exception {
            fs.faults(true, false); // crashes only from the main thread, where they can be handled
            int threads = 2 + random.nextInt(3);
            List<java.util.concurrent.Future<?>> ts = new ArrayList<>();
            Map<Long, String> ok = new HashMap<>();
            Set<String> bad = new HashSet<>();
            List<Throwable> unexpected = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<String> ids = List.of("r" + next++, "r" + next++, "r" + next++);
                ts.add(POOL.submit(() -> {
                    for (String id : ids) {
                        try {
                            Appended a = log.append("SIM", Map.of("id", id));
                            synchronized (ok) {
                                ok.put(a.sequence(), id);
                            }
                        } catch (IOException e) {
                            synchronized (ok) {
                                bad.add(id);
                            }
                        } catch (Throwable e) {
                            synchronized (ok) {
                                unexpected.add(e);
                            }
                        }
                    }
                }));
            }
            for (java.util.concurrent.Future<?> t : ts) {
                t.get();
            }
            assertTrue(unexpected.isEmpty(), "undocumented exception: " + unexpected);
            assertEquals(ok.size(), new HashSet<>(ok.values()).size());
            for (Map.Entry<Long, String> e : ok.entrySet()) {
                assertFalse(acked.containsKey(e.getKey()), "sequence " + e.getKey() + " acknowledged twice");
            }
            acked.putAll(ok);
            trace.add("burst ok " + ok + " failed " + bad);
            failed.addAll(bad);
            totals.merge("acked", ok.size(), Integer::sum);
            fs.faults(true, true);
        }

        void purge() throws IOException {
            clock.advance(Duration.ofDays(random.nextInt(30)));
            try {
                trace.add("purge removed " + log.purge(Duration.ofDays(random.nextInt(60)), "sim") + " head "
                        + log.head());
                totals.merge("purge ok", 1, Integer::sum);
            } catch (IOException e) {
                trace.add("purge failed " + e.getMessage());
                totals.merge("purge failed", 1, Integer::sum);
            } catch (SimStorage.Crash c) {
                trace.add("purge crashed");
                recoverFromCrash();
            }
        }

        void reopen() throws IOException {
            try {
                log.close();
            } catch (IOException e) {
                // close flushes nothing here (no queued records in this single-threaded phase); it throws only when
                // its last try to cut off a failed append fails too (the second documented exception), and the log
                // is closed all the same
                assertTrue(e.getMessage().contains("could not be cut off"), "close failed: " + e);
                trace.add("close could not cut " + e.getMessage());
                totals.merge("close could not cut", 1, Integer::sum);
            } catch (SimStorage.Crash c) {
                recoverFromCrash();
                return;
            }
            open();
        }

        void powerCut() throws IOException {
            recoverFromCrash();
        }

        void recoverFromCrash() throws IOException {
            trace.add("power cut");
            fs.powerCut(); // the old instance is gone with the process
            open();
        }

        /** Opens, retrying while faults make open fail; then checks every invariant. */
        void open() throws IOException {
            for (int attempt = 0; ; attempt++) {
                if (attempt == 5) {
                    fs.faults(false, false);
                }
                try {
                    DecisionLog.Options o = DecisionLog.options().durability(mode).minimumRetention(Duration.ZERO)
                            .clock(clock);
                    if (signed) {
                        o.checkpointKeys(KEYS);
                    }
                    log = o.open(LOG, fs);
                    trace.add("opened at " + log.head());
                    break;
                } catch (IOException e) {
                    trace.add("open failed " + e);
                    totals.merge("open failed", 1, Integer::sum);
                } catch (SimStorage.Crash c) {
                    fs.powerCut();
                }
            }
            boolean faults = attemptFaultsOff();
            check();
            fs.faults(faults, faults);
        }

        private boolean attemptFaultsOff() {
            fs.faults(false, false); // checking reads only
            return true;
        }

        void check() throws IOException {
            totals.merge("recovery", 1, Integer::sum);
            assertFalse(fs.has(Path.of(LOG + ".purge-tmp")), "purge temp file left");
            assertFalse(fs.has(Path.of(LOG + ".purge-intent")), "purge intent left");
            List<LogRecord> records = new ArrayList<>();
            log.forEach(records::add); // decodes every line (canonical form, hash)
            ChainCheck chain = ChainCheck.create(null, signed ? KEYS.getPublic() : null);
            records.forEach(chain::record);
            Verification v = chain.result();
            assertTrue(v.intact(), v.problem());
            assertEquals(v.head(), log.head());
            long purgedThrough = 0;
            if (!records.isEmpty() && records.get(0).type().equals("CHECKPOINT")) {
                purgedThrough = records.get(0).sequence();
                long pt = purgedThrough;
                assertTrue(records.stream().anyMatch(r -> r.type().equals("PURGE")
                        && r.body().get("purgedThrough") instanceof Number n && n.longValue() == pt),
                        "a checkpoint without its PURGE record");
            }
            Map<Long, String> present = new HashMap<>();
            for (LogRecord r : records) {
                switch (r.type()) {
                    case "SIM" -> present.put(r.sequence(), (String) r.body().get("id"));
                    case "CHECKPOINT", "PURGE", "REPAIR" -> { }
                    default -> fail("unexpected record type " + r.type());
                }
            }
            long maxAcked = 0;
            for (Map.Entry<Long, String> e : acked.entrySet()) {
                if (e.getKey() > purgedThrough) {
                    assertEquals(e.getValue(), present.get(e.getKey()), "acknowledged record " + e.getKey());
                }
                maxAcked = Math.max(maxAcked, e.getKey());
            }
            for (Map.Entry<Long, String> e : present.entrySet()) {
                String id = e.getValue();
                if (acked.containsKey(e.getKey())) {
                    continue;
                }
                assertTrue(e.getKey() > maxAcked, "record " + e.getKey() + " (" + id + ") was never acknowledged and"
                        + " sits before acknowledged records");
                if (inFlight.contains(id)) {
                    totals.merge("in flight survived", 1, Integer::sum);
                } else if (failed.contains(id)) {
                    totals.merge("failed append survived", 1, Integer::sum); // the documented exception
                } else {
                    fail("record " + id + " is in the log but its append neither returned, failed nor was in flight");
                }
                acked.put(e.getKey(), id); // it is history now: it must stay
            }
            inFlight.clear();
            failed.clear();
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
