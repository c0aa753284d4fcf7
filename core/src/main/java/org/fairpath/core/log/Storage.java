package org.fairpath.core.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The file operations the file log needs, and nothing else, so that tests can put a fault-injecting, power-cut
 * simulating implementation underneath ({@code SimStorage} in the tests). {@link FileStorage} is the real one.
 */
interface Storage {

    /**
     * Makes this JVM the one writer of the log at {@code logFile} (a real path): first claims it among the logs open
     * for writing in this JVM, before any channel on the log or its lock file is opened (closing any channel on a
     * file releases every OS lock this process holds on it), then takes the exclusive OS lock on {@code lockFile}
     * (never renamed or deleted by the log).
     *
     * @throws IllegalStateException if another writer, in this JVM or another process, holds the log
     */
    Held lock(Path logFile, Path lockFile) throws IOException;

    /** A writer's hold on one log, released by {@link #close}. */
    interface Held extends Closeable {
        /**
         * Checks that the lock file and the log are still the files this writer locked and opened.
         *
         * @throws IOException naming the file if either was deleted or replaced since
         */
        void check() throws IOException;
    }

    /** Opens {@code file} for reading and writing, creating it if missing. */
    LogFile openWrite(Path file) throws IOException;

    /** Opens an existing {@code file} read-only. */
    LogFile openRead(Path file) throws IOException;

    /** Creates {@code file} empty, replacing any file of that name. */
    LogFile create(Path file) throws IOException;

    boolean exists(Path file) throws IOException;

    /** Renames {@code from} to {@code to} atomically, replacing {@code to}. */
    void moveAtomic(Path from, Path to) throws IOException;

    /** Deletes {@code file} if it exists. */
    void delete(Path file) throws IOException;

    /** Makes the directory's entries (created, renamed, deleted files) durable. */
    void forceDirectory(Path dir) throws IOException;

    /** The path with every symbolic link resolved (the parent's, for a file that does not exist yet). */
    Path realPath(Path file) throws IOException;

    /** An open file: positional reads and writes, force, truncate. */
    interface LogFile extends Closeable {
        long size() throws IOException;

        int read(ByteBuffer dst, long position) throws IOException;

        int write(ByteBuffer src, long position) throws IOException;

        /** Forces content and metadata to the device. */
        void force() throws IOException;

        void truncate(long size) throws IOException;

        boolean isOpen();
    }
}
