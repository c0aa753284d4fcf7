package org.fairpath.core.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/** {@link Storage} on the real file system, through {@link FileChannel}. */
final class FileStorage implements Storage {

    static final FileStorage INSTANCE = new FileStorage();

    private FileStorage() {
    }

    /**
     * The logs open for writing in this JVM: real path -> the log's file key (null while the file does not exist).
     * Checked before any channel is opened: a refused open must not open and close a channel on the lock file or
     * the log, because closing any channel on a file releases every OS lock this process holds on it.
     */
    private static final Map<Path, Object> WRITERS = new HashMap<>(); // guarded by itself

    @Override
    public Held lock(Path logFile, Path lockFile) throws IOException {
        claim(logFile);
        FileChannel ch = null;
        try {
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("the decision log is already open for writing by another process"
                        + " (lock file " + lockFile + " is held); a log has exactly one writer — read it with"
                        + " DecisionLog.verify or DecisionLog.read, which need no lock");
            }
            return new Lock(logFile, lockFile, ch, fileKey(lockFile));
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            release(logFile);
            throw e;
        }
    }

    private static void claim(Path logFile) throws IOException {
        Object key = Files.exists(logFile, LinkOption.NOFOLLOW_LINKS) ? fileKey(logFile) : null;
        synchronized (WRITERS) {
            if (WRITERS.containsKey(logFile)) {
                throw new IllegalStateException("the decision log " + logFile + " is already open for writing by"
                        + " another DecisionLog in this JVM; a log has exactly one writer — share that instance, or"
                        + " read with DecisionLog.verify or DecisionLog.read, which need no lock");
            }
            if (key != null && WRITERS.containsValue(key)) {
                throw new IllegalStateException("the decision log " + logFile + " is another name (a hard link) of"
                        + " a log already open for writing in this JVM; a log has exactly one writer");
            }
            WRITERS.put(logFile, key);
        }
    }

    /** Records the file key of a claimed log once its file exists (again, after a purge renamed a new one in). */
    private static void bind(Path logFile, Object key) {
        synchronized (WRITERS) {
            if (WRITERS.containsKey(logFile)) {
                WRITERS.put(logFile, key);
            }
        }
    }

    private static void release(Path logFile) {
        synchronized (WRITERS) {
            WRITERS.remove(logFile);
        }
    }

    private static Object boundKey(Path logFile) {
        synchronized (WRITERS) {
            return WRITERS.get(logFile);
        }
    }

    /** The file key of {@code file} (not following links), or null if it does not exist. */
    private static Object fileKey(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The OS lock on FILE.lock plus this JVM's claim on the log. */
    private static final class Lock implements Held {
        private final Path logFile;
        private final Path lockFile;
        private final FileChannel ch;
        private final Object lockKey;
        private boolean closed;

        Lock(Path logFile, Path lockFile, FileChannel ch, Object lockKey) {
            this.logFile = logFile;
            this.lockFile = lockFile;
            this.ch = ch;
            this.lockKey = lockKey;
        }

        @Override
        public void check() throws IOException {
            Object now = fileKey(lockFile);
            if (lockKey != null && !lockKey.equals(now)) {
                throw new IOException("the lock file " + lockFile + " was deleted or replaced while this writer held"
                        + " it, so another process may now write to the log; this writer writes nothing more —"
                        + " close it, check the log with verify-log and open it again");
            }
            Object log = boundKey(logFile);
            if (log != null && !log.equals(fileKey(logFile))) {
                throw new IOException("the decision log " + logFile + " was deleted or replaced by another file since"
                        + " this writer opened it; this writer writes nothing more — close it and check the log");
            }
        }

        @Override
        public synchronized void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                ch.close(); // releases the OS lock
            } finally {
                release(logFile);
            }
        }
    }

    @Override
    public LogFile openWrite(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            bind(file, key);
            int links = links(file);
            if (links > 1) {
                throw new IllegalStateException("the decision log " + file + " has " + links + " hard links; a"
                        + " second name would let a second writer in, so remove the other links first");
            }
            FileLock lock;
            try {
                // the log file itself, an extra besides FILE.lock: any channel on the log that this JVM closes (a
                // reader's) releases it, so nothing in this process relies on it; it stops another process whose
                // way in is not through FILE.lock while no reader in this JVM has closed a channel on the log
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("the decision log " + file + " is already open for writing by"
                        + " another process or instance (the file is locked); a log has exactly one writer");
            }
            return new Channel(ch, file, key);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static int links(Path file) throws IOException {
        try {
            return ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return 1; // no link count on this file system
        }
    }

    @Override
    public LogFile openRead(Path file) throws IOException {
        return new Channel(FileChannel.open(file, StandardOpenOption.READ), null, null);
    }

    @Override
    public LogFile create(Path file) throws IOException {
        // a leftover (or a planted symbolic link) is removed itself, never followed; then O_EXCL without following
        Files.deleteIfExists(file);
        return new Channel(FileChannel.open(file, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS,
                StandardOpenOption.READ, StandardOpenOption.WRITE), null, null);
    }

    @Override
    public boolean exists(Path file) {
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void moveAtomic(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public void forceDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    @Override
    public Path realPath(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            try {
                return abs.toRealPath();
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("log path " + file + " is a symbolic link to a missing file");
            }
        }
        return abs.getParent().toRealPath().resolve(abs.getFileName());
    }

    private static final class Channel implements LogFile {
        private final FileChannel ch;
        /** For the log's write channel: its path and file key, checked before every force; else null. */
        private final Path path;
        private final Object key;

        Channel(FileChannel ch, Path path, Object key) {
            this.ch = ch;
            this.path = path;
            this.key = key;
        }

        @Override
        public long size() throws IOException {
            return ch.size();
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return ch.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return ch.write(src, position);
        }

        @Override
        public void force() throws IOException {
            if (path != null && key != null) {
                Object now;
                try {
                    now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
                } catch (NoSuchFileException e) {
                    now = null;
                }
                if (!key.equals(now)) {
                    throw new IOException("the decision log " + path + " was deleted or replaced by another file"
                            + " since this writer opened it; nothing is acknowledged into a file that is no longer"
                            + " the log");
                }
            }
            ch.force(true);
        }

        @Override
        public void truncate(long size) throws IOException {
            ch.truncate(size);
        }

        @Override
        public boolean isOpen() {
            return ch.isOpen();
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
