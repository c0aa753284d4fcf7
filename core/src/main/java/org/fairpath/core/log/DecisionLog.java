package org.fairpath.core.log;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.fairpath.core.Sha256;

/**
 * The file decision store, the embedded default: an append-only JSON Lines file of hash-chained records
 * ({@link RecordCodec}), one writer at a time.
 *
 * <p><b>Failure atomicity.</b> {@link #append} returns only after the record is forced to disk. If writing or
 * forcing fails, it throws, the file is truncated back to the last durable offset and the sequence number and hash
 * go back to the last durable record: the next append carries on as if the failed one had never been tried, and
 * the same instance works again once the fault clears. With {@link Durability#GROUP_COMMIT} every waiter of a failed
 * batch gets the failure, and so do records queued behind it (they were chained onto it). Two exceptions, where the
 * failed record can survive as the last record — complete and correctly chained, but never acknowledged: the power
 * fails after a failed force and before the truncation is on disk (the simulation checks this); or the truncation
 * itself fails and keeps failing until the process ends — the next append and {@link #close} try it again, and close
 * throws if it still fails.
 *
 * <p><b>One writer.</b> {@link #open} first claims the log among the logs open for writing in this JVM (by real path
 * and by file key, so a second name through a hard link is caught too) before it opens any channel: a second writer
 * in this JVM is refused without touching the files. Then it takes an exclusive OS lock on {@code FILE.lock}, which
 * refuses a writer in another process; readers never open {@code FILE.lock}. It also locks the log file itself, an
 * extra that is not relied upon: OS record locks belong to the process, and a reader in this JVM
 * ({@link #verify(Path)}, {@link #forEach(Path, Consumer)}, {@link #verify()}, ...) releases that one when it closes
 * its channel on the log. Before every write and force the writer checks that {@code FILE.lock} and the log are still
 * the files (file keys) it locked and opened: once either was deleted or replaced, another process may have come in,
 * so the append fails and this instance writes, truncates and acknowledges nothing more. The log must have one hard
 * link. {@link #verify(Path)} and {@link #read(Path)} take no lock. What is left: someone deleting {@code FILE.lock}
 * between that check and the write it guards (see RELIABILITY.md).
 *
 * <p><b>Lock order.</b> Two locks: {@code io} (the file) and {@code state} (sequence, hash, queue). Every path that
 * takes both takes {@code io} first; nothing takes {@code io} while holding {@code state}.
 *
 * <p><b>Crash safety.</b> {@link #open} refuses a log that does not verify, keeps a complete last record whose
 * newline is missing if it chains onto the record before it (writing and forcing the newline), cuts a torn last line
 * only if its bytes are a prefix of the next record of this log (the next sequence number and the last hash as
 * {@code prev}; anything else is refused, never truncated) and records the cut in a {@code REPAIR} record. Paths are resolved to real paths, so a symbolic link is followed, never replaced.
 *
 * <p><b>Retention.</b> {@link #purge} writes the new file ({@code CHECKPOINT}, kept records, {@code PURGE}) beside the
 * log, forces it, records its intent (old head, new head, content hash) in {@code FILE.purge-intent}, renames it
 * over the log and forces the directory. A crash anywhere is finished or undone on the next open, never half-done.
 * With checkpoint keys, the {@code CHECKPOINT} is signed (Ed25519) and a log whose starting checkpoint is not signed
 * by the key is refused.
 */
public final class DecisionLog implements DecisionStore {

    /** How appends reach the disk. */
    public enum Durability {
        /** One {@code force} per record. */
        FSYNC_EACH,
        /** Records appended while a flush runs are flushed together by the next {@code force}. */
        GROUP_COMMIT
    }

    /** The default floor under any retention period: six months. */
    public static final Duration MINIMUM_RETENTION = Duration.ofDays(183);

    static final String GENESIS = RecordCodec.GENESIS;

    /**
     * Record types that hold state a restart must keep (the kill switch): a purge never loses them but carries each
     * purged one, in order, in the {@code CHECKPOINT}'s body member {@value #CARRIED} (a list of
     * {@code {"seq","time","type","body"}}), and a later purge carries them on. Whoever replays the log on open
     * ({@link org.fairpath.core.review.ReviewDesk}) replays the carried records first.
     */
    public static final java.util.Set<String> STATE_TYPES = java.util.Set.of("MODEL_DISABLED", "MODEL_ENABLED");

    /** The {@code CHECKPOINT} body member holding the purged records of {@link #STATE_TYPES}. */
    public static final String CARRIED = "carried";
    private static final System.Logger LOG = System.getLogger(DecisionLog.class.getName());

    private final Path file;
    private final Storage storage;
    private final Durability durability;
    private final Duration minimumRetention;
    private final Clock clock;
    private final KeyPair checkpointKeys;
    private final PublicKey trust;
    /** Lock order: io, then state. */
    private final ReentrantLock io = new ReentrantLock();
    private final ReentrantLock state = new ReentrantLock();

