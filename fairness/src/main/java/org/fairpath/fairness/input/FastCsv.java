package org.fairpath.fairness.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fast path of {@link AuditReader} for CSV: reads the file's bytes in large blocks, splits records itself (RFC
 * 4180, as {@link Csv}), looks only at the audited columns, turns each group, decision and outcome cell into its
 * {@link Tally} code through a small hash table on the cell's bytes (a String is made only for a text not seen
 * before), and parses plain decimal scores without making a String.
 *
 * <p>It is optimistic: anything it does not handle itself or that could be an error (a malformed or ragged record, a
 * lone carriage return, bytes that are not UTF-8, an empty decision, a score that is not a plain probability, any
 * refusal) makes it give up with {@link GiveUp}, and the reader then reads the whole file again with the reference
 * path ({@link Csv} and {@link Tally#add(java.util.Map, int)}), which either accepts it with the same result or
 * refuses it with the exact message {@link AuditData#fromCsv} gives.
 */
final class FastCsv {

    /** The fast path cannot vouch for this input; read it with the reference path. */
    static final class GiveUp extends Exception {
        GiveUp(String why) {
            super(why, null, false, false);
        }
    }

    private static final int SKIP = -1;
    private static final int SCORE = -2;
    private static final int MAX_BUFFER = 1 << 28;
    private static final double[] POW10 = new double[23];
    /** 10^(4 - decimals): a score with at most 4 decimals as its whole number of ten-thousandths. */
    private static final int[] TO_TEN_THOUSANDTHS = {10_000, 1_000, 100, 10, 1};
    /** Byte classes of the quick loop: an ordinary byte (0), a comma, a line feed, a byte it leaves to the careful loop. */
    private static final byte ORDINARY = 0;
    private static final byte COMMA = 1;
    private static final byte LF = 2;
    private static final byte CR = 3;
    private static final byte[] CLASS = new byte[256];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
        CLASS[','] = COMMA;
        CLASS['\n'] = LF;
        CLASS['\r'] = CR;
        CLASS['"'] = 4;
    }

    private final Path file;
    private final Tally tally;
    private byte[] buf;
    private int filled;
    private boolean eof;
    private FileChannel ch;
    /** The file offset of {@code buf[0]}. */
    private long base;
    /** Stop after the first record that ends at or beyond this offset (-1: read to the end). */
    private long stopAfter = -1;
    /** Where the reading stopped (the offset after the last record read) and the line that follows. */
    long stoppedAt = -1;
    long nextLine;
    private int[] role;
    private ByteDict[] dicts;

    private FastCsv(Path file, Tally tally, int bufferSize) {
        this.file = file;
        this.tally = tally;
        this.buf = new byte[bufferSize];
    }

    /** Reads {@code file} into {@code tally}, or gives up (leaving the tally unusable). */
    static void read(Path file, Tally tally, int bufferSize) throws IOException, GiveUp {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            FastCsv f = new FastCsv(file, tally, bufferSize);
            f.ch = ch;
            f.run();
        } catch (IllegalArgumentException e) {
            // a refusal (a limit, a header problem): the reference path says it with its exact wording
            throw new GiveUp(e.getMessage());
        }
    }

    /**
     * Reads a large file in two halves on two threads: the first from the start (header included) to the first record
     * ending at or after the line break found after the middle, the second from that line break to the end into its
     * own tally, joined to the first's. The split is used only where the first half's own parse ends exactly there,
     * i.e. where that line break really ends a record (not one inside a quoted field); otherwise the first half reads
     * on to the end alone. Gives up as {@link #read}.
     */
    static void readParallel(Path file, Tally first, Tally second, int bufferSize) throws IOException, GiveUp {
        long size;
        long split;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            size = ch.size();
            split = lineBreakAfter(ch, size / 2);
        }
        if (split < 0) {
            read(file, first, bufferSize);
            return;
        }
        FastCsv a = new FastCsv(file, first, bufferSize);
        a.stopAfter = split;
        FastCsv b = new FastCsv(file, second, bufferSize);
        java.util.concurrent.CompletableFuture<Void> later = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                b.ch = ch;
                b.base = split;
                ch.position(split);
                synchronized (a) {
                    while (a.role == null && !a.failed) {
                        a.wait();
                    }
                }
                if (a.failed) {
                    return;
                }
                b.role = a.role;
                b.dicts = new ByteDict[a.dicts.length];
                for (int l = 0; l < b.dicts.length; l++) {
                    b.dicts[l] = new ByteDict(second.dicts[l]);
                }
                b.fillAll();
                b.parseRecords(0, 1, a.role.length, a.role, b.dicts, second.dicts.length - 1);
            } catch (IOException | GiveUp | IllegalArgumentException | InterruptedException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            a.ch = ch;
            boolean done = false;
            try {
                a.run();
                done = true;
            } finally {
                synchronized (a) {
                    a.failed = a.role == null;
                    a.notifyAll();
                }
                if (!done) {
                    b.cancelled = true;
                }
            }
            if (a.stoppedAt < 0) {
                // the first half read to the end of the file itself (a quoted field ran past the split)
                b.cancelled = true;
                joinQuietly(later);
                return;
            }
            boolean splitHolds = a.stoppedAt == split;
            if (!splitHolds) {
                b.cancelled = true;
            }
            try {
                later.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (splitHolds) {
                    Throwable c = e.getCause();
                    if (c instanceof IOException io) {
                        throw io;
                    }
                    throw new GiveUp("second half: " + c.getMessage());
                }
            }
            if (splitHolds) {
                first.addAll(second, a.nextLine - 1);
            } else {
                // the line break after the middle was inside a quoted field: read on alone
                a.stopAfter = -1;
                a.stoppedAt = -1;
                a.parseRecords(a.resume, a.nextLine, a.role.length, a.role, a.dicts, first.dicts.length - 1);
            }
        } catch (IllegalArgumentException e) {
            throw new GiveUp(e.getMessage());
        }
    }

    private boolean failed;
    /** Set by the other thread when this half's work will not be used. */
    private volatile boolean cancelled;
    /** Where {@link #stoppedAt} is in the buffer. */
    private int resume;

    /** The offset after the first line break at or after {@code from}, or -1 when there is none. */
    private static long lineBreakAfter(FileChannel ch, long from) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        long at = from;
        while (true) {
            b.clear();
            int n = ch.read(b, at);
            if (n <= 0) {
                return -1;
            }
            for (int i = 0; i < n; i++) {
                if (b.get(i) == '\n') {
                    return at + i + 1;
                }
            }
            at += n;
        }
    }

    private static void joinQuietly(java.util.concurrent.CompletableFuture<Void> f) {
        try {
            f.join();
        } catch (java.util.concurrent.CompletionException e) {
            // its result is not used
        }
    }

    private void fillAll() throws IOException {
        while (fill()) {
            // fill the first block
        }
    }

    /** Reads more bytes after {@code filled}; false at the end of the file. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (filled == buf.length) {
            return false;
        }
        int n = ch.read(ByteBuffer.wrap(buf, filled, buf.length - filled));
        if (n < 0) {
            eof = true;
            return false;
        }
        filled += n;
        return true;
    }

    private void run() throws IOException, GiveUp {
        fillAll();
        int start = 0;
        if (filled >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        // the header: one line without quotes, not blank
        int nl = -1;
        for (int i = start; i < filled; i++) {
            byte b = buf[i];
            if (b == '\n') {
                nl = i;
                break;
            }
            if (b == '"' || b < 0) {
                throw new GiveUp("header with quotes or non-ASCII text");
            }
        }
        if (nl <= start || buf[start] == '\r') {
            throw new GiveUp("empty or blank first line, or a header longer than the buffer");
        }
        int end = buf[nl - 1] == '\r' ? nl - 1 : nl;
        for (int i = start; i < end; i++) {
            if (buf[i] == '\r') {
                throw new GiveUp("carriage return inside the header");
            }
        }
        List<String> header = new ArrayList<>(List.of(new String(buf, start, end - start,
                StandardCharsets.US_ASCII).split(",", -1)));
        AuditData.checkHeader(file, header);
        tally.checkKeys(header, "line 1", true);
        tally.checkPresent(header);
        int ncols = header.size();
        int[] role = new int[ncols];
        Arrays.fill(role, SKIP);
        AuditColumns spec = tally.spec;
        for (int g = 0; g < spec.groups().size(); g++) {
            role[header.indexOf(spec.groups().get(g))] = g;
        }
        int levels = tally.dicts.length;
        if (spec.outcome() != null) {
            role[header.indexOf(spec.outcome())] = spec.groups().size();
        }
        int decisionLevel = levels - 1;
        role[header.indexOf(spec.decision())] = decisionLevel;
        if (spec.score() != null) {
            role[header.indexOf(spec.score())] = SCORE;
        }
        ByteDict[] dicts = new ByteDict[levels];
        for (int l = 0; l < levels; l++) {
            dicts[l] = new ByteDict(tally.dicts[l]);
        }
        this.dicts = dicts;
        synchronized (this) {
            this.role = role;
            notifyAll();
        }
        parseRecords(nl + 1, 2, ncols, role, dicts, decisionLevel);
    }

    /**
     * Parses records from {@code pos} (line {@code line}) to the end of the file. Each record's field bounds are
     * gathered first and counted only once the record is complete, so a record cut by the block's end is parsed
     * again after the next read.
     */
    private void parseRecords(int pos, long line, int ncols, int[] role, ByteDict[] dicts, int decisionLevel)
            throws IOException, GiveUp {
        int[] from = new int[ncols];
        int[] to = new int[ncols];
        boolean[] escaped = new boolean[ncols];
        int[] codes = new int[dicts.length];
        while (true) {
            if (quick) {
                quickLine = line;
                pos = quickRecords(pos, ncols, role, dicts, codes, decisionLevel);
                line = quickLine;
                if (stoppedAt >= 0) {
                    return;
                }
            }
            // blank lines between records
            while (true) {
                if (pos == filled) {
                    pos = refill(pos);
                    if (pos == filled) {
                        return;
                    }
                }
                byte b = buf[pos];
                if (b == '\n') {
                    line++;
                    pos++;
                } else if (b == '\r') {
                    throw new GiveUp("a carriage return outside a line end");
                } else {
                    break;
                }
            }
            int recordStart = pos;
            long recordLine = line;
            long lines = 0;
            int field = 0;
            boolean high = false;
            boolean complete = false;
            int p = pos;
            record:
            while (true) {
                if (field == ncols) {
                    throw new GiveUp("more fields than the header");
                }
                escaped[field] = false;
                if (p < filled && buf[p] == '"') {
                    int q = p + 1;
                    boolean esc = false;
                    while (true) {
                        if (q >= filled) {
                            break record; // incomplete
                        }
                        byte b = buf[q];
                        if (b == '"') {
                            if (q + 1 >= filled && !eof) {
                                break record;
                            }
                            if (q + 1 < filled && buf[q + 1] == '"') {
                                esc = true;
                                q += 2;
                                continue;
                            }
                            break;
                        }
                        if (b == '\n') {
                            lines++;
                        } else if (b < 0) {
                            high = true;
                        }
                        q++;
                    }
                    from[field] = p + 1;
                    to[field] = q;
                    escaped[field] = esc;
                    p = q + 1; // after the closing quote
                    if (p >= filled) {
                        if (!eof) {
                            break record;
                        }
                        field++;
                        complete = true;
                        break;
                    }
                    byte b = buf[p];
                    if (b == ',') {
                        field++;
                        p++;
                        continue;
                    }
                    if (b == '\n') {
                        field++;
                        p++;
                        lines++;
                        complete = true;
                        break;
                    }
                    if (b == '\r') {
                        if (p + 1 >= filled) {
                            break record;
                        }
                        if (buf[p + 1] == '\n') {
                            field++;
                            p += 2;
                            lines++;
                            complete = true;
                            break;
                        }
                    }
                    throw new GiveUp("text after a closing quote");
                }
                int q = p;
                while (true) {
                    if (q >= filled) {
                        if (!eof) {
                            break record;
                        }
                        from[field] = p;
                        to[field] = q;
                        field++;
                        p = q;
                        complete = true;
                        break record;
                    }
                    byte b = buf[q];
                    if (b == ',' || b == '\n') {
                        break;
                    }
                    if (b == '"') {
                        throw new GiveUp("a quote inside an unquoted field");
                    }
                    if (b == '\r') {
                        if (q + 1 >= filled) {
                            break record;
                        }
                        if (buf[q + 1] != '\n') {
                            throw new GiveUp("a carriage return inside a field");
                        }
                        from[field] = p;
                        to[field] = q;
                        field++;
                        p = q + 2;
                        lines++;
                        complete = true;
                        break record;
                    }
                    if (b < 0) {
                        high = true;
                    }
                    q++;
                }
                from[field] = p;
                to[field] = q;
                field++;
                p = q + 1;
                if (buf[q] == '\n') {
                    lines++;
                    complete = true;
                    break;
                }
                if (p >= filled && eof) {
                    // a comma at the very end of the file: one more, empty field
                    from[field] = p;
                    to[field] = p;
                    if (field == ncols) {
                        throw new GiveUp("more fields than the header");
                    }
                    field++;
                    complete = true;
                    break;
                }
            }
            if (!complete) {
                if (cancelled) {
                    throw new GiveUp("cancelled");
                }
                if (eof) {
                    throw new GiveUp("a record cut off by the end of the file (an unclosed quote?)");
                }
                pos = refillKeeping(recordStart);
                continue; // parse the record again from its start
            }
            if (field != ncols) {
                throw new GiveUp("a record with another number of fields than the header");
            }
            if (high && !Utf8.valid(buf, recordStart, p)) {
                throw new GiveUp("bytes that are not UTF-8");
            }
            double score = Double.NaN;
            for (int f = 0; f < ncols; f++) {
                int r = role[f];
                if (r == SKIP) {
                    continue;
                }
                if (r == SCORE) {
                    score = score(f, from, to, escaped);
                    continue;
                }
                if (r == decisionLevel && to[f] == from[f]) {
                    throw new GiveUp("an empty decision");
                }
                codes[r] = escaped[f] ? tally.dicts[r].code(unescape(from[f], to[f]), recordLine)
                        : dicts[r].code(buf, from[f], to[f], recordLine);
            }
            tally.lastLine = recordLine;
            tally.add(codes, score, -1);
            line = recordLine + lines;
            pos = p;
            if (stopAfter >= 0 && base + pos >= stopAfter) {
                stoppedAt = base + pos;
                resume = pos;
                nextLine = line;
                return;
            }
        }
    }

    /** Whether {@link #parseRecords} tries {@link #quickRecords} first (off in tests that check the careful loop alone). */
    boolean quick = true;
    /** The line of the record at the position {@link #quickRecords} was given, then of the one it stopped at. */
    private long quickLine;
    /** The last line feed in {@code buf[0, filled)} (-1: none), while {@link #lastLfFilled} equals filled. */
    private int lastLf = -1;
    private int lastLfFilled = -1;

    /**
     * The quick loop: counts the simple records from {@code pos} on and returns where it stopped, the start of the
     * first record that it leaves to the careful loop of {@link #parseRecords}, or {@code pos} if that is the first.
     * A simple record is one line (ended by LF or CRLF) with the header's number of fields, none quoted, holding no
     * lone carriage return, a non-empty decision and a score that is empty or digits with at most one point (at most
     * 15 digits, at most 1). Records are taken only if they start before the block's last line feed, so every
     * record it begins ends inside the block: the line feed is the sentinel that stops each field's scan, and no byte
     * is compared with the end of the bytes read. A record is counted only once all its fields have been read and it
     * is valid UTF-8; one it leaves is parsed again, from its start, by the careful loop.
     */
    private int quickRecords(int pos, int ncols, int[] role, ByteDict[] dicts, int[] codes, int decisionLevel) {
        if (lastLfFilled != filled) {
            int i = filled - 1;
            while (i >= 0 && buf[i] != '\n') {
                i--;
            }
            lastLf = i;
            lastLfFilled = filled;
        }
        final int end = lastLf;
        final long from = quickLine;
        long line = from;
        while (pos < end) {
            int p = quickRecord(pos, ncols - 1, role, dicts, codes, decisionLevel, line);
            if (p == pos) {
                break;
            }
            line++;
            pos = p;
            if (stopAfter >= 0 && base + pos >= stopAfter) {
                stoppedAt = base + pos;
                resume = pos;
                nextLine = line;
                break;
            }
        }
        quickLine = line;
        tally.quickRows += line - from;
        return pos;
    }

    /**
     * One record of {@link #quickRecords} (a method of its own, called per record, so that the JIT compiles it whole
     * rather than as one long loop entered once): counts it and returns where the next one starts, or returns
     * {@code pos} having counted nothing.
     */
    private int quickRecord(int pos, int last, int[] role, ByteDict[] dicts, int[] codes, int decisionLevel,
            long line) {
        final byte[] b = buf;
        int p = pos;
        int high = 0;
        double score = Double.NaN;
        int tenThousandths = -1;
        int f = 0;
        while (true) {
            int r = role[f];
            int start = p;
            int c;
            if (r == SKIP) {
                int x;
                while ((c = CLASS[(x = b[p]) & 0xFF]) == ORDINARY) {
                    high |= x;
                    p++;
                }
            } else if (r == SCORE) {
                long m = 0;
                int digits = 0;
                int frac = -1;
                while (true) {
                    int x = b[p];
                    int d = x - '0';
                    if (d >= 0 && d <= 9) {
                        m = m * 10 + d;
                        digits++;
                        if (frac >= 0) {
                            frac++;
                        }
                    } else if (x == '.' && frac < 0) {
                        frac = 0;
                    } else {
                        break;
                    }
                    p++;
                }
                c = CLASS[b[p] & 0xFF];
                if (digits > 0) {
                    if (digits > 15) {
                        return pos;
                    }
                    // below 2^53 and 10^15: one correctly rounded division, as the careful loop
                    score = frac <= 0 ? m : m / POW10[frac];
                    if (score > 1) {
                        return pos;
                    }
                    if (frac <= 4) {
                        tenThousandths = (int) m * TO_TEN_THOUSANDTHS[Math.max(frac, 0)];
                    }
                } else if (p != start) {
                    return pos; // a lone point
                }
            } else {
                int h = 0;
                int x;
                while ((c = CLASS[(x = b[p]) & 0xFF]) == ORDINARY) {
                    high |= x;
                    h = 31 * h + x;
                    p++;
                }
                if (p == start && r == decisionLevel) {
                    return pos;
                }
                codes[r] = dicts[r].code(b, start, p, h, line);
            }
            if (c == COMMA && f < last) {
                p++;
                f++;
                continue;
            }
            if (f == last) {
                if (c == LF) {
                    p++;
                    break;
                }
                if (c == CR && b[p + 1] == '\n') {
                    p += 2;
                    break;
                }
            }
            return pos;
        }
        if (high < 0 && !Utf8.valid(b, pos, p)) {
            return pos;
        }
        tally.lastLine = line;
        tally.add(codes, score, tenThousandths);
        return p;
    }

    /** At the end of the bytes read: reads on, keeping nothing before {@code pos}; returns the new position. */
    private int refill(int pos) throws IOException {
        return refillKeeping(pos);
    }

    /**
     * Moves the bytes from {@code keep} on to the front (doubling the buffer when they fill it), reads until the
     * buffer is full or the file ends, and returns where {@code keep}'s byte is now (0).
     */
    private int refillKeeping(int keep) throws IOException {
        int n = filled - keep;
        if (keep == 0 && n == buf.length) {
            if (buf.length >= MAX_BUFFER) {
                throw new IllegalArgumentException("a record longer than " + MAX_BUFFER + " bytes");
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        } else if (keep > 0) {
            System.arraycopy(buf, keep, buf, 0, n);
        }
        base += keep;
        filled = n;
        lastLfFilled = -1; // the bytes moved: find the last line feed again
        while (filled < buf.length && fill()) {
            // read as much as fits
        }
        return 0;
    }

    private String unescape(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8).replace("\"\"", "\"");
    }

    /** A plain decimal probability without a String; anything else through Double.parseDouble, as the reference. */
    private double score(int f, int[] from, int[] to, boolean[] escaped) throws GiveUp {
        int a = from[f];
        int b = to[f];
        if (a == b) {
            return Double.NaN;
        }
        if (!escaped[f]) {
            long m = 0;
            int frac = -1;
            int digits = 0;
            int i = a;
            for (; i < b; i++) {
                int c = buf[i] - '0';
                if (c >= 0 && c <= 9) {
                    if (m > (1L << 53) / 10) {
                        break;
                    }
                    m = m * 10 + c;
                    digits++;
                    if (frac >= 0) {
                        frac++;
                    }
                } else if (buf[i] == '.' && frac < 0) {
                    frac = 0;
                } else {
                    break;
                }
            }
            if (i == b && digits > 0 && m <= (1L << 53) && (frac < 0 ? 0 : frac) < POW10.length) {
                // an integer below 2^53 and a power of ten below 10^23 are exact: one correctly rounded division
                double v = frac <= 0 ? m : m / POW10[frac];
                if (v <= 1) {
                    return v;
                }
                throw new GiveUp("a score above 1");
            }
        }
        String s = (escaped[f] ? unescape(a, b) : new String(buf, a, b - a, StandardCharsets.UTF_8)).strip();
        if (s.isEmpty()) {
            return Double.NaN;
        }
        double v = RowSink.plainProbability(s);
        if (!(v >= 0 && v <= 1)) {
            throw new GiveUp("a score that is not a plain decimal from 0 to 1");
        }
        return v;
    }

    /**
     * Cell bytes to a {@link Tally.Dict} code: open addressing on the cell's hash ({@code h = 31 * h + byte}, over the
     * signed bytes, as the quick loop computes it while it looks for the cell's end), the bytes kept for comparison.
     */
    static final class ByteDict {
        private final Tally.Dict dict;
        private byte[][] keys = new byte[64][];
        private int[] hashes = new int[64];
        private int[] codes = new int[64];
        private int size;

        ByteDict(Tally.Dict dict) {
            this.dict = dict;
        }

        static int hash(byte[] buf, int from, int to) {
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + buf[i];
            }
            return h;
        }

        private static int slot(int h, int mask) {
            return ((h * 0x9E3779B9) >>> 16) & mask;
        }

        int code(byte[] buf, int from, int to, long line) {
            return code(buf, from, to, hash(buf, from, to), line);
        }

        /** The code of the cell {@code buf[from, to)}, whose {@link #hash} is {@code h}. */
        int code(byte[] buf, int from, int to, int h, long line) {
            int mask = keys.length - 1;
            int i = slot(h, mask);
            int len = to - from;
            while (true) {
                byte[] k = keys[i];
                if (k == null) {
                    break;
                }
                if (hashes[i] == h && k.length == len && Arrays.equals(k, 0, len, buf, from, to)) {
                    return codes[i];
                }
                i = (i + 1) & mask;
            }
            int c = dict.code(new String(buf, from, len, StandardCharsets.UTF_8), line);
            keys[i] = Arrays.copyOfRange(buf, from, to);
            hashes[i] = h;
            codes[i] = c;
            if (++size * 2 > keys.length) {
                byte[][] ok = keys;
                int[] oh = hashes;
                int[] oc = codes;
                keys = new byte[ok.length * 2][];
                hashes = new int[ok.length * 2];
                codes = new int[ok.length * 2];
                int m = keys.length - 1;
                for (int j = 0; j < ok.length; j++) {
                    if (ok[j] != null) {
                        int s = slot(oh[j], m);
                        while (keys[s] != null) {
                            s = (s + 1) & m;
                        }
                        keys[s] = ok[j];
                        hashes[s] = oh[j];
                        codes[s] = oc[j];
                    }
                }
            }
            return c;
        }
    }
}
