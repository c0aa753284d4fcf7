package org.fairpath.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairpath.core.Attribute;
import org.fairpath.core.AttributeType;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Role;
import org.fairpath.core.ValidationException;
import org.fairpath.core.allocation.AllocationResult;
import org.fairpath.core.allocation.AllocationSettings;
import org.fairpath.core.allocation.Allocator;
import org.fairpath.core.allocation.Cohort;
import org.fairpath.core.allocation.GroupConstraint;
import org.fairpath.core.allocation.Objective;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.model.ModelBundle;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.Recommendation;
import org.fairpath.core.model.Recommender;
import org.fairpath.fairness.prospective.ProspectiveReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fairpath allocate}: allocates a cohort's programme places within capacities, optionally under group
 * constraints, and writes the prospective fairness report. The allocations remain suggestions for counsellors.
 */
@Command(name = "allocate", mixinStandardHelpOptions = true,
        description = "Allocate a cohort's programme places within capacities (suggestions for counsellors) and"
                + " report expected employment per group. Exit 3 when whole places miss a group constraint.")
final class AllocateCommand extends Main.FairpathCommand {

    @Option(names = "--bundle", required = true, paramLabel = "DIR",
            description = "a model bundle written by 'fairpath train'")
    Path bundle;

    @Option(names = "--cohort", required = true, paramLabel = "FILE",
            description = "profiles, one JSON object per line: {\"id\": ..., \"attributes\": {...}}")
    Path cohortFile;

    @Option(names = "--capacity", required = true, paramLabel = "SVC=N[,SVC=N]",
            description = "places per service, e.g. wage_subsidy=80,vocational_training=120; services not named"
                    + " are unlimited")
    String capacity;

    @Option(names = "--objective", paramLabel = "uplift|inequality-averse:A", defaultValue = "uplift",
            description = "what to maximise (default: ${DEFAULT-VALUE})")
    String objective;

    @Option(names = "--constraint", paramLabel = "C",
            description = "share:ATTRIBUTE:SERVICE:DISTANCE or gap:ATTRIBUTE:GAP; may be repeated")
    List<String> constraints = new ArrayList<>();

    @Option(names = "--groups", split = ",", paramLabel = "A,B",
            description = "attributes to report by (default: the schema's protected attributes that are not numeric)")
    List<String> groups;

    @Option(names = "--log", paramLabel = "FILE", description = "also append the run to this decision log")
    Path log;

    @Option(names = "--out", required = true, paramLabel = "FILE.html|FILE.json",
            description = "the report: .html, or .json with every placement; not an existing file unless"
                    + " --overwrite is given, never an input")
    Path outFile;

    @Option(names = "--overwrite", description = "replace an existing --out file (never the cohort, bundle or log)")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        String outName = outFile.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!outName.endsWith(".html") && !outName.endsWith(".json")) {
            throw badOption("--out", outFile, "a file name ending in .html or .json");
        }
        if (!Files.isRegularFile(cohortFile)) {
            throw new Main.UsageException("--cohort " + cohortFile + " does not exist or is not a file");
        }
        // the log is written too (appended, perhaps created): compared as an output, so also when it is new
        OutputPaths.refuseClashes(OutputPaths.named("--cohort", cohortFile, "--bundle", bundle,
                "--log's lock", log == null ? null : log.resolveSibling(log.getFileName() + ".lock")),
                OutputPaths.named("--log", log, "--out", outFile));
        OutputPaths.refuseExisting("--out", outFile, overwrite);
        AllocationSettings settings;
        try {
            Map<String, Long> caps = AllocationSettings.parseCapacities(capacity);
            settings = new AllocationSettings(caps, Objective.parse(objective), List.of());
            for (String c : constraints) {
                settings = settings.withConstraint(GroupConstraint.parse(c));
            }
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
        OutcomeModels models = ModelBundle.load(bundle);
        if (!models.hasOutcomeModels() || models.catalogue().services().isEmpty()) {
            throw new Main.UsageException("--bundle " + bundle + " is a profiling-only deployment (no services"
                    + (models.hasOutcomeModels() ? "" : ", no outcome models") + "): allocation needs outcome models"
                    + " per service and for " + org.fairpath.core.ServiceCatalogue.BASELINE);
        }
        List<JobseekerProfile> profiles = readCohort(models);
        if (profiles == null) {
            return 2;
        }
        List<String> attributes = new ArrayList<>();
        if (groups != null) {
            attributes.addAll(groups);
        } else {
            for (Attribute a : models.schema().withRole(Role.PROTECTED)) {
                if (a.type() != AttributeType.NUMERIC) {
                    attributes.add(a.name());
                }
            }
        }
        for (GroupConstraint c : settings.constraints()) {
            if (!attributes.contains(c.attribute())) {
                attributes.add(c.attribute());
            }
        }
        Recommender recommender = Recommender.of(models);
        List<Recommendation> recs = new ArrayList<>(profiles.size());
        profiles.forEach(p -> recs.add(recommender.recommend(p)));
        AllocationResult result;
        try {
            Cohort cohort = Cohort.of(recs, profiles, models.catalogue().ids(), attributes);
            result = Allocator.allocate(cohort, settings);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
        ProspectiveReport report = ProspectiveReport.of(result, null, null, ProspectiveReport.Settings.withDefaults());
        Allocations.summary(result, report, out);
        Allocations.write(outFile, overwrite, result, recs, report);
        if (log != null) {
            try (DecisionLog l = DecisionLog.open(log, DecisionLog.Durability.FSYNC_EACH)) {
                out.println("Logged the run as record " + result.appendTo(l).sequence() + " of " + Main.safe(log) + ".");
            }
        }
        out.println("Wrote " + Main.safe(outFile) + ". Each allocation is a suggestion for a counsellor to accept, override or"
                + " reject.");
        return result.violations().isEmpty() ? 0 : Main.FINDINGS;
    }

    /** The profiles, or null after printing the first invalid line's problems. */
    private List<JobseekerProfile> readCohort(OutcomeModels models) throws IOException, Main.UsageException {
        List<JobseekerProfile> profiles = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(cohortFile, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    profiles.add(JobseekerProfile.fromJson(models.schema(), line));
                } catch (ValidationException e) {
                    err.println("fairpath allocate: --cohort " + cohortFile + " line " + number + " is not a valid"
                            + " profile: " + Main.oneLine(e.problems().get(0).path() + ": "
                            + e.problems().get(0).message()) + (e.problems().size() > 1 ? " (and "
                            + (e.problems().size() - 1) + " more problems)" : ""));
                    return null;
                }
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new Main.UsageException("--cohort " + cohortFile + " is not UTF-8 text");
        }
        if (profiles.isEmpty()) {
            throw new Main.UsageException("--cohort " + cohortFile + " holds no profiles; give one JSON profile per"
                    + " line");
        }
        return profiles;
    }
}