    // guarded by io
    private Storage.Held lock;
    /** Set once the lock file or the log is no longer the file this writer locked: nothing is written any more. */
    private IOException lost;
    private Storage.LogFile channel;
    private volatile long durableOffset;
    /** Bytes past durableOffset may be in the file (a rollback that has not succeeded yet). */
    private boolean dirty;
    /** A purge renamed the new file in, but the directory is not yet forced: nothing may be acknowledged. */
    private boolean renameNotDurable;
    /** The purge intent is still to be removed (durably). */
    private boolean intentLeft;

    // guarded by state
    private long durableSeq;
    private String durableHash = GENESIS;
    private long lastSeq;
    private String lastHash = GENESIS;
    private final List<Pending> queue = new ArrayList<>();
    private boolean closed;

    private DecisionLog(Path file, Storage storage, Options o) {
        this.file = file;
        this.storage = storage;
        this.durability = o.durability;
        this.minimumRetention = o.minimumRetention;
        this.clock = o.clock;
        this.checkpointKeys = o.checkpointKeys;
        this.trust = o.checkpointKeys == null ? o.trust : o.checkpointKeys.getPublic();
    }

    /**
     * Opens (creating if needed) the log at {@code file}, finishing an interrupted purge and repairing a torn last
     * line.
     *
     * @throws IOException           if the file cannot be read or written
     * @throws IllegalStateException if another writer holds the log, or the log does not verify or ends in bytes
     *                               that are not a torn record of it (that needs a person, not an automatic repair)
     */
    public static DecisionLog open(Path file, Durability durability) throws IOException {
        return options().durability(durability).open(file);
    }

    /** As {@link #open(Path, Durability)}, with a retention floor and a clock (for tests and special deployments). */
    public static DecisionLog open(Path file, Durability durability, Duration minimumRetention, Clock clock)
            throws IOException {
        return options().durability(durability).minimumRetention(minimumRetention).clock(clock).open(file);
    }

    /** Options for {@link Options#open}: durability, retention floor, clock, checkpoint keys. */
    public static Options options() {
        return new Options();
    }

    /** How to open a log; fail-fast setters, then {@link #open}. */
    public static final class Options {
        private Durability durability = Durability.GROUP_COMMIT;
        private Duration minimumRetention = MINIMUM_RETENTION;
        private Clock clock = Clock.systemUTC();
        private KeyPair checkpointKeys;
        private PublicKey trust;

        private Options() {
        }

        public Options durability(Durability d) {
            this.durability = Objects.requireNonNull(d, "durability");
            return this;
        }

        public Options minimumRetention(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("minimumRetention is " + d + "; it must not be negative");
            }
            this.minimumRetention = d;
            return this;
        }

        public Options clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /**
         * An Ed25519 key pair, supplied by the deployment and kept apart from the log: purge signs its checkpoints
         * with it, and open and verify refuse a starting checkpoint it did not sign.
         */
        public Options checkpointKeys(KeyPair keys) {
            Anchors.checkEd25519(keys.getPublic(), "checkpointKeys");
            this.checkpointKeys = keys;
            return this;
        }

        /** An Ed25519 public key: open and verify refuse a starting checkpoint that it does not verify. */
        public Options trust(PublicKey key) {
            Anchors.checkEd25519(key, "trust");
            this.trust = key;
            return this;
        }

        /** Opens the log at {@code file} with these options (see {@link DecisionLog#open(Path, Durability)}). */
        public DecisionLog open(Path file) throws IOException {
            return open(file, FileStorage.INSTANCE);
        }

        DecisionLog open(Path file, Storage storage) throws IOException {
            Path real = storage.realPath(file);
            DecisionLog log = new DecisionLog(real, storage, this);
            log.recover();
            return log;
        }
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    // ---------------------------------------------------------------------------------------------------- recovery

    private void recover() throws IOException {
        io.lock();
        try {
            lock = storage.lock(file, sibling(file, ".lock"));
            try {
                finishPurge();
                channel = storage.openWrite(file);
                // always, not only when creating: an earlier open may have created the file and failed before this
                storage.forceDirectory(file.getParent());
                scanAndRepair();
            } catch (IOException | RuntimeException e) {
                closeQuietly(channel);
                closeQuietly(lock);
                throw e;
            }
        } finally {
            io.unlock();
        }
    }

