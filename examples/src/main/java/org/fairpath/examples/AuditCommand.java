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
import org.fairpath.fairness.audit.Audit;
import org.fairpath.fairness.input.AuditReader;
import org.fairpath.fairness.input.CountedAudit;
import org.fairpath.fairness.audit.AuditPolicy;
import org.fairpath.fairness.report.AuditReport;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.audit.Finding;
import org.fairpath.fairness.report.HtmlReport;
import org.fairpath.fairness.audit.DecisionLogAudit;
import org.fairpath.fairness.input.AuditColumns;
import org.fairpath.fairness.input.Bands;
import org.fairpath.fairness.input.Display;
import org.fairpath.fairness.metrics.ScoreFrame;
import java.util.Set;
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

    @Option(names = {"--decision", "--prediction"}, paramLabel = "COL", description = "the decision column"
            + " (required for CSV/JSON Lines; a decision log's decision is 'referred to a service')")
    String decision;

    @Option(names = "--favourable-decision", split = ",", paramLabel = "V[,V]",
            description = "the favourable value(s) of the decision column; each must occur")
    List<String> favourableDecision;

    @Option(names = "--unfavourable-decision", split = ",", paramLabel = "V[,V]",
            description = "the unfavourable decision value(s); needed when the column holds more than one value"
                    + " besides the favourable ones; every value seen must then be named")
    List<String> unfavourableDecision = List.of();

    @Option(names = {"--outcome", "--label"}, paramLabel = "COL",
            description = "the true-outcome column (optional; empty cells are unknown)")
    String outcome;

    @Option(names = "--favourable-outcome", split = ",", paramLabel = "V[,V]",
            description = "the favourable value(s) of the outcome column; each must occur")
    List<String> favourableOutcome;

    @Option(names = "--unknown-outcome", split = ",", paramLabel = "V[,V]",
            description = "outcome values meaning 'not known yet' (NA, pending, ...), besides empty cells")
    List<String> unknownOutcome = List.of();

    @Option(names = "--unfavourable-outcome", split = ",", paramLabel = "V[,V]",
            description = "the unfavourable outcome value(s); needed when the column holds more than one value"
                    + " besides the favourable and unknown ones")
    List<String> unfavourableOutcome = List.of();

    @Option(names = "--score", paramLabel = "COL",
            description = "a score column (probabilities): adds ROC AUC, Brier score and calibration by group to the"
                    + " console and to a JSON report (not yet to the HTML page)")
    String score;

    @Option(names = "--normalise-labels", description = "merge group labels that differ only in spacing, case,"
            + " width, invisible characters or number spelling (otherwise they are kept apart and reported)")
    boolean normaliseLabels;

    @Option(names = "--strict", description = "refuse group labels that differ only in spelling")
    boolean strict;

    @Option(names = "--min-group", paramLabel = "N", defaultValue = "10",
            description = "suppress groups with fewer cases, 1 to 1000000 (default: ${DEFAULT-VALUE})")
    long minGroup;

    @Option(names = "--max-distinct", paramLabel = "N", defaultValue = "10000",
            description = "refuse a CSV or JSON Lines file whose group, decision or outcome column holds more than N"
                    + " distinct values, 2 to 1000000 (default: ${DEFAULT-VALUE}); memory grows with them")
    long maxDistinct;

    @Option(names = "--intersections", paramLabel = "D",
            description = "audit intersections of up to D attributes (default: up to 2)")
    Long depth;

    @Option(names = "--bands", paramLabel = "ATTR:CUT,CUT", description = "turn a numeric attribute into bands,"
            + " e.g. age:30,50 (<30, 30-50, 50+); repeat for more attributes")
    List<String> bands = List.of();

    @Option(names = "--compat", paramLabel = "TOOL", description = "follow another tool's conventions:"
            + " ${COMPLETION-CANDIDATES} (default: fairpath's own)")
    Compat compat;

    @Option(names = "--reference", paramLabel = "ATTR=LEVEL", description = "the reference group of an attribute"
            + " (default: its largest group); repeat for more attributes")
    List<String> references = List.of();

    @Option(names = "--threshold", paramLabel = "METRIC=V", description = "a policy threshold; METRIC one of"
            + " selection-ratio (default 0.8), opportunity-gap, odds-gap, override-gap, service-share-gap (0.1)")
    List<String> thresholds = List.of();

    @Option(names = "--confidence", paramLabel = "C", defaultValue = "0.95",
            description = "confidence level of every interval, 0.00001 to 0.99999 (default: ${DEFAULT-VALUE})")
    double confidence;

    @Option(names = "--fail-on", paramLabel = "LEVEL", description = "exit with status 3 when a finding at this"
            + " level (or worse) exists: ${COMPLETION-CANDIDATES}; WARN also counts UNDEFINED (could not check)")
    FailOn failOn;

    @Option(names = "--out", paramLabel = "FILE",
            description = "report.html (self-contained page) or report.json (schemaVersion 2); not an existing"
                    + " file unless --overwrite is given, never the input; needed unless --counts-out is given alone")
    Path outFile;

    @Option(names = "--overwrite", description = "replace an existing --out file (never the input)")
    boolean overwrite;

    @Option(names = "--lang", paramLabel = "LANG", description = "the language of the HTML report:"
            + " ${COMPLETION-CANDIDATES} (default en); the JSON report is the same in every language, and the"
            + " console output stays English")
    Lang lang;

    /** The HTML report's languages. */
    enum Lang { en, fr, de, nl, fi }

    @Option(names = "--counts-out", paramLabel = "FILE.json", description = "write the audit counts (no rows;"
            + " every group, small ones too) with the columns and settings, for fairpath merge-counts; CSV, JSON"
            + " Lines (and Parquet with --spark) only; not an existing file unless --overwrite is given. Alone"
            + " (without --out) it writes only the counts, and the value rules (e.g. every favourable value must"
            + " occur) are applied to the merged counts, so a region that referred nobody can still be counted")
    Path countsOut;

    @Option(names = "--spark", description = "count with Apache Spark, in partitions merged (run fairpath with"
            + " spark-submit; without a master from it, local[*]); --input may then also be Parquet (.parquet, a file"
            + " or directory). The report is the same as without --spark")
    boolean spark;

    /** Conventions of another tool. */
    enum Compat { fairlearn, aif360 }

    /** The finding level that makes the command exit with status 3. */
    enum FailOn { FAIL, WARN }

    @Override
    public Integer call() throws Exception {
        boolean parquetDir = spark && Files.isDirectory(input) && name(input).endsWith(".parquet");
        if (!Files.isRegularFile(input) && !parquetDir) {
            throw new Main.UsageException("--input " + input + " does not exist or is not a file"
                    + (spark ? " (nor a .parquet directory)" : ""));
        }
        // picocli gathers a repeated list option into one list; which repetition is meant cannot be known
        for (String option : List.of("--protected", "--favourable-decision", "--unfavourable-decision",
                "--favourable-outcome", "--unfavourable-outcome", "--unknown-outcome")) {
            List<String> given = spec.findOption(option).originalStringValues();
            if (given.size() > 1) {
                throw badOption(option, String.join("' and '", given), "the option once, with its values separated"
                        + " by commas (e.g. " + option + " " + String.join(",", given) + "); it is given "
                        + given.size() + " times");
            }
        }
        groups = groups.stream().map(String::trim).filter(g -> !g.isEmpty()).toList();
        if (groups.isEmpty()) {
            throw new Main.UsageException("--protected needs at least one attribute, e.g. --protected gender,age");
        }
        if (new java.util.HashSet<>(groups).size() != groups.size()) {
            throw badOption("--protected", String.join(",", groups), "each attribute once");
        }
        if (outFile == null && countsOut == null) {
            throw new Main.UsageException("--out FILE is needed (report.html or report.json), or --counts-out"
                    + " FILE.json alone to write only the counts");
        }
        boolean countsOnly = outFile == null;
        String name = countsOnly ? "" : outFile.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!countsOnly && !name.endsWith(".html") && !name.endsWith(".json")) {
            throw new Main.UsageException("--out " + outFile + " must end in .html or .json");
        }
        if (lang != null && name.endsWith(".json")) {
            throw new Main.UsageException("--lang " + lang + " applies to the HTML report only; the JSON report"
                    + " (--out " + outFile + ") has the same keys and values in every language");
        }
        Path outDir = countsOnly ? null : outFile.toAbsolutePath().getParent();
        if (outDir != null && !Files.isDirectory(outDir)) {
            throw new Main.UsageException("--out " + outFile + ": the directory " + outDir + (Files.exists(outDir)
                    ? " is not a directory" : " does not exist; create it first"));
        }
        OutputPaths.refuseClashes(OutputPaths.named("--input", input), countsOut == null
                ? OutputPaths.named("--out", outFile) : OutputPaths.named("--out", outFile, "--counts-out", countsOut));
        if (!countsOnly) {
            OutputPaths.refuseExisting("--out", outFile, overwrite);
        }
        if (countsOut != null) {
            if (!countsOut.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                throw new Main.UsageException("--counts-out " + countsOut + " must end in .json");
            }
            OutputPaths.refuseExisting("--counts-out", countsOut, overwrite);
        }
        if (normaliseLabels && strict) {
            throw new Main.UsageException("--normalise-labels and --strict contradict each other; choose one");
        }
        // findings print the level as a percentage with 3 decimals: a level that would print as 100% or 0% claims
        // a certainty (or none) that no interval has
        if (!(confidence >= 0.00001 && confidence <= 0.99999)) {
            throw badOption("--confidence", confidence, "a number from 0.00001 to 0.99999, e.g. 0.95 (closer to 0"
                    + " or 1 would print as 0% or 100%)");
        }
        int minGroup = (int) inRange("--min-group", this.minGroup, 1, 1_000_000);
        int maxDistinct = (int) inRange("--max-distinct", this.maxDistinct, 2, AuditReader.MAX_MAX_DISTINCT);
        int depth = (int) inRange("--intersections", this.depth == null ? Math.min(2, groups.size()) : this.depth,
                1, groups.size());
        Map<String, double[]> cuts = bands(bands, groups);
        Map<String, String> refs = keyed("--reference", references, groups);
        AuditPolicy policy = AuditPolicy.withDefaults();
        for (Map.Entry<String, String> t : keyed("--threshold", thresholds, AuditPolicy.THRESHOLDS).entrySet()) {
            try {
                policy = policy.withThreshold(t.getKey(), Double.parseDouble(t.getValue()));
            } catch (IllegalArgumentException e) {
                throw badOption("--threshold", t.getKey() + "=" + t.getValue(), "a number; selection-ratio in (0, 1],"
                        + " the gaps in [0, 1)");
            }
        }
        AuditSettings settings = AuditSettings.withDefaults().withMinGroupSize(minGroup).withConfidence(confidence);
        if (compat != null) {
            settings = settings.withCompatibility(compat == Compat.fairlearn ? AuditSettings.Compatibility.FAIRLEARN
                    : AuditSettings.Compatibility.AIF360);
            if (compat == Compat.aif360 && !refs.keySet().containsAll(groups)) {
                throw new Main.UsageException("--compat aif360 compares with a declared privileged group: give"
                        + " --reference ATTR=LEVEL for every protected attribute " + groups);
            }
        }

        Audit audit;
        long rows;
        Locale language = Locale.forLanguageTag((lang == null ? Lang.en : lang).name());
        HtmlReport.Context context = HtmlReport.Context.of(HtmlReport.phrase(language, "title.audit",
                        input.getFileName().toString()),
                input.toString(), null, Instant.now());
        // the input's SHA-256 is computed beside the reading, on a thread of its own (the reader's second half runs
        // on the common pool), and awaited where the report needs it
        java.util.concurrent.CompletableFuture<String> inputSha = parquetDir
                ? java.util.concurrent.CompletableFuture.completedFuture(null) : hashInBackground(input);
        List<String> notes = new ArrayList<>();
        List<ScoreFrame> scores = new ArrayList<>();
        if (!parquetDir && isDecisionLog(input)) {
            if (spark) {
                throw new Main.UsageException("--spark applies to CSV, JSON Lines and Parquet input, not to a decision"
                        + " log");
            }
            if (decision != null || outcome != null || favourableDecision != null || favourableOutcome != null
                    || score != null) {
                throw new Main.UsageException("--decision, --outcome, their favourable values and --score do not"
                        + " apply to a decision log: its decision is 'referred to a service' and it holds no outcomes");
            }
            if (!spec.findOption("--max-distinct").originalStringValues().isEmpty()) {
                throw new Main.UsageException("--max-distinct does not apply to a decision log: it limits the"
                        + " distinct values of a CSV or JSON Lines file's columns");
            }
            if (countsOut != null) {
                throw new Main.UsageException("--counts-out applies to CSV and JSON Lines input, not to a decision"
                        + " log yet");
            }
            if (strict || normaliseLabels) {
                throw new Main.UsageException("--strict and --normalise-labels do not apply to a decision log yet:"
                        + " its group labels are audited exactly as the case system recorded them");
            }
            DecisionTable t = DecisionTable.read(input);
            if (t.purgedThrough() > 0) {
                notes.add("the log was purged through record " + t.purgedThrough() + " (retention): the audit"
                        + " covers the retained records only");
            }
            if (!t.reversalsOfPurged().isEmpty()) {
                List<Long> r = t.reversalsOfPurged();
                notes.add(r.size() + " reversal(s) point before the retained period (record(s) " + (r.size() <= 10
                        ? r.toString() : r.subList(0, 10) + " and " + (r.size() - 10) + " more") + " reverse"
                        + " decisions purged through record " + t.purgedThrough() + "); the reversed decisions are"
                        + " not in the audited period, so these reversals were left out of the audit");
            }
            Map<String, String[]> g = new LinkedHashMap<>();
            for (String a : groups) {
                if (!t.columns().contains("audit." + a)) {
                    throw new Main.UsageException("the decision log has no audit field '" + a + "'; it has "
                            + t.columns().stream().filter(c -> c.startsWith("audit.")).map(c -> c.substring(6))
                            .toList());
                }
                String[] column = t.column("audit." + a);
                if (cuts.containsKey(a)) {
                    requireNumbers(t, a, column);
                }
                g.put(a, cuts.containsKey(a) ? Bands.of(column, cuts.get(a)) : column);
            }
            DecisionLogAudit logAudit = DecisionLogAudit.of(t, g, depth, settings, policy, refs);
            audit = logAudit.audit();
            rows = logAudit.referrals().rows();
            List<HtmlReport.Shares> shares = new ArrayList<>();
            Map<String, Map<String, org.fairpath.fairness.metrics.MetricFrame>> trends = new LinkedHashMap<>();
            for (String a : groups) {
                shares.add(new HtmlReport.Shares(HtmlReport.phrase(language, "caption.services", a),
                        logAudit.allocation(a)));
                shares.add(new HtmlReport.Shares(HtmlReport.phrase(language, "caption.decisions", a),
                        logAudit.overrides().directions(a)));
                trends.put(a, logAudit.trend(a));
            }
            context = new HtmlReport.Context(context.title(), context.inputDescription(), null,
                    context.created(), shares, org.fairpath.fairness.stats.Metric.SELECTION_RATE, trends);
        } else {
            if (decision == null || favourableDecision == null) {
                throw new Main.UsageException("a CSV or JSON Lines file needs --decision COL and"
                        + " --favourable-decision V[,V]: the decision column and its favourable value(s)");
            }
            if (outcome != null && favourableOutcome == null) {
                throw new Main.UsageException("--outcome " + outcome + " needs --favourable-outcome V[,V]");
            }
            if (outcome == null && (favourableOutcome != null || !unknownOutcome.isEmpty()
                    || !unfavourableOutcome.isEmpty())) {
                throw new Main.UsageException("--favourable-outcome, --unfavourable-outcome and --unknown-outcome"
                        + " need --outcome COL");
            }
            for (String role : new String[] {decision, outcome, score}) {
                if (role != null && groups.contains(role)) {
                    throw new Main.UsageException("column '" + role + "' is given both in --protected and as the "
                            + (role.equals(decision) ? "--decision" : role.equals(outcome) ? "--outcome" : "--score")
                            + " column; a column can have one role only");
                }
            }
            AuditColumns spec = AuditColumns.of(groups, decision, Set.copyOf(favourableDecision))
                    .withLabels(strict ? AuditColumns.Labels.STRICT : normaliseLabels ? AuditColumns.Labels.NORMALISE
                            : AuditColumns.Labels.REPORT)
                    .withBands(cuts);
            if (outcome != null) {
                spec = spec.withOutcome(outcome, Set.copyOf(favourableOutcome), Set.copyOf(unknownOutcome));
            }
            spec = spec.withUnfavourable(Set.copyOf(unfavourableDecision), Set.copyOf(unfavourableOutcome));
            if (score != null) {
                if (outcome == null) {
                    throw new Main.UsageException("--score needs --outcome: AUC, Brier score and calibration compare"
                            + " scores with true outcomes");
                }
                spec = spec.withScore(score);
            }
            if (countsOnly) {
                org.fairpath.fairness.input.ValueCounts counted;
                try {
                    counted = spark ? org.fairpath.spark.SparkAudit.countFile(input.toString(), spec)
                            : org.fairpath.fairness.input.ValueCounts.fromFile(input, spec, maxDistinct);
                } catch (LinkageError e) {
                    throw sparkMissing(e);
                }
                OutputPaths.writeString(countsOut, overwrite, new org.fairpath.fairness.report.CountsFile(counted,
                        depth, settings, policy, refs, List.of(new org.fairpath.fairness.report.CountsFile.Source(
                        input.toString(), sha(inputSha), counted.rows()))).toJson());
                out.println("Wrote counts " + Main.safe(countsOut.toAbsolutePath()));
                out.printf(Locale.ROOT, "Counted %,d cases of %s by %s into %s (no report: the value rules are"
                        + " applied when the counts are merged with fairpath merge-counts).%n", counted.rows(),
                        Main.safe(input), Display.safe(String.join(", ", groups)), Main.safe(countsOut));
                try {
                    counted.interpret(input.toString(), 1);
                } catch (IllegalArgumentException e) {
                    out.println("  NOTE  this input alone would be refused (merged with others it may pass): "
                            + Display.safe(e.getMessage()));
                }
                return 0;
            }
            if (spark) {
                org.fairpath.fairness.input.ValueCounts counted;
                try {
                    counted = org.fairpath.spark.SparkAudit.countFile(input.toString(), spec);
                } catch (LinkageError e) {
                    throw sparkMissing(e);
                }
                org.fairpath.fairness.report.CountsFile counts = new org.fairpath.fairness.report.CountsFile(
                        counted, depth, settings, policy, refs, List.of(new org.fairpath.fairness.report.CountsFile
                        .Source(input.toString(), sha(inputSha), counted.rows())));
                org.fairpath.fairness.report.CountsFile.Result r = counts.audit(input.toString());
                audit = r.audit();
                notes.addAll(r.notes());
                scores.addAll(r.scores());
                rows = counted.rows();
                if (countsOut != null) {
                    OutputPaths.writeString(countsOut, overwrite, counts.toJson());
                }
            } else {
                // streamed into counts: memory grows with the distinct values, not with the rows
                CountedAudit counted = AuditReader.of(spec).withDepth(depth).withMaxDistinct(maxDistinct)
                        .read(input);
                rows = counted.rows();
                notes.addAll(counted.notes());
                audit = Audit.run(counted.counts(), settings, policy, refs);
                if (countsOut != null) {
                    org.fairpath.fairness.report.CountsFile counts = new org.fairpath.fairness.report.CountsFile(
                            org.fairpath.fairness.input.ValueCounts.fromFile(input, spec, maxDistinct), depth,
                            settings, policy, refs, List.of(new org.fairpath.fairness.report.CountsFile.Source(input.toString(),
                                    sha(inputSha), rows)));
                    OutputPaths.writeString(countsOut, overwrite, counts.toJson());
                }
                if (score != null) {
                    // by every grouping the audit covers: each attribute and each intersection
                    for (List<String> g : counted.counts().groupings()) {
                        scores.add(ScoreFrame.of(counted.scores().by(g), 10, settings));
                    }
                }
            }
        }
        context = new HtmlReport.Context(context.title(), context.inputDescription(), sha(inputSha),
                context.created(), context.allocations(), context.trendMetric(), context.trends());
        if (name.endsWith(".html")) {
            OutputPaths.writeString(outFile, overwrite, HtmlReport.render(audit, context, notes, language));
        } else {
            OutputPaths.writeString(outFile, overwrite, AuditReport.toJson(audit, scores, notes, input.toString(),
                    context.inputSha256(), context.created()));
        }
        out.printf(Locale.ROOT, "Audited %,d cases by %s (intersections up to %d).%n", rows,
                Display.safe(String.join(", ", groups)), depth);
        for (String n : notes) {
            out.println("  NOTE  " + Display.safe(n));
        }
        Map<Finding.Level, Long> byLevel = new java.util.EnumMap<>(Finding.Level.class);
        for (Finding f : audit.findings()) {
            byLevel.merge(f.level(), 1L, Long::sum);
            if (f.level() == Finding.Level.FAIL || f.level() == Finding.Level.WARN) {
                out.println("  " + f.level() + "  " + Display.safe(f.sentence()));
            }
        }
        out.printf(Locale.ROOT, "Findings: %d FAIL, %d WARN, %d PASS, %d UNDEFINED (all of them in the report).%n",
                byLevel.getOrDefault(Finding.Level.FAIL, 0L), byLevel.getOrDefault(Finding.Level.WARN, 0L),
                byLevel.getOrDefault(Finding.Level.PASS, 0L), byLevel.getOrDefault(Finding.Level.UNDEFINED, 0L));
        int suppressed = audit.suppressedCount();
        StringBuilder where = new StringBuilder();
        audit.suppressedGroups().forEach((grouping, groupsOf) -> {
            if (!groupsOf.isEmpty()) {
                where.append(where.length() == 0 ? " (" : ", ").append("by ").append(String.join(" x ", grouping))
                        .append(": ").append(groupsOf.size());
            }
        });
        out.printf(Locale.ROOT, "Suppressed: %d group%s with fewer than %d cases%s.%n", suppressed,
                suppressed == 1 ? "" : "s", audit.settings().effectiveMinGroupSize(),
                Display.safe(where.length() == 0 ? "" : where + ")"));
        for (ScoreFrame sf : scores) {
            out.println("Scores by " + Display.safe(String.join(" x ", sf.grouping())) + " (ROC AUC, Brier score,"
                    + " expected calibration error):");
            for (ScoreFrame.GroupScores gs : sf.byGroup()) {
                out.printf(Locale.ROOT, "  %-30s %7d cases  %s%n", Display.label(String.join(" x ", gs.group()), 30),
                        gs.cases(), gs.suppressed() ? "suppressed" : String.format(Locale.ROOT,
                                "AUC %.3f  Brier %.3f  ECE %.3f", gs.auc(), gs.brier(), gs.ece()));
            }
        }
        out.println("Wrote " + Main.safe(outFile.toAbsolutePath()));
        if (countsOut != null) {
            out.println("Wrote counts " + Main.safe(countsOut.toAbsolutePath()));
        }
        if (failOn != null) {
            // UNDEFINED means "could not check": at WARN level it counts, so a check that never ran cannot pass
            java.util.Set<Finding.Level> counted = failOn == FailOn.FAIL ? java.util.EnumSet.of(Finding.Level.FAIL)
                    : java.util.EnumSet.of(Finding.Level.FAIL, Finding.Level.WARN, Finding.Level.UNDEFINED);
            if (audit.findings().stream().anyMatch(f -> counted.contains(f.level()))) {
                return Main.FINDINGS;
            }
        }
        return 0;
    }

    /** A class Spark needs is missing or of another version: say which, in one line. */
    private static Main.UsageException sparkMissing(LinkageError e) {
        String what = String.valueOf(e.getMessage()).replace('/', '.');
        return new Main.UsageException("--spark needs Apache Spark 3.5 (Scala 2.13) and its libraries on the class"
                + " path, as spark-submit provides them (see the README); " + (e instanceof NoClassDefFoundError
                ? "missing: " + what : e.getClass().getSimpleName() + ": " + what));
    }

    /** KEY=VALUE options: each key once, every key one of {@code allowed}. */
    private Map<String, String> keyed(String option, List<String> values, List<String> allowed) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            if (eq <= 0 || eq == v.length() - 1) {
                throw badOption(option, v, "KEY=VALUE with KEY one of " + allowed);
            }
            String k = v.substring(0, eq).trim();
            if (!allowed.contains(k)) {
                throw badOption(option, v, "KEY one of " + allowed);
            }
            if (m.put(k, v.substring(eq + 1)) != null) {
                throw badOption(option, v, "each KEY once; '" + k + "' is given twice");
            }
        }
        return m;
    }

    private static String name(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    /**
     * A fairpath decision log starts with a record {@code {"seq":...}} that ends with its hash. A file that is not
     * UTF-8 is no log; the CSV or JSON Lines reader then says where it is not UTF-8.
     */
    private static boolean isDecisionLog(Path input) throws java.io.IOException {
        try (BufferedReader r = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            return first != null && first.startsWith("{\"seq\":") && first.matches(".*,\"hash\":\"[0-9a-f]{64}\"}$");
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Refuses, before banding, an audit field of the decision log that holds text, naming the file, the line and the
     * field (empty values are their own group and fine).
     */
    private void requireNumbers(DecisionTable t, String attribute, String[] column) throws java.io.IOException {
        String[] seq = t.column("sequence");
        for (int i = 0; i < column.length; i++) {
            String v = column[i];
            if (v == null || v.isEmpty()) {
                continue;
            }
            try {
                if (!Double.isNaN(Double.parseDouble(v.strip()))) {
                    continue;
                }
            } catch (NumberFormatException e) {
                // not a number: refused below
            }
            throw new IllegalArgumentException(input + ": line " + lineOf(seq[i]) + " (record seq " + seq[i]
                    + "), audit field '" + attribute + "': cannot band '" + Display.safe(v) + "': not a number;"
                    + " --bands applies to numeric attributes only");
        }
    }

    /** The line of the decision log that holds the record with sequence {@code seq}, or "?" if none does. */
    private String lineOf(String seq) throws java.io.IOException {
        String prefix = "{\"seq\":" + seq + ",";
        try (BufferedReader r = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            int n = 0;
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                n++;
                if (l.startsWith(prefix)) {
                    return Integer.toString(n);
                }
            }
        }
        return "?";
    }

    Map<String, double[]> bands(List<String> specs, List<String> groups) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (String spec : specs) {
            for (String part : spec.split(";")) {
                String[] kv = part.split(":", 2);
                if (kv.length != 2 || !groups.contains(kv[0].trim())) {
                    throw badOption("--bands", part, "ATTR:CUT,CUT with ATTR one of " + groups);
                }
                List<Double> cuts = new ArrayList<>();
                for (String c : kv[1].split(",")) {
                    try {
                        cuts.add(Double.parseDouble(c.trim()));
                    } catch (NumberFormatException e) {
                        throw badOption("--bands", part, "numbers as cuts, e.g. age:30,50");
                    }
                }
                for (int i = 0; i < cuts.size(); i++) {
                    if (!Double.isFinite(cuts.get(i)) || i > 0 && cuts.get(i) <= cuts.get(i - 1)) {
                        throw badOption("--bands", part, "finite cuts in increasing order, e.g. age:30,50");
                    }
                }
                if (m.put(kv[0].trim(), cuts.stream().mapToDouble(Double::doubleValue).toArray()) != null) {
                    throw badOption("--bands", part, "each attribute once; '" + kv[0].trim() + "' is given twice");
                }
            }
        }
        return m;
    }

    /** The SHA-256 of {@code file}, computed on a daemon thread of its own while the caller reads the file. */
    private static java.util.concurrent.CompletableFuture<String> hashInBackground(Path file) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Sha256.hex(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, r -> {
            Thread t = new Thread(r, "fairpath-input-sha256");
            t.setDaemon(true);
            t.start();
        });
    }

    /** The hash {@link #hashInBackground} computed; its failure to read the file as that IOException. */
    private static String sha(java.util.concurrent.CompletableFuture<String> hash) throws java.io.IOException {
        try {
            return hash.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.io.UncheckedIOException u) {
                throw u.getCause();
            }
            throw e;
        }
    }
}
