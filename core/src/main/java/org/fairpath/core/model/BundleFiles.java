package org.fairpath.core.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * Reading a bundle's files as an attacker may have left them: names are checked before they become paths, paths are
 * resolved to real paths and must stay inside the bundle (a link leading out is refused), sizes are checked before a
 * byte is read (and reading stops at the cap even if the file grows meanwhile), JSON is parsed strictly (duplicate keys
 * and trailing content are errors) and every JSON file's {@code schemaVersion} must be one this fairpath reads.
 */
final class BundleFiles {

    /** Largest manifest or signature file read. */
    static final long MAX_MANIFEST_BYTES = 1L << 20;
    /** Largest single bundle file read (a Tribuo model or a JSON file). */
    static final long MAX_FILE_BYTES = 128L << 20;
    /** Largest total of all listed files read. */
    static final long MAX_TOTAL_BYTES = 512L << 20;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}(/[A-Za-z0-9_][A-Za-z0-9_.-]"
            + "{0,99}){0,3}");

    /** Strict reader: duplicate keys and trailing content are errors. */
    static final ObjectMapper STRICT = strict();

    private BundleFiles() {
    }

    private static ObjectMapper strict() {
        JsonFactory f = JsonFactory.builder().build();
        f.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return new ObjectMapper(f).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The bundle directory's real path, telling "does not exist" and "not a directory" apart from a missing file. */
    static Path root(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            throw new IllegalArgumentException("bundle directory " + directory + " does not exist");
        }
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("bundle " + directory + " is not a directory; a model bundle is the"
                    + " directory written by ModelBundle.save");
        }
        return directory.toRealPath();
    }

    /** Refuses a listed name that could leave the bundle or is not one a bundle writes. */
    static void checkName(String name) {
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("manifest.json lists '" + name + "': such a name is not allowed (only"
                    + " relative names of letters, digits, '_', '-' and '.', at most 4 levels, no '..')");
        }
    }

    /**
     * The real path of bundle file {@code name}, which must exist as a regular file inside {@code root} after every
     * link is followed.
     */
    static Path resolve(Path root, String name) throws IOException {
        checkName(name);
        Path p = root.resolve(name);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("bundle file " + name + " listed in manifest.json is missing");
        }
        Path real;
        try {
            real = p.toRealPath();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("bundle file " + name + " listed in manifest.json is missing (or a link"
                    + " to nothing)");
        }
        if (!real.startsWith(root)) {
            throw new IllegalArgumentException("bundle file " + name + " leads outside the bundle (to " + real
                    + "); links out of a bundle are refused");
        }
        if (!Files.isRegularFile(real)) {
            throw new IllegalArgumentException("bundle file " + name + " is not a regular file");
        }
        return real;
    }

    /**
     * Reads at most {@code cap} bytes of {@code file}; refuses (naming {@code name}, the size and the limit) a larger
     * file before reading any of it.
     */
    static byte[] read(Path file, String name, long cap) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > cap) {
                throw tooLarge(name, size, cap);
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // keep reading: a regular file delivers what size() announced unless it shrinks
            }
            if (buf.hasRemaining() || ch.size() != size) {
                throw new IllegalArgumentException("bundle file " + name + " changed size while it was read");
            }
            return buf.array();
        }
    }

    static IllegalArgumentException tooLarge(String name, long size, long cap) {
        return new IllegalArgumentException("bundle file " + name + " is " + size + " bytes; the limit is " + cap
                + " bytes, so it was not read");
    }

    /** Parses {@code bytes} strictly as one JSON object. */
    static JsonNode json(byte[] bytes, String name) {
        JsonNode node;
        try {
            node = STRICT.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bundle file " + name + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("bundle file " + name + " cannot be parsed: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("bundle file " + name + " is not a JSON object");
        }
        return node;
    }

    /** Refuses a JSON file whose {@code schemaVersion} is absent or not {@code supported}. */
    static void requireVersion(JsonNode root, String name, int supported) {
        JsonNode v = root.get("schemaVersion");
        if (v == null || !v.isInt() || v.asInt() != supported) {
            throw new IllegalArgumentException("bundle file " + name + " has schemaVersion " + (v == null ? "(none)"
                    : v.toString()) + "; supported: " + supported);
        }
    }
}
