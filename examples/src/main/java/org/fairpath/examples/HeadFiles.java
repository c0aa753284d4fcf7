package org.fairpath.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Says precisely why a file is not a signed head file (four lines: {@code fairpath-signed-head-v1}, SEQ:HASH, time,
 * signature, each ended by one line feed), so that an extra empty line, CR LF line ends or a byte order mark added
 * by an editor are named instead of leaving "not a signed head file" to guess from.
 */
final class HeadFiles {

    static final String FIRST_LINE = "fairpath-signed-head-v1";

    /** Far more than a signed head file holds (about 220 bytes). */
    private static final int MAX_READ = 4096;

    private HeadFiles() {
    }

    /** {@code " (" + reason + ")"} when the layout of {@code file} is wrong, otherwise "". */
    static String why(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_READ + 1);
        } catch (IOException e) {
            return "";
        }
        String reason = reason(bytes);
        return reason.isEmpty() ? "" : " (" + reason + ")";
    }

    static String reason(byte[] bytes) {
        if (bytes.length == 0) {
            return "the file is empty";
        }
        if (bytes.length > MAX_READ) {
            return "the file is longer than " + MAX_READ + " bytes; a signed head file is about 220";
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            return "it starts with a byte order mark (U+FEFF), which the signed head file format does not have";
        }
        if (text.indexOf('\r') >= 0) {
            return "its lines end in CR LF (or hold a CR); a signed head file has LF line ends only";
        }
        if (!text.endsWith("\n")) {
            return "its last line has no line feed at the end; each of the 4 lines ends with one";
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (!lines[0].equals(FIRST_LINE)) {
            return "line 1 is '" + Main.safe(lines[0].length() > 40 ? lines[0].substring(0, 40) + "..." : lines[0])
                    + "'; it must be " + FIRST_LINE;
        }
        if (lines.length < 4) {
            return "it has " + lines.length + " line(s); a signed head file has 4: " + FIRST_LINE + ", SEQ:HASH,"
                    + " time, signature";
        }
        if (lines.length > 4) {
            int extra = lines.length - 4;
            boolean allEmpty = true;
            for (int i = 4; i < lines.length; i++) {
                allEmpty &= lines[i].isBlank();
            }
            return allEmpty ? "it has " + extra + " empty line(s) after the signature line; the file ends with"
                    + " exactly one line feed after the signature (remove the empty line)"
                    : "it has " + extra + " line(s) after the signature line; a signed head file has exactly 4 lines";
        }
        return "";
    }
}
