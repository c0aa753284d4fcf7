package org.fairpath.core.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * An in-memory {@link Storage} that keeps what was written apart from what is durable, in the spirit of SQLite's
 * crash-test VFS and LazyFS: file content becomes durable only at {@code force}, directory entries (create, rename,
 * delete) only at {@code forceDirectory}. A {@link #powerCut} keeps the durable state plus, at random, a prefix of
 * unsynced appended bytes (a torn write) or an unsynced truncation. While faults are on, every operation can fail:
 * write errors, ENOSPC after any byte, torn writes, force errors (after which the data may or may not be durable),
 * truncate errors, a channel closed by an interrupt, and a simulated crash ({@link Crash}) at any mutating step.
 * Deterministic for a seed when used from one thread.
 */
final class SimStorage implements Storage {

    /** A power cut in the middle of an operation: unwinds the stack like a dying process. */
    static final class Crash extends Error {
        Crash() {
            super("simulated power cut", null, false, false);
        }
    }

    private static final class Node {
        byte[] data = new byte[0];
        int len;
        byte[] durable = new byte[0];
    }

    private final SplittableRandom random;
    private Map<String, Node> current = new HashMap<>();
    private Map<String, Node> durableDir = new HashMap<>();
    private final Set<String> locks = new HashSet<>();
    private int generation;
    private boolean faults;
    private boolean crashes;
    /** Fault probabilities per operation. */
    double pWrite = 0.02;
    double pForce = 0.03;
    double pTruncate = 0.02;
    double pInterrupt = 0.005;
    double pCrash = 0.01;
    double pDirectory = 0.01;
    /** Bytes the "disk" holds in all files together while faults are on (ENOSPC beyond). */
    long capacity = Long.MAX_VALUE;
    /** How many faults of each kind were injected. */
    final Map<String, Integer> injected = new HashMap<>();

    SimStorage(SplittableRandom random) {
        this.random = random;
    }

    synchronized void faults(boolean on, boolean withCrashes) {
        this.faults = on;
        this.crashes = on && withCrashes;
    }

    private void count(String kind) {
        injected.merge(kind, 1, Integer::sum);
    }

    private boolean fault(double p, String kind) {
        if (faults && random.nextDouble() < p) {
            count(kind);
            return true;
        }
        return false;
    }

    private void maybeCrash() {
        if (crashes && random.nextDouble() < pCrash) {
            count("crash");
            throw new Crash();
        }
    }

    private long used() {
        long n = 0;
        for (Node node : new HashSet<>(current.values())) {
            n += node.len;
        }
        return n;
    }

    /**
     * The power fails: only durable content and directory entries remain, plus at random a prefix of unsynced
     * appended bytes or an unsynced truncation. Locks and open files are gone.
     */
    synchronized void powerCut() {
        Map<String, Node> after = new HashMap<>();
        Map<Node, Node> copies = new HashMap<>();
        for (Map.Entry<String, Node> e : durableDir.entrySet()) {
            Node old = e.getValue();
            Node n = copies.computeIfAbsent(old, o -> {
                byte[] d = o.durable;
                byte[] now = Arrays.copyOf(o.data, o.len);
                byte[] content = d;
                if (now.length > d.length && Arrays.equals(now, 0, d.length, d, 0, d.length)) {
                    int keep = random.nextInt(now.length - d.length + 1); // a torn, partly persisted write
                    content = Arrays.copyOf(now, d.length + keep);
                } else if (now.length < d.length && Arrays.equals(now, 0, now.length, d, 0, now.length)
                        && random.nextBoolean()) {
                    content = now; // the unsynced truncation happened to reach the disk
                }
                Node c = new Node();
                c.data = content.clone();
                c.len = content.length;
                c.durable = content.clone();
                return c;
            });
            after.put(e.getKey(), n);
        }
        durableDir = after;
        current = new HashMap<>(after);
        locks.clear();
        generation++;
    }

    synchronized boolean has(Path p) {
        return current.containsKey(p.toString());
    }

    synchronized byte[] content(Path p) {
        Node n = current.get(p.toString());
        return n == null ? null : Arrays.copyOf(n.data, n.len);
    }

    /** Replaces a file's content durably (to set up a test case). */
    synchronized void put(Path p, byte[] content) {
        Node n = new Node();
        n.data = content.clone();
        n.len = content.length;
        n.durable = content.clone();
        current.put(p.toString(), n);
        durableDir.put(p.toString(), n);
    }

    /** How many more {@link Held#check} calls pass; after that the writer finds its lock file gone. */
    long heldChecksLeft = Long.MAX_VALUE;

    @Override
    public synchronized Held lock(Path logFile, Path lockFile) {
        String k = lockFile.toString();
        if (!locks.add(k)) {
            throw new IllegalStateException("the decision log is already open for writing (lock " + k + " is held)");
        }
        int gen = generation;
        return new Held() {
            @Override
            public void check() throws IOException {
                synchronized (SimStorage.this) {
                    if (heldChecksLeft-- <= 0) {
                        throw new IOException("simulated: the lock file " + k + " was deleted");
                    }
                }
            }

            @Override
            public void close() {
                synchronized (SimStorage.this) {
                    if (gen == generation) {
                        locks.remove(k);
                    }
                }
            }
        };
    }

    @Override
    public synchronized LogFile openWrite(Path file) throws IOException {
        maybeCrash();
        Node n = current.get(file.toString());
        if (n == null) {
            n = new Node();
            current.put(file.toString(), n);
        }
        return new Handle(n, true);
    }

    @Override
    public synchronized LogFile openRead(Path file) throws IOException {
        Node n = current.get(file.toString());
        if (n == null) {
            throw new NoSuchFileException(file.toString());
        }
        return new Handle(n, false);
    }

    @Override
    public synchronized LogFile create(Path file) throws IOException {
        maybeCrash();
        if (fault(pWrite, "create")) {
            throw new IOException("simulated: cannot create " + file);
        }
        Node n = new Node();
        current.put(file.toString(), n);
        return new Handle(n, true);
    }

    @Override
    public synchronized boolean exists(Path file) {
        return current.containsKey(file.toString());
    }

    /** Called before every force, outside the storage's monitor; returning true fails that force. */
    volatile java.util.function.BooleanSupplier onForce;

    /** When set, the next rename crashes before it happens (a kill between the purge intent and the rename). */
    boolean crashBeforeRename;

    @Override
    public synchronized void moveAtomic(Path from, Path to) throws IOException {
        if (crashBeforeRename) {
            crashBeforeRename = false;
            throw new Crash();
        }
        maybeCrash();
        if (fault(pDirectory, "rename")) {
            throw new IOException("simulated: rename failed");
        }
        Node n = current.remove(from.toString());
        if (n == null) {
            throw new NoSuchFileException(from.toString());
        }
        current.put(to.toString(), n);
        maybeCrash();
    }

    @Override
    public synchronized void delete(Path file) throws IOException {
        maybeCrash();
        current.remove(file.toString());
    }

    @Override
    public synchronized void forceDirectory(Path dir) throws IOException {
        maybeCrash();
        if (fault(pDirectory, "dirsync")) {
            throw new IOException("simulated: directory fsync failed");
        }
        durableDir = new HashMap<>(current);
        maybeCrash();
    }

    @Override
    public Path realPath(Path file) {
        return file.toAbsolutePath().normalize();
    }

    private final class Handle implements LogFile {
        private final Node node;
        private final boolean writable;
        private final int gen = generation;
        private boolean open = true;

        Handle(Node node, boolean writable) {
            this.node = node;
            this.writable = writable;
        }

        private void check() throws IOException {
            if (!open || gen != generation) {
                throw new ClosedChannelException();
            }
        }

        @Override
        public long size() throws IOException {
            synchronized (SimStorage.this) {
                check();
                return node.len;
            }
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            synchronized (SimStorage.this) {
                check();
                if (position >= node.len) {
                    return -1;
                }
                int n = (int) Math.min(dst.remaining(), node.len - position);
                dst.put(node.data, (int) position, n);
                return n;
            }
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            synchronized (SimStorage.this) {
                check();
                if (!writable) {
                    throw new IOException("read-only");
                }
                maybeCrashTorn(src, position);
                if (fault(pInterrupt, "interrupt")) {
                    open = false;
                    throw new ClosedByInterruptException();
                }
                if (fault(pWrite, "write")) {
                    throw new IOException("simulated: I/O error on write");
                }
                int want = src.remaining();
                int n = want;
                if (faults && used() + want > capacity) {
                    n = (int) Math.max(0, Math.min(want, capacity - used()));
                    put(src, position, n);
                    count("enospc");
                    throw new IOException("No space left on device (simulated)");
                }
                if (fault(pWrite, "torn")) {
                    put(src, position, random.nextInt(want + 1));
                    throw new IOException("simulated: write failed part way");
                }
                put(src, position, n);
                return n;
            }
        }

        private void maybeCrashTorn(ByteBuffer src, long position) {
            if (crashes && random.nextDouble() < pCrash) {
                put(src, position, random.nextInt(src.remaining() + 1));
                count("crash");
                throw new Crash();
            }
        }

        private void put(ByteBuffer src, long position, int n) {
            int end = (int) position + n;
            if (end > node.data.length) {
                node.data = Arrays.copyOf(node.data, Math.max(end, node.data.length * 2));
            }
            if (position > node.len) {
                Arrays.fill(node.data, node.len, (int) position, (byte) 0);
            }
            src.get(node.data, (int) position, n);
            node.len = Math.max(node.len, end);
        }

        @Override
        public void force() throws IOException {
            java.util.function.BooleanSupplier hook = onForce;
            if (hook != null && hook.getAsBoolean()) {
                throw new IOException("simulated: fsync failed (hook)");
            }
            synchronized (SimStorage.this) {
                check();
                maybeCrash();
                if (fault(pForce, "force")) {
                    if (random.nextBoolean()) {
                        node.durable = Arrays.copyOf(node.data, node.len); // it reached the disk anyway
                    }
                    throw new IOException("simulated: fsync failed");
                }
                node.durable = Arrays.copyOf(node.data, node.len);
            }
        }

        @Override
        public void truncate(long size) throws IOException {
            synchronized (SimStorage.this) {
                check();
                maybeCrash();
                if (fault(pTruncate, "truncate")) {
                    throw new IOException("simulated: truncate failed");
                }
                if (size < node.len) {
                    node.len = (int) size;
                }
            }
        }

        @Override
        public boolean isOpen() {
            synchronized (SimStorage.this) {
                return open && gen == generation;
            }
        }

        @Override
        public void close() {
            synchronized (SimStorage.this) {
                open = false;
            }
        }
    }
}
