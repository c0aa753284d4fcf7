package org.fairpath.core.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.fairpath.core.model.ModelBundle;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampered and damaged bundles: 300 seeded corruptions (flipped, truncated, appended or emptied bytes, deleted or
 * added files) of a saved bundle, manifest included. Every one is refused with an IllegalArgumentException that names
 * a bundle file; none loads and nothing else escapes.
 */
final class BundleTamperTest {

    static final int TRIALS = 300;

    @TempDir
    Path dir;

    @Test
    void everyCorruption_isRefusedNamingAFile() throws IOException {
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults());
        OutcomeModels m = OutcomeModels.train(gen.catalogue(), gen.stream(3000)
                .map(c -> new TrainingCase(c.profile(), c.assignedService(), c.outcome())).toList(),
                TrainingSettings.withDefaults().withBags(1));
        Path original = dir.resolve("original");
        m.save(original);
        List<Path> files;
        try (Stream<Path> s = Files.walk(original)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        SplittableRandom r = new SplittableRandom(9);
        for (int t = 0; t < TRIALS; t++) {
            Path copy = dir.resolve("t" + t);
            copyTree(original, copy);
            Path victim = copy.resolve(original.relativize(files.get(r.nextInt(files.size()))));
            byte[] b = Files.readAllBytes(victim);
            switch (r.nextInt(5)) {
                case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
                case 2 -> b = java.util.Arrays.copyOf(b, b.length + 1 + r.nextInt(10));
                case 3 -> b = new byte[0];
                default -> {
                    if (r.nextBoolean()) {
                        Files.delete(victim);
                        b = null;
                    } else {
                        Files.writeString(copy.resolve("tribuo/extra-" + t + ".pb"), "x");
                    }
                }
            }
            if (b != null) {
                Files.write(victim, b);
            }
            try {
                ModelBundle.load(copy);
                fail("trial " + t + ": a corrupted bundle loaded (" + victim + ")");
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().contains("manifest.json") || e.getMessage().contains("bundle file"),
                        e.getMessage());
            } catch (Throwable e) {
                fail("trial " + t + ": " + victim + " escaped as " + e, e);
            }
            deleteTree(copy);
        }
        // edits to the manifest's own fields (not covered by the file hashes) are caught by its self-hash
        for (String field : List.of("created", "fairpathVersion")) {
            Path copy = dir.resolve("m-" + field);
            copyTree(original, copy);
            Path manifest = copy.resolve("manifest.json");
            Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"" + field + "\" : \"",
                    "\"" + field + "\" : \"9"));
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> ModelBundle.load(copy));
            assertTrue(e.getMessage().startsWith("bundle file manifest.json does not match its own"), e.getMessage());
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p));
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
