package org.fairpath.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Problem;
import org.fairpath.core.Schema;
import org.fairpath.core.ValidationException;

/** Reads a profile file for a command, printing every validation problem when it is not valid. */
final class Profiles {

    private Profiles() {
    }

    /**
     * The profile in {@code file}, or empty after printing its problems to {@code err} (the command then exits 2).
     *
     * @throws Main.UsageException if the file does not exist
     */
    static Optional<JobseekerProfile> read(Schema schema, Path file, String command, PrintStream err)
            throws IOException, Main.UsageException {
        if (!Files.isRegularFile(file)) {
            throw new Main.UsageException("--profile " + file + " does not exist or is not a file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(JobseekerProfile.fromJson(schema, in));
        } catch (ValidationException e) {
            // one line, as every error of the command line; every problem on it
            StringBuilder line = new StringBuilder();
            for (Problem p : e.problems()) {
                line.append(line.length() == 0 ? "" : "; ").append(p.path()).append(": ").append(p.message());
            }
            int n = e.problems().size();
            err.println("fairpath " + command + ": " + Main.safe(file + " is not a valid profile (" + n + " problem"
                    + (n == 1 ? "" : "s") + "): " + line));
            return Optional.empty();
        }
    }
}
