package org.fairpath.examples;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairpath.fairness.audit.Finding;
import org.fairpath.fairness.input.Display;
import org.fairpath.fairness.report.CountsFile;
import org.fairpath.fairness.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fairpath merge-counts}: merges audit counts files (written by {@code fairpath audit --counts-out} or the Spark
 * audit, e.g. one per region) and writes the audit of all their cases, exactly as if one file had held them. Small
 * groups are suppressed here, in the merged report, never in the counts files.
 */
@Command(name = "merge-counts", mixinStandardHelpOptions = true,
        description = "Merge audit counts files (e.g. one per region) and write the audit of all their cases:"
                + " report.html or report.json. Small groups are suppressed in this report only.")
final class MergeCountsCommand extends Main.FairpathCommand {

    @Parameters(arity = "1..*", paramLabel = "COUNTS.json",
            description = "counts files with the same columns and settings, each input counted once")
    List<Path> files;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "report.html (self-contained page) or report.json; not an existing file unless"
                    + " --overwrite is given, never one of the counts files")
    Path outFile;

    @Option(names = "--name", paramLabel = "TEXT", description = "what the merged data are called in the report"
            + " and its notes (default: the inputs' descriptions joined by ' + ')")
    String name;

    @Option(names = "--overwrite", description = "replace an existing --out file (never a counts file)")
    boolean overwrite;

    @Option(names = "--fail-on", paramLabel = "LEVEL", description = "exit with status 3 when a finding at this"
            + " level (or worse) exists: ${COMPLETION-CANDIDATES}; WARN also counts UNDEFINED (could not check)")
    AuditCommand.FailOn failOn;

    @Override
    public Integer call() throws Exception {
        String lower = outFile.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".html") && !lower.endsWith(".json")) {
            throw new Main.UsageException("--out " + outFile + " must end in .html or .json");
        }
        Path outDir = outFile.toAbsolutePath().getParent();
        if (outDir != null && !Files.isDirectory(outDir)) {
            throw new Main.UsageException("--out " + outFile + ": the directory " + outDir + (Files.exists(outDir)
                    ? " is not a directory" : " does not exist; create it first"));
        }
        if (name != null && name.isBlank()) {
            throw badOption("--name", name, "a name for the merged data, not blank");
        }
        Map<String, Path> inputs = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            Main.requireRegularFile("counts file", files.get(i));
            inputs.put("COUNTS.json #" + (i + 1), files.get(i));
        }
        OutputPaths.refuseClashes(inputs, OutputPaths.named("--out", outFile));
        OutputPaths.refuseExisting("--out", outFile, overwrite);
        CountsFile merged = null;
        String first = null;
        for (Path f : files) {
            String text;
            try {
                text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            } catch (OutOfMemoryError e) {
                throw new IllegalArgumentException(f + " is too large for a counts file");
            }
            CountsFile c = CountsFile.fromJson(text, f.toString());
            merged = merged == null ? c : merged.merge(c, first, f.toString());
            first = first == null ? f.toString() : first + " + " + f;
        }
        List<String> described = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        merged.inputs().forEach(s -> {
            described.add(s.description());
            sources.add(s.description() + " (" + String.format(Locale.ROOT, "%,d", s.rows()) + " cases, SHA-256 "
                    + (s.sha256() == null ? "none: not a file" : s.sha256()) + ")");
        });
        String where = name != null ? name : String.join(" + ", described);
        // the report names every input counted, with its SHA-256, whatever --name says
        String description = (name != null ? name + ": " : "") + "merged counts of " + String.join("; ", sources);
        CountsFile.Result result = merged.audit(where);
        Instant now = Instant.now();
        if (lower.endsWith(".html")) {
            OutputPaths.writeString(outFile, overwrite, HtmlReport.render(result.audit(), HtmlReport.Context.of(
                    "Fairness audit of " + where, description, null, now), result.notes()));
        } else {
            OutputPaths.writeString(outFile, overwrite, result.toJson(description, null, now));
        }
        out.printf(Locale.ROOT, "Merged %d counts file%s: %,d cases from %d input%s, by %s (intersections up to"
                + " %d).%n", files.size(), files.size() == 1 ? "" : "s", merged.counts().rows(),
                merged.inputs().size(), merged.inputs().size() == 1 ? "" : "s",
                Display.safe(String.join(", ", merged.counts().columns().groups())), merged.depth());
        for (String src : sources) {
            out.println("  INPUT " + Display.safe(src));
        }
        for (String n : result.notes()) {
            out.println("  NOTE  " + Display.safe(n));
        }
        Map<Finding.Level, Long> byLevel = new java.util.EnumMap<>(Finding.Level.class);
        for (Finding f : result.audit().findings()) {
            byLevel.merge(f.level(), 1L, Long::sum);
            if (f.level() == Finding.Level.FAIL || f.level() == Finding.Level.WARN) {
                out.println("  " + f.level() + "  " + Display.safe(f.sentence()));
            }
        }
        out.printf(Locale.ROOT, "Findings: %d FAIL, %d WARN, %d PASS, %d UNDEFINED (all of them in the report).%n",
                byLevel.getOrDefault(Finding.Level.FAIL, 0L), byLevel.getOrDefault(Finding.Level.WARN, 0L),
                byLevel.getOrDefault(Finding.Level.PASS, 0L), byLevel.getOrDefault(Finding.Level.UNDEFINED, 0L));
        int suppressed = result.audit().suppressedCount();
        out.printf(Locale.ROOT, "Suppressed in this report: %d group%s with fewer than %d cases.%n", suppressed,
                suppressed == 1 ? "" : "s", result.audit().settings().effectiveMinGroupSize());
        out.println("Wrote " + Main.safe(outFile.toAbsolutePath()));
        if (failOn != null) {
            java.util.Set<Finding.Level> counted = failOn == AuditCommand.FailOn.FAIL
                    ? java.util.EnumSet.of(Finding.Level.FAIL)
                    : java.util.EnumSet.of(Finding.Level.FAIL, Finding.Level.WARN, Finding.Level.UNDEFINED);
            if (result.audit().findings().stream().anyMatch(f -> counted.contains(f.level()))) {
                return Main.FINDINGS;
            }
        }
        return 0;
    }
}
