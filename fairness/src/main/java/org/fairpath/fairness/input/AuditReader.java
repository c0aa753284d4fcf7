package org.fairpath.fairness.input;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads an audit file (CSV or JSON Lines) straight into counts, without holding its rows: memory grows with the
 * distinct values of the audited columns, not with the number of cases. Every rule of {@link AuditData#fromCsv} and
 * {@link AuditData#fromJsonLines} applies with the same messages, and the counts, score counts and notes equal those
 * of the in-memory path on the same file ({@link CountedAudit}). Immutable; {@code of(spec).withDepth(2).read(file)}.
 *
 * <p>Each audited column (group, decision, outcome) may hold at most {@link #maxDistinct()} distinct values
 * (default {@value #DEFAULT_MAX_DISTINCT}); beyond that the file is refused with one line naming the column, so a
 * column of ids cannot exhaust memory.
 *
 * <p>A CSV file is read by a fast path on bytes; whatever it cannot vouch for (quoting it does not handle, a malformed
 * record, text that is not UTF-8, a value that the rules refuse) is read again by the reference path, which accepts
 * it with the same result or refuses it with the reference message.
 */
public final class AuditReader {

    /** The default limit on distinct values per audited column. */
    public static final int DEFAULT_MAX_DISTINCT = 10_000;
    /** The highest limit that may be set. */
    public static final int MAX_MAX_DISTINCT = 1_000_000;

    private static final System.Logger LOG = System.getLogger(AuditReader.class.getName());

    private final AuditColumns spec;
    private final int depth;
    private final int maxDistinct;
    private final int bufferSize;
    /** Files from this size on are read in two halves on two threads. */
    private final long parallelFrom;

    private AuditReader(AuditColumns spec, int depth, int maxDistinct, int bufferSize, long parallelFrom) {
        this.parallelFrom = parallelFrom;
        this.spec = spec;
        this.depth = depth;
        this.maxDistinct = maxDistinct;
        this.bufferSize = bufferSize;
    }

    /** A reader of {@code spec}'s columns, counting intersections of up to 2 attributes (fewer if there are fewer). */
    public static AuditReader of(AuditColumns spec) {
        Objects.requireNonNull(spec, "spec");
        return new AuditReader(spec, Math.min(2, spec.groups().size()), DEFAULT_MAX_DISTINCT, 1 << 23, 32L << 20);
    }

    /**
     * Counts intersections of up to {@code depth} group attributes.
     *
     * @throws IllegalArgumentException if {@code depth} is not from 1 to the number of group attributes
     */
    public AuditReader withDepth(int depth) {
        if (depth < 1 || depth > spec.groups().size()) {
            throw new IllegalArgumentException("depth is " + depth + "; allowed: 1 to " + spec.groups().size()
                    + " (the number of group attributes)");
        }
        return new AuditReader(spec, depth, maxDistinct, bufferSize, parallelFrom);
    }

    /**
     * At most {@code limit} distinct values in each group, decision and outcome column.
     *
     * @throws IllegalArgumentException if {@code limit} is not from 2 to {@value #MAX_MAX_DISTINCT}
     */
    public AuditReader withMaxDistinct(int limit) {
        if (limit < 2 || limit > MAX_MAX_DISTINCT) {
            throw new IllegalArgumentException("maxDistinct is " + limit + "; allowed: 2 to "
                    + String.format(Locale.ROOT, "%,d", MAX_MAX_DISTINCT));
        }
        return new AuditReader(spec, depth, limit, bufferSize, parallelFrom);
    }

    /** A smaller block for tests, so that records cross block ends. */
    AuditReader withBufferSize(int bytes) {
        return new AuditReader(spec, depth, maxDistinct, bytes, parallelFrom);
    }

    /** Reads files of at least {@code bytes} in two halves on two threads (tests use small files). */
    AuditReader withParallelFrom(long bytes) {
        return new AuditReader(spec, depth, maxDistinct, bufferSize, bytes);
    }

    public int depth() {
        return depth;
    }

    public int maxDistinct() {
        return maxDistinct;
    }

    /**
     * Reads {@code file}: JSON Lines when its name ends in {@code .jsonl} or {@code .json}, CSV otherwise.
     *
     * @throws IllegalArgumentException as {@link AuditData#fromCsv} and {@link AuditData#fromJsonLines}, and naming
     *                                  the column whose distinct values exceed the limit
     * @throws IOException              when the file cannot be read
     */
    public CountedAudit read(Path file) throws IOException {
        return tally(file).build(depth);
    }

    /**
     * Reads a CSV file (whatever its name).
     *
     * @throws IllegalArgumentException as {@link AuditData#fromCsv}, and naming the column whose distinct values
     *                                  exceed the limit
     * @throws IOException              when the file cannot be read
     */
    public CountedAudit readCsv(Path file) throws IOException {
        return tallyCsv(file).build(depth);
    }

    /**
     * The file's rows counted, before the rules on the values' counts (favourable values must occur, ...): whatever
     * the file's format, its text or the limit on distinct values refuse is refused here.
     */
    Tally tally(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".json")) {
            Tally t = new Tally(file, spec, maxDistinct);
            AuditData.readJsonLines(file, t);
            return t;
        }
        return tallyCsv(file);
    }

    private Tally tallyCsv(Path file) throws IOException {
        Tally fast = new Tally(file, spec, maxDistinct);
        try {
            if (java.nio.file.Files.size(file) >= parallelFrom
                    && Runtime.getRuntime().availableProcessors() > 1) {
                FastCsv.readParallel(file, fast, new Tally(file, spec, maxDistinct), bufferSize);
            } else {
                FastCsv.read(file, fast, bufferSize);
            }
            return fast;
        } catch (FastCsv.GiveUp e) {
            LOG.log(System.Logger.Level.DEBUG, () -> file + ": reading with the reference CSV path (" + e.getMessage()
                    + ")");
        }
        Tally t = new Tally(file, spec, maxDistinct);
        AuditData.readCsv(file, t);
        return t;
    }
}
