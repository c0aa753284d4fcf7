package org.fairpath.core.log;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What every decision store offers: the file log ({@link DecisionLog}, the embedded default) and the PostgreSQL store
 * write the same records (byte-identical lines from {@link RecordCodec}) into the same hash chain, checked by the same
 * {@link ChainCheck}.
 *
 * <p>An append either returns once its record is durable, or throws and leaves the store as it was.
 */
public interface DecisionStore extends Closeable {

    /**
     * Appends a record and returns once it is durable.
     *
     * @param type what the record is: upper case letters and '_' (see {@link RecordCodec#checkType})
     * @param body JSON values only: String, Boolean, Integer, Long, Short, Byte, BigInteger, finite Double or Float,
     *             List, Map with String keys, null
     * @return the record's sequence number and hash
     * @throws IOException              if the record could not be made durable (nothing of it is kept)
     * @throws IllegalArgumentException naming the field, if the type or body is not allowed
     * @throws IllegalStateException    if the store is closed or cannot take appends any more
     */
    Appended append(String type, Map<String, ?> body) throws IOException;

    /** The last appended record's sequence number and hash ({@code (0, GENESIS)} for an empty store). */
    Head head();

    /** Checks every record and the chain between them; never throws for a damaged store, only when unreadable. */
    Verification verify() throws IOException;

    /**
     * As {@link #verify()}, and also that the record with {@code expected.sequence()} is present with
     * {@code expected.hash()} (a published head: catches tail truncation and a rewrite).
     */
    Verification verify(Head expected) throws IOException;

    /**
     * Passes every record to {@code each}, in sequence order (not verified: call {@link #verify} first).
     *
     * @throws IllegalArgumentException if a record cannot be read as a record
     */
    void forEach(Consumer<LogRecord> each) throws IOException;

    @Override
    void close() throws IOException;
}
