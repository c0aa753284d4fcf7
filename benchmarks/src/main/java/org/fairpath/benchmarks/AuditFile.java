package org.fairpath.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.fairpath.core.synth.SyntheticCase;

/**
 * Writes a decisions CSV for end-to-end audit timings (the Spark audit against the single-JVM audit in
 * benchmarks/README.md): columns gender, age, citizenship, referred (yes/no), employed (1/0, empty for every tenth
 * case: unknown) and score (the case's true employment probability), cycling through the first 100,000 cases of the
 * seeded synthetic caseload. The file is generated where it is used and never committed.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.fairpath.benchmarks.AuditFile /tmp/audit10m.csv
 * 10000000}
 */
public final class AuditFile {

    private AuditFile() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: AuditFile FILE.csv ROWS");
        }
        write(Path.of(args[0]), Long.parseLong(args[1]));
    }

    /** Writes {@code rows} rows (and a header) to {@code file}. */
    public static void write(Path file, long rows) throws IOException {
        List<SyntheticCase> cases = CaseloadGenerator.create(CaseloadSettings.withDefaults()).generate(100_000);
        String[] line = new String[cases.size()];
        String[] unknown = new String[cases.size()];
        for (int i = 0; i < cases.size(); i++) {
            SyntheticCase c = cases.get(i);
            JobseekerProfile p = c.profile();
            String head = p.value("gender") + "," + ((Double) p.value("age")).intValue() + ","
                    + p.value("citizenship_group") + "," + (c.assignedArm() != 0 ? "yes" : "no") + ",";
            String score = "," + c.trueProbability(c.assignedArm()) + "\n";
            line[i] = head + (c.outcome() ? "1" : "0") + score;
            unknown[i] = head + score;
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("gender,age,citizenship,referred,employed,score\n");
            for (long r = 0; r < rows; r++) {
                int i = (int) (r % cases.size());
                w.write(r % 10 == 0 ? unknown[i] : line[i]);
            }
        }
    }
}