    /** Reads the whole log, checks the chain, and cuts a torn tail that is the start of the next record. */
    private void scanAndRepair() throws IOException {
        ChainCheck check = ChainCheck.create(null, trust);
        LineScanner scanner = new LineScanner();
        long size = channel.size();
        scanner.scan(new LogFileInput(channel, 0, size), (text, offset) -> check.line(text));
        Verification v = check.result();
        if (!v.intact()) {
            throw new IllegalStateException(file + " does not verify (" + v.problem() + "); restore it from a backup"
                    + " or inspect it by hand rather than repairing automatically");
        }
        long end = size - scanner.tail();
        Head h = v.head();
        state.lock();
        try {
            durableSeq = lastSeq = h.sequence();
            durableHash = lastHash = h.hash();
        } finally {
            state.unlock();
        }
        durableOffset = end;
        if (end < size && size - end <= RecordCodec.MAX_LINE_LENGTH) {
            // a complete record whose newline was not written yet: keep it and complete the line durably
            byte[] tail = new byte[(int) (size - end)];
            readFully(channel, ByteBuffer.wrap(tail), end);
            LogRecord r = null;
            try {
                r = RecordCodec.decode(new String(tail, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notComplete) {
                // a torn record: handled below
            }
            if (r != null && r.sequence() == h.sequence() + 1 && r.previous().equals(h.hash())
                    && !"CHECKPOINT".equals(r.type())) {
                writeAll(channel, new byte[] {'\n'}, size, null);
                channel.force();
                state.lock();
                try {
                    durableSeq = lastSeq = r.sequence();
                    durableHash = lastHash = r.hash();
                } finally {
                    state.unlock();
                }
                durableOffset = size + 1;
                LOG.log(System.Logger.Level.INFO, "{0}: completed the line of record {1}, whose newline was missing",
                        file, r.sequence());
                return;
            }
        }
        if (end < size) {
            long torn = size - end;
            // the cut bytes must be a prefix of the next record: {"seq":N+1,"time":"…","type":"…","prev":"<last>",
            String start = "{\"seq\":" + (h.sequence() + 1) + ",\"time\":\"";
            byte[] head = new byte[(int) Math.min(torn, 4096)];
            readFully(channel, ByteBuffer.wrap(head), end);
            String got = new String(head, StandardCharsets.ISO_8859_1);
            if (!tornPrefix(got, start, h.hash())) {
                throw new IllegalStateException(file + " ends in " + torn + " bytes after its last line that are not"
                        + " the start of record " + (h.sequence() + 1) + "; they are not a torn record of this log,"
                        + " so they are left as they are — inspect the file by hand");
            }
            // kept until the REPAIR record is durable, to be put back if it cannot be (the scanner already held
            // them: a tail is at most MAX_LINE_LENGTH bytes)
            byte[] cut = new byte[(int) torn];
            readFully(channel, ByteBuffer.wrap(cut), end);
            channel.truncate(end);
            channel.force();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("discardedBytes", torn);
            body.put("discardedSha256", Sha256.hex(cut));
            body.put("reason", "torn last line after an interrupted write");
            Pending p = enqueue("REPAIR", body);
            flushLocked();
            try {
                p.result();
            } catch (IOException notWritten) {
                putBack(cut, end, notWritten);
                throw new IOException(file + ": the REPAIR record for the torn last line could not be written ("
                        + notWritten.getMessage() + "); the " + torn + " cut bytes were put back, so the file is as"
                        + " it was, and the log is not opened — fix the cause (disk space, file size limit) and open"
                        + " it again", notWritten);
            }
        }
    }

    /** Writes the cut torn tail back at {@code end} and forces it (a failed REPAIR must not leave an unrecorded cut). */
    private void putBack(byte[] cut, long end, IOException cause) throws IOException {
        try {
            if (channel == null || !channel.isOpen()) {
                closeQuietly(channel);
                channel = storage.openWrite(file);
            }
            writeAll(channel, cut, end, null);
            channel.truncate(end + cut.length); // anything a failed rollback left past the tail goes
            channel.force();
        } catch (IOException | RuntimeException failed) {
            cause.addSuppressed(failed);
            throw new IOException(file + ": the REPAIR record for the torn last line could not be written ("
                    + cause.getMessage() + ") and putting the " + cut.length + " cut bytes back failed too ("
                    + failed.getMessage() + "): the log is cut at byte " + end + " without a REPAIR record; the cut"
                    + " bytes had SHA-256 " + Sha256.hex(cut), cause);
        }
    }

    /**
     * Whether {@code got} (the first bytes after the last line) can be the start of the record that begins with
     * {@code start} and chains onto {@code prev}: {@code start}, then a time and type without quotes or
     * backslashes, then {@code ,"prev":"<prev>","body":} — each only as far as {@code got} reaches.
     */
    static boolean tornPrefix(String got, String start, String prev) {
        if (got.length() <= start.length()) {
            return start.startsWith(got);
        }
        if (!got.startsWith(start)) {
            return false;
        }
        int at = start.length();
        for (String next : new String[] {"\",\"type\":\"", "\",\"prev\":\"" + prev + "\",\"body\":"}) {
            int q = got.indexOf('"', at);
            if (q < 0) {
                return got.indexOf('\\', at) < 0;
            }
            if (got.indexOf('\\', at) >= 0 && got.indexOf('\\', at) < q) {
                return false;
            }
            String rest = got.substring(q);
            if (rest.length() <= next.length()) {
                return next.startsWith(rest);
            }
            if (!rest.startsWith(next)) {
                return false;
            }
            at = q + next.length();
        }
        return true;
    }

    /** Finishes or undoes a purge that a crash interrupted; removes a temp file nothing refers to. */
    private void finishPurge() throws IOException {
        Path intent = sibling(file, ".purge-intent");
        Path tmp = sibling(file, ".purge-tmp");
        if (!storage.exists(intent)) {
            if (storage.exists(tmp)) {
                storage.delete(tmp);
                storage.forceDirectory(file.getParent());
                LOG.log(System.Logger.Level.INFO, "removed {0}, left by a purge interrupted before it was decided",
                        tmp);
            }
            return;
        }
        PurgeIntent pi;
        try (Storage.LogFile f = storage.openRead(intent)) {
            pi = PurgeIntent.parse(readAll(f));
        }
        if (pi == null) {
            // the intent is forced before anything depends on it: a torn intent means the rename never happened
            storage.delete(tmp);
            storage.delete(intent);
            storage.forceDirectory(file.getParent());
            return;
        }
        Head current = storage.exists(file) ? headOf(file, null) : null;
        if (current != null && headOf(file, pi.newHead) != null) {
            storage.delete(tmp); // the rename happened
        } else if (pi.oldHead.equals(current) && storage.exists(tmp) && pi.sha256.equals(sha256Of(tmp))) {
            storage.moveAtomic(tmp, file); // decided and complete, but not renamed yet: finish it
            storage.forceDirectory(file.getParent());
            LOG.log(System.Logger.Level.INFO, "finished a purge of {0} interrupted before its rename", file);
        } else if (current != null && headOf(file, pi.oldHead) != null) {
            storage.delete(tmp); // the purge failed before its rename and the log went on: it never happened
        } else {
            throw new IllegalStateException(file + ": an interrupted purge expected the log to hold " + pi.oldHead
                    + " or " + pi.newHead + " but it ends at " + current + "; inspect " + intent + " by hand");
        }
        storage.forceDirectory(file.getParent());
        storage.delete(intent);
        storage.forceDirectory(file.getParent());
    }

    /** The head of the log at {@code f} if it verifies (and holds {@code expected}, if not null), else null. */
    private Head headOf(Path f, Head expected) throws IOException {
        ChainCheck check = ChainCheck.create(expected, null);
        try (Storage.LogFile in = storage.openRead(f)) {
            new LineScanner().scan(new LogFileInput(in, 0, in.size()), (text, offset) -> check.line(text));
        }
        Verification v = check.result();
        return v.intact() ? v.head() : null;
    }

    private String sha256Of(Path f) throws IOException {
        try (Storage.LogFile in = storage.openRead(f)) {
            return Sha256.hex(readAll(in));
        }
    }

    private static byte[] readAll(Storage.LogFile f) throws IOException {
        long size = f.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException("file too large to read at once: " + size + " bytes");
        }
        byte[] b = new byte[(int) size];
        readFully(f, ByteBuffer.wrap(b), 0);
        return b;
    }

    private static void readFully(Storage.LogFile f, ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int n = f.read(buf, at);
            if (n < 0) {
                throw new IOException("file ended while reading at byte " + at);
            }
            at += n;
        }
    }

