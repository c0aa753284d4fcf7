package org.fairpath.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import org.fairpath.core.JobseekerProfile;
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
        OutcomeModels models = ModelBundle.load(bundle);
        var read = Profiles.read(models.schema(), profileFile, "recommend", err);
        if (read.isEmpty()) {
            return 2;
        }
        JobseekerProfile profile = read.get();
        out.print(Recommender.of(models).recommend(profile).describe());
        out.println("This is a suggestion for a counsellor to accept, override or reject.");
        return 0;
    }
}
