package org.fairpath.examples;

import java.nio.file.Path;
import java.util.Locale;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.Recommendation;
import org.fairpath.core.model.Recommender;
import org.fairpath.explain.Explainer;
import org.fairpath.explain.Narrative;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fairpath recommend}: suggestions for one jobseeker profile (JSON) from a saved model bundle. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = "Suggest services for one profile (JSON) with a saved model bundle; never a decision.")
final class RecommendCommand extends Main.FairpathCommand {

    @Option(names = "--bundle", required = true, paramLabel = "DIR",
            description = "a model bundle written by 'fairpath train'")
    Path bundle;

    @Option(names = "--profile", required = true, paramLabel = "FILE",
            description = "{\"id\": \"js-0042\", \"attributes\": {\"age\": 52, ...}}")
    Path profileFile;

    @picocli.CommandLine.Mixin
    TrustOption trust;

    @Override
    public Integer call() throws Exception {
        OutcomeModels models = trust.load(bundle);
        String signedBy = trust.signedBy(bundle);
        var read = Profiles.read(models.schema(), profileFile, "recommend", err);
        if (read.isEmpty()) {
            return 2;
        }
        JobseekerProfile profile = read.get();
        Recommendation r = Recommender.of(models).recommend(profile);
        out.print(r.describe());
        if (!r.suggestions().isEmpty()) {
            String top = r.suggestions().get(0).serviceId();
            Narrative narrative = Narrative.of(models.catalogue(), Locale.ENGLISH);
            Explainer.of(models).uplift(profile, top).ifPresent(u -> {
                out.println("  why " + top + ":");
                narrative.upliftReasons(u, profile, 3).forEach(s -> out.println("    - " + s));
            });
            out.println("  " + narrative.uncertainty(r.suggestions().get(0)));
        }
        out.println(signedBy);
        out.println("This is a suggestion for a counsellor to accept, override or reject.");
        return 0;
    }
}