    // ---------------------------------------------------------------------------------------------------- appends

    /** One record on its way to the disk. */
    private static final class Pending {
        final long seq;
        final String hash;
        final byte[] bytes;
        volatile boolean done;
        volatile IOException error;

        Pending(long seq, String hash, byte[] bytes) {
            this.seq = seq;
            this.hash = hash;
            this.bytes = bytes;
        }

        Appended result() throws IOException {
            if (!done) {
                throw new IllegalStateException("decision record " + seq + " was neither written nor failed");
            }
            if (error != null) {
                throw new IOException("decision record " + seq + " was not written: " + error.getMessage(), error);
            }
            return new Appended(seq, hash);
        }
    }

    /**
     * Appends a record and returns once it is on disk.
     *
     * @throws IOException              if writing or forcing fails; the record is then not in the log and the log is
     *                                  as before (see the class comment for the one power-cut exception)
     * @throws IllegalArgumentException if the type or body is not allowed (see {@link RecordCodec#encode})
     * @throws IllegalStateException    if the log is closed
     */
    @Override
    public Appended append(String type, Map<String, ?> body) throws IOException {
        RecordCodec.checkAppendType(type);
        Objects.requireNonNull(body, "body");
        Pending p;
        if (durability == Durability.FSYNC_EACH) {
            io.lock();
            try {
                p = enqueue(type, body);
                flushLocked();
            } finally {
                io.unlock();
            }
        } else {
            p = enqueue(type, body);
            io.lock();
            try {
                if (!p.done) {
                    flushLocked(); // carries every record queued so far, this one included
                }
            } finally {
                io.unlock();
            }
        }
        return p.result();
    }

