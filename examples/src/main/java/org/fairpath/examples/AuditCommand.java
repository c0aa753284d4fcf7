package org.fairpath.examples;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairpath.core.Sha256;
import org.fairpath.core.review.DecisionTable;
import org.fairpath.fairness.Audit;
import org.fairpath.fairness.AuditCounts;
import org.fairpath.fairness.AuditData;
import org.fairpath.fairness.AuditPolicy;
import org.fairpath.fairness.AuditReport;
import org.fairpath.fairness.AuditSettings;
import org.fairpath.fairness.Finding;
import org.fairpath.fairness.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fairpath audit}: audits decisions from any system (CSV or JSON Lines) or a fairpath decision log, by
 * protected attributes and their intersections, and writes the HTML or JSON report.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Audit decisions (CSV, JSON Lines or a fairpath decision log) by group; write report.html or"
                + " report.json.")
final class AuditCommand extends Main.FairpathCommand {

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = ".csv (header row), .jsonl (one object per line), or a fairpath decision log")
    Path input;

    @Option(names = "--protected", required = true, split = ",", paramLabel = "A,B",
            description = "group attributes (columns; for a decision log, its audit fields)")
    List<String> groups;

    @Option(names = "--prediction", paramLabel = "COL", description = "the decision column (required for CSV/JSON"
            + " Lines; a decision log's decision is 'referred to a service')")
    String prediction;

    @Option(names = "--label", paramLabel = "COL",
            description = "the true-outcome column (optional; empty cells are unknown)")
    String label;

    @Option(names = "--favourable", paramLabel = "VALUE", defaultValue = "1",
            description = "the favourable value of --prediction and --label (default: ${DEFAULT-VALUE})")
    String favourable;

    @Option(names = "--score", paramLabel = "COL", description = "a score column (probabilities)")
    String score;

    @Option(names = "--min-group", paramLabel = "N", defaultValue = "10",
            description = "suppress groups with fewer cases, 1 to 1000000 (default: ${DEFAULT-VALUE})")
    long minGroup;

    @Option(names = "--intersections", paramLabel = "D",
            description = "audit intersections of up to D attributes (default: up to 2)")
    Long depth;

    @Option(names = "--bands", paramLabel = "ATTR:CUT,CUT[;ATTR:CUT...]",
            description = "turn a numeric attribute into bands, e.g. age:30,50 (<30, 30-50, 50+)")
    String bands;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "report.html (self-contained page) or report.json (schemaVersion 1)")
    Path outFile;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            throw new Main.UsageException("--input " + input + " does not exist or is not a file");
        }
        groups = groups.stream().map(String::trim).filter(g -> !g.isEmpty()).toList();
        if (groups.isEmpty()) {
            throw new Main.UsageException("--protected needs at least one attribute, e.g. --protected gender,age");
        }
        String name = outFile.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".html") && !name.endsWith(".json")) {
            throw new Main.UsageException("--out " + outFile + " must end in .html or .json");
        }
        int minGroup = (int) inRange("--min-group", this.minGroup, 1, 1_000_000);
        int depth = (int) inRange("--intersections", this.depth == null ? Math.min(2, groups.size()) : this.depth,
                1, groups.size());

        AuditData data;
        if (isDecisionLog(input)) {
            if (prediction != null || label != null) {
                throw new Main.UsageException("--prediction and --label do not apply to a decision log: its decision"
                        + " is 'referred to a service' and it holds no outcomes");
            }
            DecisionTable t = DecisionTable.read(input);
            Map<String, String[]> g = new LinkedHashMap<>();
            for (String a : groups) {
                if (!t.columns().contains("audit." + a)) {
                    throw new Main.UsageException("the decision log has no audit field '" + a + "'; it has "
                            + t.columns().stream().filter(c -> c.startsWith("audit.")).map(c -> c.substring(6))
                            .toList());
                }
                g.put(a, t.column("audit." + a));
            }
            data = AuditData.fromDecisionTable(t, g);
        } else {
            if (prediction == null) {
                throw new Main.UsageException("--prediction is required for a CSV or JSON Lines file: the column"
                        + " holding the decision");
            }
            data = name(input).endsWith(".jsonl") || name(input).endsWith(".json")
                    ? AuditData.fromJsonLines(input, groups, prediction, favourable, label, favourable, score)
                    : AuditData.fromCsv(input, groups, prediction, favourable, label, favourable, score);
        }
        for (Map.Entry<String, double[]> b : bands(bands, groups).entrySet()) {
            data = data.withBands(b.getKey(), b.getValue());
        }
        AuditSettings settings = AuditSettings.withDefaults().withMinGroupSize(minGroup);
        Audit audit = Audit.run(AuditCounts.of(data, depth), settings, AuditPolicy.withDefaults());
        String sha = Sha256.hex(input);
        if (name.endsWith(".html")) {
            Files.writeString(outFile, HtmlReport.render(audit, HtmlReport.Context.of("Fairness audit of "
                    + input.getFileName(), input.toString(), sha, Instant.now())), StandardCharsets.UTF_8);
        } else {
            Files.writeString(outFile, AuditReport.toJson(audit, input.toString(), sha, Instant.now()),
                    StandardCharsets.UTF_8);
        }
        out.printf(Locale.ROOT, "Audited %,d cases by %s (intersections up to %d).%n", data.rows(),
                String.join(", ", groups), depth);
        for (Finding f : audit.findings()) {
            if (f.level() != Finding.Level.UNDEFINED) {
                out.println("  " + f.level() + "  " + f.sentence());
            }
        }
        out.println("Wrote " + outFile.toAbsolutePath());
        return 0;
    }

    private static String name(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    /** A fairpath decision log starts with a record {@code {"seq":...}} that ends with its hash. */
    private static boolean isDecisionLog(Path input) throws java.io.IOException {
        try (BufferedReader r = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            return first != null && first.startsWith("{\"seq\":") && first.matches(".*,\"hash\":\"[0-9a-f]{64}\"}$");
        }
    }

    static Map<String, double[]> bands(String spec, List<String> groups) throws Main.UsageException {
        Map<String, double[]> m = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return m;
        }
        for (String part : spec.split(";")) {
            String[] kv = part.split(":", 2);
            if (kv.length != 2 || !groups.contains(kv[0].trim())) {
                throw new Main.UsageException("--bands '" + part + "' must be ATTR:CUT,CUT with ATTR one of "
                        + groups);
            }
            List<Double> cuts = new ArrayList<>();
            for (String c : kv[1].split(",")) {
                try {
                    cuts.add(Double.parseDouble(c.trim()));
                } catch (NumberFormatException e) {
                    throw new Main.UsageException("--bands cut '" + c + "' is not a number");
                }
            }
            m.put(kv[0].trim(), cuts.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return m;
    }
}
