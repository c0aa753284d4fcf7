package org.fairpath.core.log;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairpath.core.Sha256;

/**
 * An append-only, hash-chained, crash-safe log of recommendations and counsellor decisions, in JSON Lines.
 *
 * <p>Each line is one record: {@code {"seq":..,"time":..,"type":..,"prev":..,"body":{..},"hash":..}} where
 * {@code hash} is the SHA-256 of the line's JSON without the hash, and {@code prev} is the previous record's hash
 * (64 zeros for the first record ever). Changing, deleting, inserting or reordering any record breaks the chain, and
 * {@link #verify} names the first sequence number that fails. (A whole log rewritten from some record on, with every
 * hash recomputed, can only be caught against a hash kept elsewhere: publish {@link #lastHash()} periodically.)
 *
 * <p><b>Durability.</b> {@link #append} returns only after the record is on disk ({@code FileChannel.force}). With
 * {@link Durability#GROUP_COMMIT}, appends from many threads that arrive while a flush is under way share the next
 * flush; with {@link Durability#FSYNC_EACH} every record has its own. Either way any number of threads may append;
 * sequence numbers, file order and chain always agree.
 *
 * <p><b>Crash safety.</b> A process killed mid-write can leave a torn last line. {@link #open} detects it, cuts it
 * off, and appends a {@code REPAIR} record saying how many bytes were discarded and their hash, so the repair itself
 * is on the record. Acknowledged records are never touched.
 *
 * <p><b>Retention.</b> {@link #purge} removes records older than a retention period (never under
 * {@link #MINIMUM_RETENTION} unless the log is opened with a lower floor) by rewriting the file atomically: a
 * {@code CHECKPOINT} record carrying the last purged record's hash starts the new file, so the remaining chain still
 * verifies, and a {@code PURGE} record at the end logs who purged what.
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

    private final Path file;
    private final Durability durability;
    private final Duration minimumRetention;
    private final Clock clock;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final ReentrantLock flushLock = new ReentrantLock();
    private FileChannel channel;
    /** Hash of the last record appended (written or pending); guarded by appendLock. */
    private String lastHash;
    /** Serialized lines appended but not yet written, in sequence order; guarded by appendLock. */
    private final List<byte[]> pending = new ArrayList<>();
    private long pendingLastSequence;
    /** Highest sequence known to be on disk; guarded by flushLock. */
    private long durableSequence;
    private boolean closed;

    private DecisionLog(Path file, Durability durability, Duration minimumRetention, Clock clock) {
        this.file = file;
        this.durability = durability;
        this.minimumRetention = minimumRetention;
        this.clock = clock;
    }

    /**
     * Opens (creating if needed) the log at {@code file}, repairing a torn last line.
     *
     * @throws IOException              if the file cannot be read or written
     * @throws IllegalStateException    if the last complete record is not a valid record (the log needs
     *                                  {@link #verify} and a person, not an automatic repair)
     */
    public static DecisionLog open(Path file, Durability durability) throws IOException {
        return open(file, durability, MINIMUM_RETENTION, Clock.systemUTC());
    }

    /** As {@link #open(Path, Durability)}, with a retention floor and a clock (for tests and special deployments). */
    public static DecisionLog open(Path file, Durability durability, Duration minimumRetention, Clock clock)
            throws IOException {
        Objects.requireNonNull(durability, "durability");
        if (minimumRetention.isNegative()) {
            throw new IllegalArgumentException("minimumRetention is " + minimumRetention + "; it must not be negative");
        }
        DecisionLog log = new DecisionLog(file, durability, minimumRetention, clock);
        log.recover();
        return log;
    }

    private void recover() throws IOException {
        boolean created = !Files.exists(file);
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (created) {
            forceDirectory(file);
        }
        long size = channel.size();
        long end = afterLastNewline(size); // the complete lines end here
        if (end > 0) {
            String lastLine = new String(bytes(afterLastNewline(end - 1), end - 1), StandardCharsets.UTF_8);
            Parsed p = parse(lastLine);
            if (p == null) {
                throw new IllegalStateException(file + ": the last complete record is not a valid log record; run"
                        + " verify and restore from a backup rather than repairing automatically");
            }
            pendingLastSequence = p.sequence;
            lastHash = p.hash;
        } else {
            pendingLastSequence = 0;
            lastHash = GENESIS;
        }
        durableSequence = pendingLastSequence;
        channel.position(end);
        if (end < size) {
            byte[] torn = bytes(end, Math.min(size, end + (1 << 20)));
            channel.truncate(end);
            channel.force(true);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("discardedBytes", size - end);
            body.put("discardedSha256", sha256(torn)); // of the first MiB, should a tail ever be that long
            body.put("reason", "torn last line after an interrupted write");
            appendLock.lock();
            try {
                appendLocked("REPAIR", body);
            } finally {
                appendLock.unlock();
            }
        }
    }

    /** Position just after the last '\n' among the first {@code limit} bytes of the file, or 0 if there is none. */
    private long afterLastNewline(long limit) throws IOException {
        long pos = limit;
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        while (pos > 0) {
            int n = (int) Math.min(buf.capacity(), pos);
            buf.clear().limit(n);
            readFully(buf, pos - n);
            for (int i = n - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    return pos - n + i + 1;
                }
            }
            pos -= n;
        }
        return 0;
    }

    /** The bytes {@code [from, to)} of the file. */
    private byte[] bytes(long from, long to) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) (to - from));
        readFully(b, from);
        return b.array();
    }

    private void readFully(ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, at);
            if (n < 0) {
                throw new IOException(file + " ended while reading at byte " + at);
            }
            at += n;
        }
    }

    /**
     * Appends a record and returns once it is on disk.
     *
     * @param type what the record is, upper case letters and '_' (e.g. {@code DECISION})
     * @param body the content: JSON values only (String, Number, Boolean, List, Map with String keys, null)
     * @return the record's sequence number and hash
     * @throws IOException              if writing or forcing fails
     * @throws IllegalArgumentException if the type or body is not allowed
     * @throws IllegalStateException    if the log is closed
     */
    @Override
    public Appended append(String type, Map<String, ?> body) throws IOException {
        RecordCodec.checkType(type);
        Objects.requireNonNull(body, "body");
        Map<String, ?> bodyNode = body;
        long seq;
        String hash;
        appendLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the decision log " + file + " is closed");
            }
            seq = enqueue(type, bodyNode);
            hash = lastHash;
            if (durability == Durability.FSYNC_EACH) {
                flush(seq); // under appendLock: one record, one force
            }
        } finally {
            appendLock.unlock();
        }
        if (durability == Durability.GROUP_COMMIT) {
            flush(seq);
        }
        return new Appended(seq, hash);
    }

    /** Writes and forces everything pending up to at least {@code seq}. */
    private void flush(long seq) throws IOException {
        flushLock.lock();
        try {
            if (durableSequence >= seq) {
                return; // another thread's flush carried this record
            }
            List<byte[]> batch;
            long batchLast;
            appendLock.lock();
            try {
                batch = new ArrayList<>(pending);
                pending.clear();
                batchLast = pendingLastSequence;
            } finally {
                appendLock.unlock();
            }
            int total = 0;
            for (byte[] b : batch) {
                total += b.length;
            }
            ByteBuffer buf = ByteBuffer.allocate(total);
            for (byte[] b : batch) {
                buf.put(b);
            }
            buf.flip();
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
            durableSequence = batchLast;
        } finally {
            flushLock.unlock();
        }
    }

    /** Sequence number of the last appended record (0 for an empty log). */
    public long lastSequence() {
        appendLock.lock();
        try {
            return pendingLastSequence;
        } finally {
            appendLock.unlock();
        }
    }

    @Override
    public Head head() {
        appendLock.lock();
        try {
            return new Head(pendingLastSequence, lastHash);
        } finally {
            appendLock.unlock();
        }
    }

    /** Hash of the last appended record: publish it elsewhere to anchor the chain. */
    public String lastHash() {
        appendLock.lock();
        try {
            return lastHash;
        } finally {
            appendLock.unlock();
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        appendLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            appendLock.unlock();
        }
        flush(Long.MAX_VALUE - 1);
        channel.close();
    }

    /**
     * Removes the records older than {@code retention} (the longest prefix of the log appended before
     * {@code now - retention}), rewriting the file atomically with a {@code CHECKPOINT} record first and a
     * {@code PURGE} record last. Nothing is removed if no record is old enough (the PURGE record is still written).
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
        appendLock.lock();
        try {
            flushLockedPending();
            Instant cutoff = clock.instant().minus(retention);
            List<String> lines = new ArrayList<>();
            try (java.io.InputStream in = Files.newInputStream(file)) {
                new LineScanner().scan(in, (text, offset) -> lines.add(text));
            }
            List<Parsed> parsed = new ArrayList<>(lines.size());
            for (String line : lines) {
                Parsed p = parse(line);
                if (p == null) {
                    throw new IllegalStateException(file + " has a damaged record; verify it before purging");
                }
                parsed.add(p);
            }
            boolean startsWithCheckpoint = !parsed.isEmpty() && parsed.get(0).type.equals("CHECKPOINT");
            int k = startsWithCheckpoint ? 1 : 0; // lines to drop: an old checkpoint is always replaced
            while (k < parsed.size() - 1 && parsed.get(k).time.isBefore(cutoff)) {
                k++; // the newest line always stays, so the file keeps its chain anchor
            }
            long removed = k - (startsWithCheckpoint ? 1 : 0);
            Parsed lastPurged = removed > 0 ? parsed.get(k - 1) : null;
            if (lastPurged != null) {
                Map<String, Object> cp = new LinkedHashMap<>();
                cp.put("purgedFrom", startsWithCheckpoint ? ((Number) parsed.get(0).body.get("purgedFrom")).longValue()
                        : parsed.get(0).sequence);
                cp.put("purgedThrough", lastPurged.sequence);
                cp.put("lastPurgedHash", lastPurged.hash);
                cp.put("cutoff", cutoff.toString());
                Path tmp = file.resolveSibling(file.getFileName() + ".purge-tmp");
                try (LineWriter w = new LineWriter(tmp)) {
                    w.line(serialize(lastPurged.sequence, "CHECKPOINT", lastPurged.previous, cp).text().trim());
                    for (String kept : lines.subList(k, lines.size())) {
                        w.line(kept);
                    }
                }
                channel.close();
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                forceDirectory(file);
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                channel.position(channel.size());
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("actor", actor);
            body.put("retention", retention.toString());
            body.put("cutoff", cutoff.toString());
            body.put("recordsRemoved", removed);
            body.put("purgedThrough", lastPurged == null ? null : lastPurged.sequence);
            appendLocked("PURGE", body);
            return removed;
        } finally {
            appendLock.unlock();
        }
    }

    private void flushLockedPending() throws IOException {
        flush(pendingLastSequence);
    }

    /** Appends with appendLock held, and forces it before returning. */
    private void appendLocked(String type, Map<String, ?> body) throws IOException {
        enqueue(type, body);
        flush(pendingLastSequence);
    }

    /** Serializes the next record into {@code pending}; appendLock must be held. Returns its sequence number. */
    private long enqueue(String type, Map<String, ?> body) {
        long seq = pendingLastSequence + 1;
        Line line = serialize(seq, type, lastHash, body);
        pending.add(line.text().getBytes(StandardCharsets.UTF_8));
        pendingLastSequence = seq;
        lastHash = line.hash();
        return seq;
    }

    /** One record line, ending in '\n'. */
    private Line serialize(long seq, String type, String prev, Map<String, ?> body) {
        RecordCodec.Encoded e = RecordCodec.encode(seq, clock.instant(), type, prev, body);
        return new Line(e.line() + "\n", e.hash());
    }

    private record Line(String text, String hash) {
    }

    /**
     * Checks every record and the chain between them.
     *
     * @return the verification; never throws for a damaged log, only for an unreadable file
     */
    public static Verification verify(Path file) throws IOException {
        return verify(file, null, null);
    }

    /**
     * Checks every record and the chain between them, that the record {@code expected} (if not null) is present
     * with its hash, and that a starting checkpoint is signed by {@code trust} (if not null).
     */
    public static Verification verify(Path file, Head expected, java.security.PublicKey trust) throws IOException {
        ChainCheck check = ChainCheck.create(expected, trust);
        LineScanner scanner = new LineScanner();
        try (java.io.InputStream in = Files.newInputStream(file)) {
            scanner.scan(in, (text, offset) -> check.line(text));
        }
        Verification v = check.result();
        if (v.intact() && scanner.tail() > 0) {
            return new Verification(false, v.records(), OptionalLong.empty(), "the log ends in " + scanner.tail()
                    + " bytes that are not a complete line (a torn write; open the log to repair it)", v.head());
        }
        return v;
    }

    @Override
    public Verification verify() throws IOException {
        return verify(file);
    }

    @Override
    public Verification verify(Head expected) throws IOException {
        return verify(file, Objects.requireNonNull(expected, "expected"), null);
    }

    @Override
    public void forEach(java.util.function.Consumer<LogRecord> each) throws IOException {
        forEach(file, each);
    }

    /** Reads every record of the log at {@code file}, in order (the log is not verified; call {@link #verify}). */
    public static List<LogRecord> read(Path file) throws IOException {
        List<LogRecord> out = new ArrayList<>();
        forEach(file, out::add);
        return out;
    }

    /** Passes every record of the log at {@code file} to {@code each}, in order, without verifying the chain. */
    public static void forEach(Path file, java.util.function.Consumer<LogRecord> each) throws IOException {
        long[] lineNumber = {0};
        try (java.io.InputStream in = Files.newInputStream(file)) {
            new LineScanner().scan(in, (text, offset) -> {
                lineNumber[0]++;
                LogRecord r;
                try {
                    r = RecordCodec.decode(text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ": line " + lineNumber[0] + " is not an intact record: "
                            + e.getMessage());
                }
                each.accept(r);
                return true;
            });
        }
    }

    /** A parsed, self-consistent line (its hash matches its content), or null. */
    private static Parsed parse(String line) {
        try {
            LogRecord r = RecordCodec.decode(line);
            return new Parsed(r.sequence(), r.time(), r.type(), r.previous(), r.body(), r.hash());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private record Parsed(long sequence, java.time.Instant time, String type, String previous, Map<String, Object> body,
                          String hash) {
    }

    static String sha256(byte[] content) {
        return Sha256.hex(content);
    }

    private static void forceDirectory(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some platforms cannot open a directory; the file itself is forced on every append
        }
    }

    /** Writes lines to a new file and forces it before closing. */
    private static final class LineWriter implements Closeable {
        private final FileChannel ch;

        LineWriter(Path p) throws IOException {
            ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        }

        void line(String s) throws IOException {
            ByteBuffer b = ByteBuffer.wrap((s + "\n").getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                ch.force(true);
            } finally {
                ch.close();
            }
        }
    }
}
