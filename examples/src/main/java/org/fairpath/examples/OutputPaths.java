package org.fairpath.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        if (Files.exists(out)) {
            return Files.isSameFile(in, out);
        }
        if (!Files.exists(in)) {
            return false;
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
     * Refuses (a usage error naming both options) any output equal to any input or to another output.
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

    /** An ordered map of option names to paths (nulls allowed, unlike {@link Map#of}). */
    static Map<String, Path> named(Object... nameThenPath) {
        Map<String, Path> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenPath.length; i += 2) {
            m.put((String) nameThenPath[i], (Path) nameThenPath[i + 1]);
        }
        return m;
    }
}
