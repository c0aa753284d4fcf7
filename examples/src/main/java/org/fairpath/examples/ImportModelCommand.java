package org.fairpath.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Schema;
import org.fairpath.core.ServiceCatalogue;
import org.fairpath.core.model.ExternalLinearModel;
import org.fairpath.core.model.OutcomeModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fairpath import-model}: a model bundle from logistic models a PES already has, given by their published
 * coefficients, so that {@code recommend}, {@code explain} and {@code audit} use them like trained models. Nothing is
 * trained: the bundle has no intervals, no performance figures and no training range, and its card says so.
 */
@Command(name = "import-model", mixinStandardHelpOptions = true,
        description = "Build a model bundle from published logistic coefficients (JSON): a profiling model and an"
                + " outcome model per option (none for a profiling-only deployment); no training.")
final class ImportModelCommand extends Main.FairpathCommand {

    @Option(names = "--schema", required = true, paramLabel = "JSON", description = "the attribute schema")
    Path schemaFile;

    @Option(names = "--catalogue", paramLabel = "JSON", description = "the service catalogue (default: none, a"
            + " profiling-only deployment)")
    Path catalogueFile;

    @Option(names = "--coefficients", required = true, paramLabel = "JSON",
            description = "the profiling model: {\"schemaVersion\":1, \"name\":..., \"target\":\"profiling\","
                    + " \"intercept\":..., \"coefficients\":{\"attribute@level\": weight, ...}}")
    Path profilingFile;

    @Option(names = "--outcome", paramLabel = "OPTION=JSON",
            description = "the outcome model (target \"outcome\") of no_programme and of every catalogue service;"
                    + " repeatable; none for a profiling-only deployment (no --catalogue)")
    java.util.List<String> outcomeArgs = new java.util.ArrayList<>();

    @Option(names = "--reference", required = true, paramLabel = "FILE",
            description = "the reference person explanations are relative to (a profile JSON)")
    Path referenceFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the new bundle directory")
    Path outDir;

    @Override
    public Integer call() throws Exception {
        exists("--schema", schemaFile);
        Schema schema = Schema.load(schemaFile);
        ServiceCatalogue catalogue;
        if (catalogueFile == null) {
            catalogue = ServiceCatalogue.fromJson("{\"schemaVersion\":1,\"name\":\"profiling-only\","
                    + "\"services\":[]}", schema);
        } else {
            exists("--catalogue", catalogueFile);
            catalogue = ServiceCatalogue.load(catalogueFile, schema);
        }
        ExternalLinearModel profiling = model("--coefficients", profilingFile, schema);
        // OPTION=JSON pairs read here, not by picocli's map option, which would keep the last of two for one option
        Map<String, Path> outcomeFiles = new LinkedHashMap<>();
        for (String v : outcomeArgs) {
            int eq = v.indexOf('=');
            if (eq <= 0 || eq == v.length() - 1) {
                throw badOption("--outcome", v, "OPTION=FILE.json");
            }
            if (outcomeFiles.put(v.substring(0, eq), Path.of(v.substring(eq + 1))) != null) {
                throw badOption("--outcome", v, "each option once; '" + v.substring(0, eq) + "' is given twice");
            }
        }
        Map<String, ExternalLinearModel> outcomes = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : outcomeFiles.entrySet()) {
            outcomes.put(e.getKey(), model("--outcome " + e.getKey(), e.getValue(), schema));
        }
        var reference = Profiles.read(schema, referenceFile, "import-model", err);
        if (reference.isEmpty()) {
            return 2;
        }
        JobseekerProfile ref = reference.get();
        OutcomeModels models = OutcomeModels.fromExternal(catalogue, profiling, outcomes, ref);
        models.save(outDir);
        out.printf("Saved bundle %s (model %s): profiling model '%s', %d outcome models, explanations relative to"
                + " '%s'. Nothing was trained: no intervals, no performance figures.%n", Main.safe(outDir),
                models.version().substring(0, 12), Main.safe(profiling.name()), outcomes.size(), Main.safe(ref.id()));
        return 0;
    }

    private static void exists(String option, Path file) throws Main.UsageException {
        if (!Files.isRegularFile(file)) {
            throw new Main.UsageException(option + " " + file + " does not exist or is not a file");
        }
    }

    private static ExternalLinearModel model(String option, Path file, Schema schema) throws Exception {
        exists(option, file);
        try {
            return ExternalLinearModel.fromJson(Files.readString(file), schema);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + file + ": " + e.getMessage(), e);
        }
    }
}
