package org.fairpath.examples;

import java.nio.file.Path;
import java.util.Locale;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.Recommendation;
import org.fairpath.core.model.Recommender;
import org.fairpath.explain.Explainer;
import org.fairpath.explain.Narrative;
import org.fairpath.explain.notice.CounsellorCard;
import org.fairpath.explain.notice.ExplanationPayload;
import org.fairpath.explain.notice.JobseekerNotice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fairpath recommend}: suggestions for one jobseeker profile (JSON) from a saved model bundle. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = "Suggest services for one profile (JSON) with a saved model bundle; never a decision. With"
                + " --card, also write the counsellor card (HTML fragment) in --lang.")
final class RecommendCommand extends Main.FairpathCommand {

    @Option(names = "--bundle", required = true, paramLabel = "DIR",
            description = "a model bundle written by 'fairpath train'")
    Path bundle;

    @Option(names = "--profile", required = true, paramLabel = "FILE",
            description = "{\"id\": \"js-0042\", \"attributes\": {\"age\": 52, ...}}")
    Path profileFile;

    @picocli.CommandLine.Mixin
    TrustOption trust;

    @Option(names = "--card", paramLabel = "FILE",
            description = "also write the counsellor card, an HTML fragment to embed (no scripts, no network)")
    Path card;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "en",
            description = "language of the card: en, fr, de, nl or fi (default: ${DEFAULT-VALUE})")
    String lang;

    @Option(names = "--assess-first",
            description = "card for an assess-first deployment: the counsellor records their own choice first")
    boolean assessFirst;

    @Option(names = "--overwrite", description = "replace an existing --card file (never an input)")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        if (!JobseekerNotice.languages().contains(lang)) {
            throw badOption("--lang", lang, String.join(", ", JobseekerNotice.languages()));
        }
        if (card == null && (assessFirst || !lang.equals("en") || overwrite)) {
            throw new Main.UsageException("--lang, --assess-first and --overwrite are for the card; give --card FILE");
        }
        if (card != null) {
            OutputPaths.refuseClashes(OutputPaths.named("--bundle", bundle, "--profile", profileFile),
                    OutputPaths.named("--card", card));
            OutputPaths.refuseExisting("--card", card, overwrite);
        }
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
        ExplanationPayload payload = ExplanationPayload.compute(models, profile);
        out.println("explanation hash: " + payload.sha256() + " (give it to the decision record)");
        if (card != null) {
            OutputPaths.writeString(card, overwrite, CounsellorCard.of(payload, models, assessFirst, lang).html());
            out.println("Wrote the counsellor card (" + lang + ") to " + Main.safe(card));
        }
        out.println(signedBy);
        out.println("This is a suggestion for a counsellor to accept, override or reject.");
        return 0;
    }
}