    /** Encodes the next record and queues it; takes state only. */
    private Pending enqueue(String type, Map<String, ?> body) {
        state.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the decision log " + file + " is closed");
            }
            long seq = lastSeq + 1;
            RecordCodec.Encoded e = RecordCodec.encode(seq, clock.instant(), type, lastHash, body);
            Pending p = new Pending(seq, e.hash(), (e.line() + "\n").getBytes(StandardCharsets.UTF_8));
            queue.add(p);
            lastSeq = seq;
            lastHash = e.hash();
            return p;
        } finally {
            state.unlock();
        }
    }

    /** Writes and forces every queued record; on failure rolls file and state back. io must be held. */
    private void flushLocked() {
        List<Pending> batch;
        state.lock();
        try {
            batch = new ArrayList<>(queue);
            queue.clear();
        } finally {
            state.unlock();
        }
        if (batch.isEmpty()) {
            return;
        }
        int total = 0;
        for (Pending p : batch) {
            total += p.bytes.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(total);
        for (Pending p : batch) {
            buf.put(p.bytes);
        }
        buf.flip();
        try {
            checkHeld(); // before writing: the lock file and the log are still the ones this writer locked
        } catch (IOException gone) {
            failBatch(batch, gone);
            return;
        }
        try {
            ensureClean();
            long pos = durableOffset;
            dirty = true;
            while (buf.hasRemaining()) {
                pos += channel.write(buf, pos);
            }
            checkHeld(); // and again before the force that would acknowledge them
            channel.force();
            dirty = false;
            durableOffset = pos;
            Pending last = batch.get(batch.size() - 1);
            state.lock();
            try {
                durableSeq = last.seq;
                durableHash = last.hash;
                for (Pending p : batch) {
                    p.done = true;
                }
            } finally {
                state.unlock();
            }
        } catch (IOException | RuntimeException failure) {
            IOException e = failure instanceof IOException io1 ? io1 : new IOException(failure.getMessage(), failure);
            rollback(e);
            failBatch(batch, e);
        }
    }

    /** Fails every record of {@code batch} and every record queued behind it; io must be held. */
    private void failBatch(List<Pending> batch, IOException e) {
        state.lock();
        try {
            lastSeq = durableSeq;
            lastHash = durableHash;
            for (Pending p : batch) {
                p.error = e;
                p.done = true;
            }
            IOException behind = new IOException("an earlier record of its group commit failed: " + e.getMessage(), e);
            for (Pending p : queue) { // chained onto the failed batch
                p.error = behind;
                p.done = true;
            }
            queue.clear();
        } finally {
            state.unlock();
        }
    }

    /**
     * Throws if this writer has lost its hold on the log (the lock file or the log was deleted or replaced): from
     * then on it writes, truncates and acknowledges nothing, since the file may now be another writer's. io must be
     * held.
     */
    private void checkHeld() throws IOException {
        if (lost == null) {
            try {
                lock.check();
            } catch (IOException e) {
                lost = e;
                LOG.log(System.Logger.Level.ERROR, "{0}", e.getMessage());
            }
        }
        if (lost != null) {
            throw new IOException(lost.getMessage(), lost);
        }
    }

    /**
     * Cuts the file back to the last durable offset and forces the cut; if that fails, the next flush retries. Never
     * once the writer has lost its hold on the log: the bytes past that offset may be another writer's.
     */
    private void rollback(IOException cause) {
        if (lost != null) {
            return;
        }
        try {
            if (channel != null && channel.isOpen()) {
                channel.truncate(durableOffset);
                channel.force();
                dirty = false;
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
            LOG.log(System.Logger.Level.WARNING, "{0}: could not cut back a failed append ({1}); the next append or"
                    + " close tries again", file, e.getMessage());
        }
    }

    /**
     * Before writing: reopens the file if it was closed under us (an interrupted thread closes a FileChannel) and
     * cuts off bytes a failed rollback left. io must be held.
     */
    private void ensureClean() throws IOException {
        checkHeld();
        if (renameNotDurable || intentLeft) {
            finishRename();
        }
        if (channel == null || !channel.isOpen()) {
            closeQuietly(channel);
            channel = null;
            Storage.LogFile reopened = storage.openWrite(file);
            long size = reopened.size();
            if (size < durableOffset) {
                reopened.close();
                throw new IllegalStateException(file + " is shorter (" + size + " bytes) than its durable content ("
                        + durableOffset + " bytes): it was changed by something else than this log");
            }
            channel = reopened;
            dirty = size > durableOffset;
        }
        if (dirty) {
            channel.truncate(durableOffset);
            channel.force();
            dirty = false;
        }
    }

    // ---------------------------------------------------------------------------------------------------- reading

    /** The last durable record's sequence number and hash ({@code (0, GENESIS)} for an empty log). */
    @Override
    public Head head() {
        state.lock();
        try {
            return new Head(durableSeq, durableHash);
        } finally {
            state.unlock();
        }
    }

    /** Sequence number of the last durable record (0 for an empty log). */
    public long lastSequence() {
        return head().sequence();
    }

    /** Hash of the last durable record: publish it (or {@link #head()}) elsewhere to anchor the chain. */
    public String lastHash() {
        return head().hash();
    }

    /** The log file's real path (symbolic links resolved). */
    public Path file() {
        return file;
    }

    /** Verifies the durable part of this log (with this log's trusted checkpoint key, if any). */
    @Override
    public Verification verify() throws IOException {
        return verifySnapshot(null);
    }

    @Override
    public Verification verify(Head expected) throws IOException {
        return verifySnapshot(Objects.requireNonNull(expected, "expected"));
    }

    private Verification verifySnapshot(Head expected) throws IOException {
        ChainCheck check = ChainCheck.create(expected, trust);
        readSnapshot(check::line);
        return check.result();
    }

    @Override
    public void forEach(Consumer<LogRecord> each) throws IOException {
        long[] n = {0};
        readSnapshot(text -> {
            n[0]++;
            each.accept(decodeLine(file, n[0], text));
            return true;
        });
    }

    private interface LineSink {
        boolean line(String text);
    }

    /** Reads the durable lines as of now, without holding a lock while reading (the file is only appended to). */
    private void readSnapshot(LineSink sink) throws IOException {
        Storage.LogFile in;
        long end;
        io.lock();
        try {
            state.lock();
            try {
                if (closed) {
                    throw new IllegalStateException("the decision log " + file + " is closed");
                }
            } finally {
                state.unlock();
            }
            in = storage.openRead(file); // a purge renames a new file in; this handle keeps the one we measured
            end = durableOffset;
        } finally {
            io.unlock();
        }
        try (in) {
            new LineScanner().scan(new LogFileInput(in, 0, end), (text, offset) -> sink.line(text));
        }
    }

    private static LogRecord decodeLine(Path file, long lineNumber, String text) {
        try {
            return RecordCodec.decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": line " + lineNumber + " is not an intact record: "
                    + e.getMessage());
        }
    }

    /**
     * Checks every record and the chain between them, reading the file without a lock (a reader, not a writer).
     *
     * @return the verification; never throws for a damaged log, only for an unreadable file
     */
    public static Verification verify(Path file) throws IOException {
        return verify(file, null, null);
    }

    /**
     * As {@link #verify(Path)}, and that the record {@code expected} (if not null) is present with its hash
     * (catches a cut tail and a rewrite), and that a starting checkpoint is signed by {@code trust} (if not null;
     * catches records cut from the front behind a hand-made checkpoint).
     */
    public static Verification verify(Path file, Head expected, PublicKey trust) throws IOException {
        ChainCheck check = ChainCheck.create(expected, trust);
        LineScanner scanner = new LineScanner();
        try (InputStream in = Files.newInputStream(file)) {
            scanner.scan(in, (text, offset) -> check.line(text));
        } catch (LineScanner.LineTooLongException e) {
            Verification sofar = check.result();
            return new Verification(false, sofar.records(), OptionalLong.empty(), e.getMessage(), sofar.head());
        }
        Verification v = check.result();
        if (v.intact() && scanner.tail() > 0) {
            return new Verification(false, v.records(), OptionalLong.empty(), "the log ends in " + scanner.tail()
                    + " bytes that are not a complete line (a torn write; opening the log repairs it)", v.head());
        }
        return v;
    }

    /** Reads every record of the log at {@code file}, in order (the log is not verified; call {@link #verify}). */
    public static List<LogRecord> read(Path file) throws IOException {
        List<LogRecord> out = new ArrayList<>();
        forEach(file, out::add);
        return out;
    }

    /**
     * Passes every record of the log at {@code file} to {@code each}, in order, without verifying the chain.
     *
     * @throws IllegalArgumentException naming the line if a line is not an intact record
     */
    public static void forEach(Path file, Consumer<LogRecord> each) throws IOException {
        long[] n = {0};
        try (InputStream in = Files.newInputStream(file)) {
            new LineScanner().scan(in, (text, offset) -> {
                n[0]++;
                each.accept(decodeLine(file, n[0], text));
                return true;
            });
        }
    }

    // ---------------------------------------------------------------------------------------------------- purge

    /**
     * Removes the records older than {@code retention} (the longest prefix of the log appended before
     * {@code now - retention}; the newest record always stays), replacing the file atomically with one that starts
     * with a {@code CHECKPOINT} (signed if the log has checkpoint keys) and ends with a {@code PURGE} record. Nothing
     * is removed if no record is old enough (the {@code PURGE} record is still appended). If purge throws, the log
     * is either as before or fully purged (a crash in between is finished or undone by the next open).
     *
     * @return the number of records removed
     * @throws IllegalArgumentException if {@code retention} is below this log's minimum retention
     */
    public long purge(Duration retention, String actor) throws IOException {
        if (retention.compareTo(minimumRetention) < 0) {
            throw new IllegalArgumentException("retention " + retention + " is below the minimum retention "
                    + minimumRetention + "; decision records must be kept at least that long");
        }
        Objects.requireNonNull(actor, "actor");
        io.lock();
        try {
            state.lock(); // held throughout: no append can chain onto the file being replaced
            try {
                if (closed) {
                    throw new IllegalStateException("the decision log " + file + " is closed");
                }
                flushLocked();
                ensureClean();
                return purgeLocked(retention, actor);
            } finally {
                state.unlock();
            }
        } finally {
            io.unlock();
        }
    }

    private long purgeLocked(Duration retention, String actor) throws IOException {
        Instant cutoff = clock.instant().minus(retention);
        long end = durableOffset;
        // pass 1: find the last record to drop and the offset where the kept records start
        long[] keepFrom = {0};
        LogRecord[] lastPurged = {null};
        LogRecord[] first = {null};
        long[] lines = {0};
        long totalLines = durableSeq == 0 ? 0 : countLines(end);
        List<Object> carried = new ArrayList<>();
        new LineScanner().scan(new LogFileInput(channel, 0, end), (text, offset) -> {
            LogRecord r = RecordCodec.decode(text);
            lines[0]++;
            if (first[0] == null) {
                first[0] = r;
            }
            boolean isCheckpoint = lines[0] == 1 && r.type().equals("CHECKPOINT");
            if (lines[0] < totalLines && (isCheckpoint || r.time().isBefore(cutoff))) {
                if (isCheckpoint) {
                    if (r.body().get(CARRIED) instanceof List<?> earlier) {
                        carried.addAll(earlier); // state carried by an earlier purge stays carried
                    }
                } else {
                    lastPurged[0] = r;
                    if (STATE_TYPES.contains(r.type())) {
                        Map<String, Object> kept = new LinkedHashMap<>();
                        kept.put("seq", r.sequence());
                        kept.put("time", r.time().toString());
                        kept.put("type", r.type());
                        kept.put("body", r.body());
                        carried.add(kept);
                    }
                }
                keepFrom[0] = offset + text.getBytes(StandardCharsets.UTF_8).length + 1;
                return true;
            }
            return false;
        });
        LogRecord lp = lastPurged[0];
        Map<String, Object> purgeBody = new LinkedHashMap<>();
        purgeBody.put("actor", actor);
        purgeBody.put("retention", retention.toString());
        purgeBody.put("cutoff", cutoff.toString());
        if (lp == null) {
            purgeBody.put("recordsRemoved", 0);
            purgeBody.put("purgedThrough", null);
            Pending p = enqueue("PURGE", purgeBody);
            flushLocked();
            p.result();
            return 0;
        }
        LogRecord f = first[0];
        long purgedFrom = f.type().equals("CHECKPOINT") ? ((Number) f.body().get("purgedFrom")).longValue()
                : f.sequence();
        long removed = lp.sequence() - (f.type().equals("CHECKPOINT") ? f.sequence() : f.sequence() - 1);
        Map<String, Object> cp = new LinkedHashMap<>();
        cp.put("purgedFrom", purgedFrom);
        cp.put("purgedThrough", lp.sequence());
        cp.put("lastPurgedHash", lp.hash());
        cp.put("cutoff", cutoff.toString());
        cp.put(CARRIED, carried);
        Instant checkpointTime = clock.instant();
        if (checkpointKeys != null) {
            cp.put("signature", sign(RecordCodec.checkpointPayload(lp.sequence(), checkpointTime, lp.previous(), cp)));
        }
        RecordCodec.Encoded checkpoint = RecordCodec.encode(lp.sequence(), checkpointTime, "CHECKPOINT",
                lp.previous(), cp);
        purgeBody.put("recordsRemoved", removed);
        purgeBody.put("purgedThrough", lp.sequence());
        purgeBody.put("checkpointHash", checkpoint.hash()); // in the chain: a later head covers the checkpoint too
        long purgeSeq = durableSeq + 1;
        RecordCodec.Encoded purge = RecordCodec.encode(purgeSeq, clock.instant(), "PURGE", durableHash, purgeBody);

        Path tmp = sibling(file, ".purge-tmp");
        Path intent = sibling(file, ".purge-intent");
        Head oldHead = new Head(durableSeq, durableHash);
        Head newHead = new Head(purgeSeq, purge.hash());
        MessageDigest md = Sha256.digest();
        long newSize;
        boolean renamed = false;
        try {
            try (Storage.LogFile t = storage.create(tmp)) {
                long pos = 0;
                pos = writeAll(t, (checkpoint.line() + "\n").getBytes(StandardCharsets.UTF_8), pos, md);
                byte[] buf = new byte[1 << 16];
                for (long at = keepFrom[0]; at < end; ) {
                    int n = (int) Math.min(buf.length, end - at);
                    readFully(channel, ByteBuffer.wrap(buf, 0, n), at);
                    pos = writeAll(t, java.util.Arrays.copyOf(buf, n), pos, md);
                    at += n;
                }
                pos = writeAll(t, (purge.line() + "\n").getBytes(StandardCharsets.UTF_8), pos, md);
                t.force();
                newSize = pos;
            }
            String contentHash = HexFormat.of().formatHex(md.digest());
            try (Storage.LogFile i = storage.create(intent)) {
                writeAll(i, new PurgeIntent(oldHead, newHead, contentHash).text().getBytes(StandardCharsets.UTF_8),
                        0, null);
                i.force();
            }
            storage.forceDirectory(file.getParent()); // the intent (and the new file) exist before the rename
            checkHeld();
            storage.moveAtomic(tmp, file);
            renamed = true;
        } catch (IOException | RuntimeException e) {
            if (!renamed) {
                try {
                    storage.delete(tmp);
                    storage.delete(intent);
                    storage.forceDirectory(file.getParent());
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup); // the next open cleans up
                }
            }
            throw e;
        }
        // the new file is in place: from here on the log is the purged one
        closeQuietly(channel);
        channel = null;
        durableOffset = newSize;
        dirty = false;
        durableSeq = lastSeq = purgeSeq;
        durableHash = lastHash = purge.hash();
        renameNotDurable = true;
        channel = storage.openWrite(file);
        finishRename();
        return removed;
    }

    /** Forces the directory after a purge's rename, then removes the intent. io must be held. */
    private void finishRename() throws IOException {
        if (renameNotDurable) {
            storage.forceDirectory(file.getParent()); // until this returns, a power cut may bring back the old file
            renameNotDurable = false;
            intentLeft = true;
        }
        if (intentLeft) {
            storage.delete(sibling(file, ".purge-intent"));
            storage.forceDirectory(file.getParent());
            intentLeft = false;
        }
    }

    private long countLines(long end) throws IOException {
        LineScanner s = new LineScanner();
        long[] n = {0};
        s.scan(new LogFileInput(channel, 0, end), (text, offset) -> {
            n[0]++;
            return true;
        });
        return n[0];
    }

    private static long writeAll(Storage.LogFile f, byte[] bytes, long pos, MessageDigest md) throws IOException {
        if (md != null) {
            md.update(bytes);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long at = pos;
        while (b.hasRemaining()) {
            at += f.write(b, at);
        }
        return at;
    }

    private String sign(byte[] payload) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(checkpointKeys.getPrivate());
            s.update(payload);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the checkpoint with the configured key: " + e.getMessage(), e);
        }
    }

    /** What a purge is about to do, written and forced before the rename. */
    private record PurgeIntent(Head oldHead, Head newHead, String sha256) {
        private static final String MAGIC = "fairpath-purge-intent-v1";

        String text() {
            return MAGIC + "\n" + oldHead + "\n" + newHead + "\n" + sha256 + "\n";
        }

        /** The intent, or null if it is torn or not an intent. */
        static PurgeIntent parse(byte[] bytes) {
            String[] l = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
            if (l.length != 5 || !l[0].equals(MAGIC) || !l[4].isEmpty() || !RecordCodec.isHash(l[3])) {
                return null;
            }
            try {
                return new PurgeIntent(Head.parse(l[1]), Head.parse(l[2]), l[3]);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- close

    /** Flushes what is queued, then releases the file and the writer's lock. */
    @Override
    public void close() throws IOException {
        io.lock();
        try {
            state.lock();
            try {
                if (closed) {
                    return;
                }
            } finally {
                state.unlock();
            }
            flushLocked();
            IOException notCut = null;
            if (dirty && lost == null && channel != null && channel.isOpen()) {
                // a failed append whose rollback could not cut the file: a last try, or it comes back on reopen
                try {
                    channel.truncate(durableOffset);
                    channel.force();
                    dirty = false;
                } catch (IOException e) {
                    notCut = new IOException(file + ": the bytes of an append that failed could not be cut off ("
                            + e.getMessage() + "); they may come back as the last record(s) when the log is"
                            + " reopened, complete and chained but never acknowledged — see RELIABILITY.md", e);
                }
            }
            state.lock();
            try {
                closed = true;
            } finally {
                state.unlock();
            }
            closeQuietly(channel);
            closeQuietly(lock);
            if (notCut != null) {
                throw notCut;
            }
        } finally {
            io.unlock();
        }
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing: {0}", e.toString());
            }
        }
    }

    /** An InputStream over {@code [from, to)} of a LogFile. */
    private static final class LogFileInput extends InputStream {
        private final Storage.LogFile f;
        private long pos;
        private final long end;

        LogFileInput(Storage.LogFile f, long from, long to) {
            this.f = f;
            this.pos = from;
            this.end = to;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= end) {
                return -1;
            }
            int n = f.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
            if (n < 0) {
                throw new IOException("file ended at byte " + pos + " before its known end " + end);
            }
            pos += n;
            return n;
        }
    }
}
