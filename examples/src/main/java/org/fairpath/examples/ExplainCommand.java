package org.fairpath.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.fairpath.core.Attribute;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Role;
import org.fairpath.core.ServiceCatalogue;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.Recommendation;
import org.fairpath.core.model.Recommender;
import java.util.Map;
import java.util.stream.Collectors;
import org.fairpath.core.model.DataFlag;
import org.fairpath.core.model.ServiceSuggestion;
import org.fairpath.explain.AdditiveExplanation;
import org.fairpath.explain.Counterfactuals;
import org.fairpath.explain.Explainer;
import org.fairpath.explain.Narrative;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fairpath explain}: why the models expect a service to help one jobseeker — led by the expected benefit over no
 * programme and each attribute's share of it in percentage points, then the attributes behind the chance with the
 * service, the smallest changes that would change the top suggestion, and the same cautions as {@code recommend}.
 * Exact for logistic regression and boosted trees (TreeSHAP), relative to the average training case.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain a suggestion: the expected benefit and each attribute's share of it (percentage"
                + " points), counterfactuals and cautions.")
final class ExplainCommand extends Main.FairpathCommand {

    /** The narrative languages. */
    enum Lang { en, fr, de, nl, fi }

    @Option(names = "--bundle", required = true, paramLabel = "DIR",
            description = "a model bundle written by 'fairpath train'")
    Path bundle;

    @Option(names = "--profile", required = true, paramLabel = "FILE", description = "the jobseeker's profile (JSON)")
    Path profileFile;

    @picocli.CommandLine.Mixin
    TrustOption trust;

