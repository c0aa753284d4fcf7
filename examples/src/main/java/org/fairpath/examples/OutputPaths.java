package org.fairpath.examples;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses an output file that is one of a command's inputs or another of its outputs, however it is spelled (links,
 * case on case-insensitive file systems, "..", ...), so that no report ever overwrites the data it was made from.
 */
final class OutputPaths {

    private OutputPaths() {
    }

    /** Whether {@code out} names the same file as {@code in} (which exists), comparing real paths. */
    static boolean sameFile(Path in, Path out) throws IOException {
        if (!Files.exists(in)) {
            return false; // a missing input is reported by the command itself, not as an I/O error here
        }
        if (Files.exists(out)) {
            return Files.isSameFile(in, out);
        }
        return resolved(out).equals(in.toRealPath());
    }

    /**
     * {@code out} as a real path as far as it exists: links followed (also a link to a file not yet written), the
     * parent directory resolved, the name kept.
     */
    private static Path resolved(Path out) throws IOException {
        for (int i = 0; i < 40 && Files.isSymbolicLink(out); i++) {
            Path target = Files.readSymbolicLink(out);
            Path parent = out.toAbsolutePath().getParent();
            out = parent == null ? target : parent.resolve(target);
        }
        Path parent = out.toAbsolutePath().getParent();
        Path dir = parent != null && Files.isDirectory(parent) ? parent.toRealPath() : parent;
        return (dir == null ? out.toAbsolutePath() : dir.resolve(out.getFileName().toString())).normalize();
    }

    /**
     * Refuses (a usage error naming both options) any output equal to any input, inside an input that is a directory
     * (a bundle), or equal to another output.
     *
     * @param inputs  option name to path, e.g. {@code --log} to the log; null paths are skipped
     * @param outputs option name to path; null paths are skipped
     */
    static void refuseClashes(Map<String, Path> inputs, Map<String, Path> outputs) throws IOException,
            Main.UsageException {
        List<Map.Entry<String, Path>> outs = new ArrayList<>();
        outputs.forEach((k, v) -> {
            if (v != null) {
                outs.add(Map.entry(k, v));
            }
        });
        for (int i = 0; i < outs.size(); i++) {
            Map.Entry<String, Path> o = outs.get(i);
            for (Map.Entry<String, Path> in : inputs.entrySet()) {
                if (in.getValue() != null && Files.isDirectory(in.getValue())
                        && resolved(o.getValue()).startsWith(in.getValue().toRealPath())) {
                    throw new Main.UsageException(o.getKey() + " " + o.getValue() + " lies inside the " + in.getKey()
                            + " directory " + in.getValue() + "; writing there would change that input (a bundle's"
                            + " files are listed and hashed in its manifest): choose a file outside it");
                }
                if (in.getValue() != null && sameFile(in.getValue(), o.getValue())) {
                    throw new Main.UsageException(o.getKey() + " " + o.getValue() + " is the " + in.getKey()
                            + " file " + in.getValue() + "; writing it would destroy that input: choose another"
                            + " file");
                }
            }
            for (int j = 0; j < i; j++) {
                Map.Entry<String, Path> p = outs.get(j);
                if (resolved(o.getValue()).equals(resolved(p.getValue())) || Files.exists(p.getValue())
                        && sameFile(p.getValue(), o.getValue())) {
                    throw new Main.UsageException(o.getKey() + " " + o.getValue() + " is the same file as "
                            + p.getKey() + " " + p.getValue() + "; one output would overwrite the other: choose"
                            + " another file");
                }
            }
        }
    }

    /**
     * Refuses (a usage error naming {@code option}) an output file that already exists, unless the caller passed
     * {@code --overwrite}; a directory or other non-regular file is refused even then. A link counts as existing,
     * also when its target does not.
     */
    static void refuseExisting(String option, Path out, boolean overwrite) throws Main.UsageException {
        if (Files.isDirectory(out)) {
            throw new Main.UsageException(option + " " + out + " is a directory; allowed: the name of a file to write");
        }
        if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!overwrite) {
            throw new Main.UsageException(option + " " + out + " already exists; it is replaced only with"
                    + " --overwrite (choose another file, or pass --overwrite)");
        }
        if (Files.exists(out) && !Files.isRegularFile(out)) {
            throw new Main.UsageException(option + " " + out + " is not a regular file; allowed: the name of a file"
                    + " to write");
        }
    }

    /** Writes the content of an output file to the (new, empty) temporary file it is given. */
    interface Content {
        void writeTo(Path temporary) throws IOException;
    }

    /**
     * Writes {@code out} failure-atomically: {@code content} goes to a new temporary file in the same directory,
     * which is forced to disk and then moved onto {@code out}; on any failure the temporary file is deleted and
     * {@code out} is as before (absent, or the old file). Without {@code overwrite} an {@code out} that appeared
     * meanwhile is not replaced.
     */
    static void writeAtomically(Path out, boolean overwrite, Content content) throws IOException {
        Path abs = out.toAbsolutePath();
        Path dir = abs.getParent();
        // created new (never following a planted link), with the permissions the umask gives any new file
        Path tmp = Files.createFile(dir.resolve("." + abs.getFileName() + "."
                + Long.toUnsignedString(new java.security.SecureRandom().nextLong(), 36) + ".tmp"));
        boolean moved = false;
        try {
            content.writeTo(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            if (overwrite) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(tmp, abs);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Writes {@code text} (UTF-8) to {@code out} with {@link #writeAtomically}. */
    static void writeString(Path out, boolean overwrite, String text) throws IOException {
        writeAtomically(out, overwrite, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /** An ordered map of option names to paths (nulls allowed, unlike {@link Map#of}). */
    static Map<String, Path> named(Object... nameThenPath) {
        Map<String, Path> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenPath.length; i += 2) {
            m.put((String) nameThenPath[i], (Path) nameThenPath[i + 1]);
        }
        return m;
    }
}
