package org.fairpath.examples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Problem;
import org.fairpath.core.ValidationException;
import org.fairpath.core.model.ModelBundle;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.Recommender;

/** {@code fairpath recommend}: suggestions for one jobseeker profile (JSON) from a saved model bundle. */
final class RecommendCommand implements Main.Command {

    @Override
    public String summary() {
        return "suggest services for one profile (JSON) with a saved model bundle; never a decision";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Options o = Options.parse(args, Set.of("bundle", "profile"));
        if (o.help()) {
            out.println("usage: fairpath recommend --bundle DIR --profile FILE.json");
            out.println("  --bundle DIR    a model bundle written by 'fairpath train'");
            out.println("  --profile FILE  {\"id\": \"js-0042\", \"attributes\": {\"age\": 52, ...}}");
            return 0;
        }
        Path bundle = Path.of(o.required("bundle"));
        Path profileFile = Path.of(o.required("profile"));
        if (!Files.isRegularFile(profileFile)) {
            throw new Main.UsageException("--profile " + profileFile + " does not exist or is not a file");
        }
        OutcomeModels models = ModelBundle.load(bundle);
        JobseekerProfile profile;
        try (var in = Files.newInputStream(profileFile)) {
            profile = JobseekerProfile.fromJson(models.schema(), in);
        } catch (ValidationException e) {
            err.println("fairpath recommend: the profile is not valid (" + e.problems().size() + " problems):");
            for (Problem p : e.problems()) {
                err.println("  " + p.path() + ": " + p.message());
            }
            return 2;
        }
        out.print(Recommender.of(models).recommend(profile).describe());
        out.println("This is a suggestion for a counsellor to accept, override or reject.");
        return 0;
    }
}