    @Option(names = "--service", paramLabel = "ID", description = "the service to explain (default: the top"
            + " suggestion)")
    String service;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5",
            description = "how many attributes to show, 1 to 50 (default: ${DEFAULT-VALUE})")
    long topOption;

    @Option(names = "--lang", paramLabel = "L", defaultValue = "en",
            description = "language of the reasons: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Lang lang;

    @Option(names = "--reference", paramLabel = "FILE", description = "explain relative to this person (a profile"
            + " JSON) instead of the bundle's reference (the average training case); logistic models only")
    Path referenceFile;

    @Option(names = "--profiling", description = "explain the profiling score (the chance of still being unemployed)"
            + " instead of a service; the default when the bundle has no services")
    boolean profiling;

    /** Who signed the bundle, or that it is unsigned; printed with the cautions. */
    private String signedBy;

    @Override
    public Integer call() throws Exception {
        int top = (int) inRange("--top", topOption, 1, 50);
        Locale locale = Locale.forLanguageTag(lang.name());
        OutcomeModels models = trust.load(bundle);
        signedBy = trust.signedBy(bundle);
        var read = Profiles.read(models.schema(), profileFile, "explain", err);
        if (read.isEmpty()) {
            return 2;
        }
        JobseekerProfile profile = read.get();
        Explainer explainer = Explainer.of(models);
        String relativeTo = models.summary().cases() == 0 ? "relative to the bundle's reference person"
                : "relative to the average training case";
        if (referenceFile != null) {
            var ref = Profiles.read(models.schema(), referenceFile, "explain --reference", err);
            if (ref.isEmpty()) {
                return 2;
            }
            explainer = explainer.withReference(ref.get());
            relativeTo = "relative to reference person '" + ref.get().id() + "'";
        }
        Recommender recommender = Recommender.of(models);
        Recommendation r = recommender.recommend(profile);
        if (profiling || (service == null && models.catalogue().services().isEmpty())) {
            if (service != null) {
                throw new Main.UsageException("--profiling and --service exclude each other: explain either the"
                        + " profiling score or a service");
            }
            return explainProfiling(models, explainer, profile, r, top, relativeTo);
        }
        String service = this.service;
        String base = referenceFile != null || models.summary().cases() == 0 ? "reference" : "average case";
        if (service == null) {
            if (r.suggestions().isEmpty()) {
                throw new Main.UsageException("the jobseeker is eligible for no service, so there is nothing to"
                        + " explain");
            }
            service = r.suggestions().get(0).serviceId();
        } else {
            models.catalogue().service(service); // names the known services if unknown
        }
        String chosen = service;
        ServiceSuggestion suggestion = r.suggestions().stream().filter(x -> x.serviceId().equals(chosen)).findFirst()
                .orElse(null);
        if (referenceFile != null && (models.linear(service).isEmpty()
                || models.linear(ServiceCatalogue.BASELINE).isEmpty())) {
            throw new Main.UsageException("--reference works only for logistic models; this bundle's are "
                    + models.scorer(service).kind() + ", explained by TreeSHAP relative to their training data");
        }
        var uplift = explainer.uplift(profile, service);
        if (uplift.isEmpty()) {
            throw new Main.UsageException("this bundle's models (" + models.scorer(service).kind() + ") cannot be"
                    + " explained exactly");
        }
        Explainer.UpliftExplanation u = uplift.get();
        Narrative narrative = Narrative.of(models.catalogue(), locale);
        out.printf(Locale.ROOT, "Why %s for %s (model %s; %s, %s)%n", service,
                profile.id(), models.version().substring(0, 12), u.with().method(), relativeTo);
        if (suggestion == null) {
            out.println("  " + narrative.whyNot(r, service));
        }
        out.printf(Locale.ROOT, "  expected benefit over no programme: %+.1f pp%s (%s %+.1f pp)%n",
                100 * u.uplift(), suggestion != null && suggestion.hasInterval() ? String.format(Locale.ROOT,
                        ", %.0f%% interval %+.1f to %+.1f pp", 100 * r.confidence(), 100 * suggestion.upliftLower(),
                        100 * suggestion.upliftUpper()) : "", base, 100 * u.baseUplift());
        out.println("  what moves the benefit for this person (percentage points):");
        for (String a : u.top(top)) {
            out.printf(Locale.ROOT, "    %-40s %+6.1f pp%n", label(models, a), 100 * u.points(a));
        }
        for (String sentence : narrative.upliftReasons(u, profile, Math.min(top, 3))) {
            out.println("    - " + sentence);
        }
        AdditiveExplanation e = u.with();
        out.printf(Locale.ROOT, "  chance of employment with it: %.1f%% (%s %.1f%%); attributes behind it:%n",
                100 * e.probability(), base, 100 * e.baseProbability());
        for (AdditiveExplanation.Contribution c : e.top(top)) {
            out.printf(Locale.ROOT, "    %-40s %+6.1f pp%n", label(models, c.attribute()),
                    100 * e.probabilityContribution(c.attribute()));
        }
        List<Counterfactuals.Counterfactual> cf = Counterfactuals.of(Counterfactuals.topSuggestion(recommender),
                Map.of(), 3).find(profile, 2);
        if (cf.isEmpty()) {
            out.println("  counterfactuals: no change to actionable attributes within 3 steps changes the top"
                    + " suggestion");
        } else {
            for (Counterfactuals.Counterfactual c : cf) {
                out.println("  counterfactual: " + c.changes().stream().map(ch -> label(models, ch.attribute())
                        + " " + ch.from() + " -> " + ch.to()).collect(Collectors.joining(", "))
                        + " would make the top suggestion " + c.after() + " (now " + c.before() + ")");
            }
        }
        if (suggestion != null) {
            out.println("  " + narrative.uncertainty(suggestion));
        }
        cautions(models, r);
        return 0;
    }

    /** The profiling score, attribute by attribute, in percentage points and log-odds. */
    private int explainProfiling(OutcomeModels models, Explainer explainer, JobseekerProfile profile,
                                 Recommendation r, int top, String relativeTo) throws Main.UsageException {
        if (referenceFile != null && models.profilingLinear().isEmpty()) {
            throw new Main.UsageException("--reference works only for logistic models; this bundle's profiling"
                    + " model is " + models.profilingScorer().kind() + ", explained by TreeSHAP relative to its"
                    + " training data");
        }
        AdditiveExplanation e = explainer.explainProfiling(profile).orElseThrow(() -> new Main.UsageException(
                "this bundle's profiling model (" + models.profilingScorer().kind() + ") cannot be explained"
                        + " exactly"));
        out.printf(Locale.ROOT, "Why the profiling score for %s (model %s; %s, %s)%n", profile.id(),
                models.version().substring(0, 12), e.method(), relativeTo);
        out.println("  " + r.profiling().describe(r.confidence()));
        out.printf(Locale.ROOT, "  chance of still being unemployed: %.1f%% (reference %.1f%%); attributes behind the"
                + " difference (percentage points; log-odds):%n", 100 * e.probability(), 100 * e.baseProbability());
        for (AdditiveExplanation.Contribution c : e.top(top)) {
            out.printf(Locale.ROOT, "    %-40s %+6.1f pp  %+.4f log-odds%n", label(models, c.attribute()),
                    100 * e.probabilityContribution(c.attribute()), c.logOdds());
        }
        cautions(models, r);
        return 0;
    }

    private void cautions(OutcomeModels models, Recommendation r) {
        for (DataFlag f : r.flags()) {
            out.println("  caution: " + f.message());
        }
        List<String> auditOnly = models.schema().withRole(Role.PROTECTED).stream()
                .filter(a -> !a.hasRole(Role.FEATURE)).map(a -> a.label(Locale.ENGLISH).toLowerCase(Locale.ROOT))
                .toList();
        out.println("  " + (auditOnly.isEmpty() ? "" : "Protected attributes that are not model inputs play no part: "
                + String.join(", ", auditOnly) + ". ") + "[protected] marks a protected attribute that is a model input"
                + " (a model may still give it no weight), with the justification for using it recorded in the"
                + " schema.");
        out.println(signedBy);
        out.println("This is a suggestion for a counsellor to accept, override or reject.");
    }

    private static String label(OutcomeModels m, String attribute) {
        Attribute a = m.schema().attribute(attribute);
        return a.label(Locale.ENGLISH) + (a.hasRole(Role.PROTECTED) ? " [protected]" : "");
    }
}
