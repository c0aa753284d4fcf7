package org.fairpath.examples;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fairpath.core.Sha256;
import org.fairpath.core.review.DecisionTable;
import org.fairpath.fairness.audit.Audit;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.audit.AuditPolicy;
import org.fairpath.fairness.report.AuditReport;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.audit.Finding;
import org.fairpath.fairness.report.HtmlReport;

/**
 * {@code fairpath audit}: audits decisions from any system (CSV or JSON Lines) or a fairpath decision log, by
 * protected attributes and their intersections, and writes the HTML or JSON report.
 */
final class AuditCommand implements Main.Command {

    private static final Set<String> OPTIONS = Set.of("input", "protected", "label", "prediction", "score",
            "favourable", "min-group", "intersections", "bands", "out");

    @Override
    public String summary() {
        return "audit decisions (CSV, JSON Lines or a decision log) by group; write report.html or report.json";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Options o = Options.parse(args, OPTIONS);
        if (o.help()) {
            out.println("usage: fairpath audit --input FILE --protected A,B[,C] [--label COL] [--prediction COL]");
            out.println("                      [--score COL] [--favourable VALUE] [--min-group N]");
            out.println("                      [--intersections DEPTH] [--bands ATTR:CUT,CUT[;ATTR:CUT...]]");
            out.println("                      --out report.html|report.json");
            out.println("  --input FILE          .csv (header row), .jsonl (one object per line), or a fairpath"
                    + " decision log");
            out.println("  --protected A,B       group attributes (columns; for a decision log, its audit fields)");
            out.println("  --prediction COL      the decision column (required for CSV/JSON Lines; a decision log's"
                    + " decision is 'referred to a service')");
            out.println("  --label COL           the true-outcome column (optional; empty cells are unknown)");
            out.println("  --favourable VALUE    the favourable value of --prediction and --label (default 1)");
            out.println("  --score COL           a score column (probabilities), kept for score audits");
            out.println("  --min-group N         suppress groups with fewer cases (default 10)");
            out.println("  --intersections D     audit intersections of up to D attributes (default: up to 2)");
            out.println("  --bands age:30,50     turn a numeric attribute into bands (<30, 30-50, 50+)");
            out.println("  --out FILE            report.html (self-contained page) or report.json (schemaVersion 2)");
            return 0;
        }
        Path input = Path.of(o.required("input"));
        if (!Files.isRegularFile(input)) {
            throw new Main.UsageException("--input " + input + " does not exist or is not a file");
        }
        List<String> groups = o.list("protected");
        if (groups.isEmpty()) {
            throw new Main.UsageException("--protected needs at least one attribute, e.g. --protected gender,age");
        }
        Path outFile = Path.of(o.required("out"));
        String name = outFile.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".html") && !name.endsWith(".json")) {
            throw new Main.UsageException("--out " + outFile + " must end in .html or .json");
        }
        int minGroup = (int) o.longValue("min-group", 10, 1, 1_000_000);
        int depth = (int) o.longValue("intersections", Math.min(2, groups.size()), 1, groups.size());
        String favourable = o.string("favourable", "1");

        AuditData data;
        if (isDecisionLog(input)) {
            if (o.string("prediction", null) != null || o.string("label", null) != null) {
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
            String prediction = o.required("prediction");
            String label = o.string("label", null);
            String score = o.string("score", null);
            data = name(input).endsWith(".jsonl") || name(input).endsWith(".json")
                    ? AuditData.fromJsonLines(input, groups, prediction, favourable, label, favourable, score)
                    : AuditData.fromCsv(input, groups, prediction, favourable, label, favourable, score);
        }
        for (Map.Entry<String, double[]> b : bands(o.string("bands", null), groups).entrySet()) {
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
