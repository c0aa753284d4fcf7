package org.fairpath.explain;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.fairpath.core.Attribute;
import org.fairpath.core.Eligibility;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Role;
import org.fairpath.core.ServiceCatalogue;
import org.fairpath.core.model.Recommendation;
import org.fairpath.core.model.ServiceSuggestion;

/**
 * Short plain-language reasons for a counsellor, from message bundles ({@code narratives*.properties}: English,
 * French, German, Dutch, Finnish): the top reasons behind a suggestion (an attribute-specific template when the
 * bundle has one, else the general one, by direction), why another service is not suggested first, and the
 * uncertainty in words. A protected attribute is named only when it is a model input, and then flagged. Attribute
 * and service names come from the schema's and catalogue's labels in the same language. Immutable.
 */
public final class Narrative {

    private final ResourceBundle bundle;
    private final Locale locale;
    private final ServiceCatalogue catalogue;

    private Narrative(ServiceCatalogue catalogue, Locale locale) {
        this.catalogue = catalogue;
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("org.fairpath.explain.narratives", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** Narratives for {@code catalogue}'s services in {@code locale} (English when the language has no bundle). */
    public static Narrative of(ServiceCatalogue catalogue, Locale locale) {
        return new Narrative(catalogue, locale);
    }

    private String text(String key, Object... args) {
        return new MessageFormat(bundle.getString(key), locale).format(args);
    }

    private String points(double probabilityDifference) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMaximumFractionDigits(1);
        f.setMinimumFractionDigits(1);
        return f.format(Math.abs(100 * probabilityDifference));
    }

    private String signedPoints(double v) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMaximumFractionDigits(1);
        f.setMinimumFractionDigits(1);
        return (v > 0 ? "+" : "") + f.format(100 * v);
    }

    /**
     * The {@code k} attributes that matter most for the chance of employment with {@code serviceId}, largest first,
     * each as one sentence.
     */
    public List<String> reasons(AdditiveExplanation e, JobseekerProfile profile, String serviceId, int k) {
        String service = catalogue.service(serviceId).label(locale);
        List<String> out = new ArrayList<>();
        for (AdditiveExplanation.Contribution c : e.top(k)) {
            Attribute a = profile.schema().attribute(c.attribute());
            double dp = e.probabilityContribution(c.attribute());
            String direction = dp >= 0 ? "raises" : "lowers";
            String specific = "reason." + a.name() + "." + direction;
            String key = bundle.containsKey(specific) ? specific : "reason." + direction;
            String sentence = text(key, a.label(locale), value(profile, a), points(dp), service);
            if (a.hasRole(Role.PROTECTED)) {
                sentence = sentence + " " + text("protected.flag");
            }
            out.add(sentence);
        }
        return out;
    }

    /**
     * Why {@code u.service()} is expected to help this person (or not): a first sentence with the expected benefit in
     * points, then the {@code k} attributes that move the benefit most, each in points. Leads with the uplift, not with
     * the chance with the service, because the benefit is what the suggestion ranks by.
     */
    public List<String> upliftReasons(Explainer.UpliftExplanation u, JobseekerProfile profile, int k) {
        String service = catalogue.service(u.service()).label(locale);
        List<String> out = new ArrayList<>();
        out.add(text(u.uplift() >= 0 ? "uplift.lead.helps" : "uplift.lead.hurts", service, points(u.uplift()),
                points(u.baseUplift()), u.baseUplift() >= 0 ? "+" : "-"));
        for (String attribute : u.top(k)) {
            Attribute a = profile.schema().attribute(attribute);
            double dp = u.points(attribute);
            String sentence = text(dp >= 0 ? "uplift.raises" : "uplift.lowers", a.label(locale), value(profile, a),
                    points(dp), service);
            if (a.hasRole(Role.PROTECTED)) {
                sentence = sentence + " " + text("protected.flag");
            }
            out.add(sentence);
        }
        return out;
    }

    private String value(JobseekerProfile p, Attribute a) {
        Object v = p.value(a.name());
        if (v == null) {
            return text("value.unknown");
        }
        if (v instanceof Boolean b) {
            return text(b ? "value.true" : "value.false");
        }
        if (v instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        return v.toString();
    }

    /** Why {@code serviceId} is not the first suggestion (or that it is). */
    public String whyNot(Recommendation r, String serviceId) {
        String label = catalogue.service(serviceId).label(locale);
        for (Eligibility e : r.notEligible()) {
            if (e.serviceId().equals(serviceId)) {
                return text("whynot.ineligible", label, e.reason());
            }
        }
        ServiceSuggestion top = r.suggestions().get(0);
        if (top.serviceId().equals(serviceId)) {
            return text("whynot.top", label);
        }
        for (ServiceSuggestion s : r.suggestions()) {
            if (s.serviceId().equals(serviceId)) {
                return text("whynot.lower", label, catalogue.service(top.serviceId()).label(locale),
                        points(top.uplift() - s.uplift()));
            }
        }
        throw new IllegalArgumentException("service '" + serviceId + "' is in neither the suggestions nor the"
                + " excluded services of this recommendation");
    }

    /** The uplift's uncertainty in words. */
    public String uncertainty(ServiceSuggestion s) {
        if (Double.isNaN(s.upliftLower())) {
            return text("uncertainty.none");
        }
        String key = s.uncertain() ? "uncertainty.unclear" : s.upliftUpper() < 0 ? "uncertainty.harm"
                : "uncertainty.clear";
        return text(key, signedPoints(s.upliftLower()), signedPoints(s.upliftUpper()));
    }
}
