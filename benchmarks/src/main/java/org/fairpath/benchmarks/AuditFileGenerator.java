package org.fairpath.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes the seeded audit CSV that the end-to-end measurements in benchmarks/README.md read (it is generated, never
 * committed): a case id, 3 group attributes (gender F/M, 4 age bands, 3 citizenship groups: 24
 * intersection groups), a decision (referred / not_referred), an outcome (employed / unemployed, 10% empty = unknown)
 * and a score with 4 decimals, the probability that drew the decision and the outcome.
 *
 * <p>With {@code coded}, the same rows are written with numeric codes instead of texts (gender 0/1, age band 1-4,
 * citizenship 1-3, decision 1 = referred / 0, outcome 1 = employed / 0 / empty, the same score): the file on which
 * pandas' {@code read_csv} is at its fastest (every column numeric), for a fair comparison.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.fairpath.benchmarks.AuditFileGenerator FILE ROWS
 * [SEED] [coded]}; 10,000,000 rows take about 500 MB (coded: about 250 MB).
 */
public final class AuditFileGenerator {

    private static final String[] GENDER = {"F", "M"};
    private static final String[] AGE = {"<25", "25-39", "40-54", "55+"};
    private static final String[] CITIZENSHIP = {"national", "EU", "non-EU"};

    private AuditFileGenerator() {
    }

    public static void main(String[] args) throws IOException {
        boolean coded = args.length == 4 && args[3].equals("coded");
        if (args.length < 2 || args.length > 4 || args.length == 4 && !coded) {
            System.err.println("usage: AuditFileGenerator FILE ROWS [SEED [coded]]");
            System.exit(2);
        }
        write(Path.of(args[0]), Long.parseLong(args[1]), args.length >= 3 ? Long.parseLong(args[2]) : 18, coded);
    }

    /** Writes {@code rows} rows drawn from {@code seed}; the same arguments give the same bytes. */
    public static void write(Path file, long rows, long seed) throws IOException {
        write(file, rows, seed, false);
    }

    /**
     * Writes {@code rows} rows drawn from {@code seed}, with numeric codes instead of texts when {@code coded} (the
     * same rows: the same seed gives the same cases in both spellings).
     */
    public static void write(Path file, long rows, long seed, boolean coded) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write("case_id,gender,age_band,citizenship,decision,outcome,score\n".getBytes(StandardCharsets.US_ASCII));
            StringBuilder s = new StringBuilder(128);
            for (long i = 0; i < rows; i++) {
                s.setLength(0);
                int age = r.nextInt(4);
                int cit = r.nextInt(3);
                int gender = r.nextInt(100);
                // a probability that depends a little on the groups, to 4 decimals
                double p = Math.min(1, Math.max(0, 0.15 + 0.5 * r.nextDouble() + 0.05 * cit - 0.04 * age
                        + (gender < 50 ? -0.03 : 0)));
                long p4 = Math.round(p * 10_000);
                double pr = p4 / 10_000.0;
                boolean referred = r.nextDouble() < pr;
                boolean known = r.nextInt(10) != 0;
                boolean employed = known && r.nextDouble() < pr;
                if (coded) {
                    s.append(i).append(',').append(gender & 1).append(',').append(age + 1).append(',')
                            .append(cit + 1).append(',').append(referred ? 1 : 0).append(',')
                            .append(known ? employed ? "1" : "0" : "");
                } else {
                    s.append('c').append(i).append(',').append(GENDER[gender & 1]).append(',')
                            .append(AGE[age]).append(',').append(CITIZENSHIP[cit]).append(',')
                            .append(referred ? "referred" : "not_referred").append(',')
                            .append(known ? employed ? "employed" : "unemployed" : "");
                }
                s.append(',').append(p4 / 10_000).append('.');
                String frac = Long.toString(p4 % 10_000);
                for (int z = frac.length(); z < 4; z++) {
                    s.append('0');
                }
                s.append(frac).append('\n');
                for (int c = 0; c < s.length(); c++) {
                    out.write(s.charAt(c));
                }
            }
        }
    }
}
