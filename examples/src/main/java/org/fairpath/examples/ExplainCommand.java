package org.fairpath.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.fairpath.core.Attribute;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Role;
import org.fairpath.core.ServiceCatalogue;
import org.fairpath.core.model.ModelBundle;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.Recommendation;
import org.fairpath.core.model.Recommender;
import org.fairpath.explain.AdditiveExplanation;
import org.fairpath.explain.LinearExplainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fairpath explain}: why the models expect a service to help one jobseeker — the additive contributions of
 * each attribute to the chance of employment with the service, and to its uplift over no programme. Exact for
 * logistic-regression bundles.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain a suggestion: each attribute's contribution to the chance with the service and its"
                + " uplift.")
final class ExplainCommand extends Main.FairpathCommand {

    @Option(names = "--bundle", required = true, paramLabel = "DIR",
            description = "a model bundle written by 'fairpath train'")
    Path bundle;

    @Option(names = "--profile", required = true, paramLabel = "FILE", description = "the jobseeker's profile (JSON)")
    Path profileFile;

    @Option(names = "--service", paramLabel = "ID", description = "the service to explain (default: the top"
            + " suggestion)")
    String service;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5",
            description = "how many attributes to show, 1 to 50 (default: ${DEFAULT-VALUE})")
    long topOption;

    @Override
    public Integer call() throws Exception {
        int top = (int) inRange("--top", topOption, 1, 50);
        OutcomeModels models = ModelBundle.load(bundle);
        var read = Profiles.read(models.schema(), profileFile, "explain", err);
        if (read.isEmpty()) {
            return 2;
        }
        JobseekerProfile profile = read.get();
        Recommendation r = Recommender.of(models).recommend(profile);
        String service = this.service;
        if (service == null) {
            if (r.suggestions().isEmpty()) {
                throw new Main.UsageException("the jobseeker is eligible for no service, so there is nothing to"
                        + " explain");
            }
            service = r.suggestions().get(0).serviceId();
        } else {
            models.catalogue().service(service); // names the known services if unknown
        }
        var with = models.linear(service);
        var without = models.linear(ServiceCatalogue.BASELINE);
        if (with.isEmpty() || without.isEmpty()) {
            throw new Main.UsageException("this bundle's models are " + models.scorer(service).kind()
                    + "; exact explanations are available for logistic-regression bundles (fairpath train --learner"
                    + " logistic)");
        }
        double[] reference = models.summary().columnMean();
        AdditiveExplanation e = LinearExplainer.of(models.encoder(), with.get().weights(), with.get().bias(),
                reference).explain(profile);
        AdditiveExplanation base = LinearExplainer.of(models.encoder(), without.get().weights(),
                without.get().bias(), reference).explain(profile);
        out.printf(Locale.ROOT, "Why %s for %s (model %s; exact, relative to the average training case)%n", service,
                profile.id(), models.version().substring(0, 12));
        out.printf(Locale.ROOT, "  chance of employment with it: %.1f%% (average case %.1f%%)%n",
                100 * e.probability(), 100 * e.baseProbability());
        for (AdditiveExplanation.Contribution c : e.top(top)) {
            out.printf(Locale.ROOT, "    %-40s %+6.1f pp%n", label(models, c.attribute()),
                    100 * e.probabilityContribution(c.attribute()));
        }
        out.printf(Locale.ROOT, "  expected benefit over no programme: %+.1f pp; what drives the difference (log-odds):%n",
                100 * (e.probability() - base.probability()));
        List<AdditiveExplanation.Contribution> diff = e.contributions().stream()
                .map(c -> new AdditiveExplanation.Contribution(c.attribute(), c.logOdds()
                        - base.contribution(c.attribute())))
                .sorted((x, y) -> Double.compare(Math.abs(y.logOdds()), Math.abs(x.logOdds()))).limit(top).toList();
        for (AdditiveExplanation.Contribution c : diff) {
            out.printf(Locale.ROOT, "    %-40s %+.3f%n", label(models, c.attribute()), c.logOdds());
        }
        List<String> auditOnly = models.schema().withRole(Role.PROTECTED).stream()
                .filter(a -> !a.hasRole(Role.FEATURE)).map(a -> a.label(Locale.ENGLISH).toLowerCase(Locale.ROOT))
                .toList();
        out.println("  Protected attributes that are not model inputs play no part: " + String.join(", ", auditOnly)
                + ". [protected] marks a protected attribute the models do use, with the justification recorded"
                + " in the schema.");
        return 0;
    }

    private static String label(OutcomeModels m, String attribute) {
        Attribute a = m.schema().attribute(attribute);
        return a.label(Locale.ENGLISH) + (a.hasRole(Role.PROTECTED) ? " [protected]" : "");
    }
}
