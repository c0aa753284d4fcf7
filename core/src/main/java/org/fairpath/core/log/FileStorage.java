package org.fairpath.core.log;

import java.io.Closeable;
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

/** {@link Storage} on the real file system, through {@link FileChannel}. */
final class FileStorage implements Storage {

    static final FileStorage INSTANCE = new FileStorage();

    private FileStorage() {
    }

    @Override
    public Closeable lock(Path lockFile) throws IOException {
        FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            throw new IllegalStateException("the decision log is already open for writing by another process or"
                    + " instance (lock file " + lockFile + " is held); a log has exactly one writer — read it with"
                    + " DecisionLog.verify or DecisionLog.read, which need no lock");
        }
        return ch; // closing the channel releases the lock
    }

    @Override
    public LogFile openWrite(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            int links = links(file);
            if (links > 1) {
                throw new IllegalStateException("the decision log " + file + " has " + links + " hard links; a"
                        + " second name would let a second writer in, so remove the other links first");
            }
            FileLock lock;
            try {
                lock = ch.tryLock(); // the log file itself, besides FILE.lock: deleting FILE.lock lets no one in
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
