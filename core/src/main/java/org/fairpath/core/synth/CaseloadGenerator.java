package org.fairpath.core.synth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Schema;
import org.fairpath.core.Service;
import org.fairpath.core.ServiceCatalogue;

/**
 * Generates realistic, seeded historical PES caseloads for the default schema and catalogue, with ground truth.
 *
 * <p>Each case draws correlated attributes (education depends on citizenship and age, unemployment duration on age,
 * education, disability and care duties, digital skills on age and education, ...), the true probability of
 * employment within 12 months under no programme and under every service (heterogeneous effects, below), the
 * potential outcome under each, and the service received under the historical assignment policy with the counsellor
 * biases of {@link CaseloadSettings}. Every profile passes through the schema's validation.
 *
 * <p><b>Deterministic and random-access</b>: case {@code i} depends only on the seed and {@code i} (its random stream
 * is seeded from both), so {@link #generate(long)}, {@link #stream(long)} and a parallel stream give the same cases,
 * and a 10-million-case caseload can be streamed without holding it in memory.
 *
 * <p><b>True model</b> (log-odds; {@code mu} = months unemployed, {@code edu} = education position 0..4,
 * {@code lang} = language position 0 (a1)..5 (c2), {@code dig} = digital skills 0..3). Baseline:
 * {@code 0.55 - 0.045 min(mu,48) + 0.28 (edu-2) + 0.018 (employed months - 30) - 0.045 max(0, age-50)
 * - 0.55 disability + 0.3 licence + 0.12 (lang-3) - 0.15 care - 0.25 non-EU + region + 0.12 (dig-1.5)
 * - 0.1 previous programme}, where the non-EU term stands for labour-market discrimination, not ability. Service
 * effects added to it (times {@code effectScale}):
 * <ul>
 *   <li>job-search assistance: {@code 0.35 - 0.012 min(mu,30) + 0.1 [lang >= c1]};</li>
 *   <li>vocational training: {@code 0.05 + 0.45 [edu <= lower secondary] + 0.25 [age < 35] - 0.35 [age >= 55]
 *       - 0.3 [tertiary] + 0.15 care};</li>
 *   <li>wage subsidy: {@code 0.15 + 0.5 [mu >= 12] + 0.3 [age >= 50] + 0.35 disability};</li>
 *   <li>intensive counselling: {@code 0.05 + 0.4 [mu >= 12] + 0.2 [lang <= a2] + 0.15 previous programme};</li>
 *   <li>digital self-service: {@code -0.1 + 0.3 [dig >= intermediate] + 0.15 [dig = advanced] - 0.25 [age >= 50]};</li>
 *   <li>language course: {@code 0.05 + 0.9 [lang <= a2] + 0.45 [lang = b1]}, 0.5 when the level is unknown.</li>
 * </ul>
 * Unknown values contribute their documented defaults (language -0.1, digital skills -0.05 and no skill bonus).
 *
 * <p><b>Historical assignment</b> ({@link CaseloadSettings.AssignmentPolicy#TARGETED}): a multinomial logit over the
 * eligible options with scores no programme 0.9; job-search assistance {@code 0.6 - 0.02 min(mu,24)}; training
 * {@code -0.3 + 0.5 [edu <= lower secondary] + 0.3 [age < 35]} + care-duties bias for women with care duties; wage
 * subsidy {@code -0.7 + 0.7 [mu >= 12] + 0.4 [age >= 50]}; intensive counselling {@code -0.6 + 0.6 [mu >= 12]};
 * self-service {@code -0.2 + 0.6 [dig >= intermediate]} + older bias for age 50 or more; language course
 * {@code -0.4 + 0.9 [lang <= a2]} + non-EU bias.
 *
 * <p>Thread-safe.
 */
public final class CaseloadGenerator {

    private static final String[] SERVICE_ORDER = {"job_search_assistance", "vocational_training", "wage_subsidy",
        "intensive_counselling", "digital_self_service", "language_course"};
    private static final String[] EDUCATION = {"none", "lower_secondary", "upper_secondary",
        "post_secondary_vocational", "tertiary"};
    private static final String[] LANGUAGE = {"a1", "a2", "b1", "b2", "c1", "c2"};
    private static final String[] REGION = {"capital", "north", "south", "east", "west"};
    private static final double[] REGION_EFFECT = {0.25, 0.0, -0.25, -0.15, 0.05};
    private static final String[] DIGITAL = {"none", "basic", "intermediate", "advanced"};
    private static final String[] OCCUPATION = {"elementary", "crafts_trades", "services_sales", "clerical",
        "technical_professional"};

    private final CaseloadSettings settings;
    private final Schema schema;
    private final ServiceCatalogue catalogue;
    private final List<String> arms;
    private final Service[] services;

    private CaseloadGenerator(CaseloadSettings settings) {
        this.settings = settings;
        this.schema = Schema.defaultPes();
        this.catalogue = ServiceCatalogue.defaultPes();
        List<String> a = new ArrayList<>();
        a.add(ServiceCatalogue.BASELINE);
        services = new Service[SERVICE_ORDER.length];
        for (int i = 0; i < SERVICE_ORDER.length; i++) {
            services[i] = catalogue.service(SERVICE_ORDER[i]);
            a.add(SERVICE_ORDER[i]);
        }
        this.arms = Collections.unmodifiableList(a);
    }

    /** A generator for {@link Schema#defaultPes()} and {@link ServiceCatalogue#defaultPes()}. */
    public static CaseloadGenerator create(CaseloadSettings settings) {
        return new CaseloadGenerator(Objects.requireNonNull(settings, "settings"));
    }

    public CaseloadSettings settings() {
        return settings;
    }

    public Schema schema() {
        return schema;
    }

    public ServiceCatalogue catalogue() {
        return catalogue;
    }

    /** The arms: {@code no_programme} (index 0), then the catalogue's services in catalogue order. */
    public List<String> arms() {
        return arms;
    }

    /** Index of the arm with {@code id}; throws {@link IllegalArgumentException} naming the known arms. */
    public int arm(String id) {
        int i = arms.indexOf(id);
        if (i < 0) {
            throw new IllegalArgumentException("unknown arm '" + id + "'; known: " + arms);
        }
        return i;
    }

    /**
     * The first {@code count} cases, in order, lazily: nothing is held beyond what the caller keeps. The stream may be
     * made parallel; cases are the same either way.
     *
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public Stream<SyntheticCase> stream(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count is " + count + "; it must be 0 or more");
        }
        return LongStream.range(0, count).mapToObj(this::generate);
    }

    /** The first {@code count} cases as a list (for small caseloads; use {@link #stream} for large ones). */
    public List<SyntheticCase> generate(int count) {
        return stream(count).toList();
    }

    /**
     * Case number {@code index}.
     *
     * @throws IllegalArgumentException if {@code index} is negative
     */
    public SyntheticCase generate(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index is " + index + "; it must be 0 or more");
        }
        SplittableRandom r = new SplittableRandom(mix(settings.seed(), index));
        Person p = drawPerson(r);
        double u = r.nextDouble();
        double uAssign = r.nextDouble();
        JobseekerProfile profile = JobseekerProfile.of(schema, "syn-" + index, p.values());

        int n = arms.size();
        boolean[] eligible = new boolean[n];
        eligible[0] = true;
        for (int s = 0; s < services.length; s++) {
            eligible[s + 1] = services[s].isEligible(profile);
        }
        double base = baselineLogit(p);
        double[] effects = effects(p);
        double[] trueP = new double[n];
        trueP[0] = logistic(base);
        for (int a = 1; a < n; a++) {
            trueP[a] = logistic(base + settings.effectScale() * effects[a]);
        }
        double[] propensity = propensities(p, eligible);
        int assigned = n - 1;
        double cumulative = 0;
        for (int a = 0; a < n; a++) {
            cumulative += propensity[a];
            if (uAssign < cumulative) {
                assigned = a;
                break;
            }
        }
        while (!eligible[assigned]) { // guards rounding in the last cumulative sum
            assigned--;
        }
        return new SyntheticCase(index, profile, arms, assigned, trueP, propensity, eligible, u);
    }

    /** SplitMix64 finaliser of seed and index: independent-looking streams for neighbouring cases. */
    static long mix(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static double logistic(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** The drawn attributes, as codes; -1 (or null) marks unknown for attributes that may be unknown. */
    private static final class Person {
        String gender; // female, male, diverse or null
        int citizenship; // 0 national, 1 eu, 2 non_eu
        int age;
        Boolean disability;
        int education;
        int language; // -1 unknown
        int region;
        boolean care;
        int monthsUnemployed;
        int monthsEmployed;
        boolean licence;
        int digital; // -1 unknown
        boolean previousProgramme;
        int occupation; // -1 unknown

        boolean female() {
            return "female".equals(gender);
        }

        boolean disabled() {
            return Boolean.TRUE.equals(disability);
        }

        Map<String, Object> values() {
            Map<String, Object> m = new HashMap<>(32);
            m.put("age", age);
            m.put("gender", gender);
            m.put("citizenship_group", citizenship == 0 ? "national" : citizenship == 1 ? "eu" : "non_eu");
            m.put("disability", disability);
            m.put("education_level", EDUCATION[education]);
            m.put("months_unemployed", monthsUnemployed);
            m.put("months_employed_last_5y", monthsEmployed);
            m.put("language_level", language < 0 ? null : LANGUAGE[language]);
            m.put("region", REGION[region]);
            m.put("care_duties", care);
            m.put("driving_licence", licence);
            m.put("digital_skills", digital < 0 ? null : DIGITAL[digital]);
            m.put("previous_programme", previousProgramme);
            m.put("occupation_group", occupation < 0 ? null : OCCUPATION[occupation]);
            return m;
        }
    }

    private static Person drawPerson(SplittableRandom r) {
        Person p = new Person();
        double g = r.nextDouble();
        p.gender = g < 0.005 ? null : g < 0.485 ? "female" : g < 0.99 ? "male" : "diverse";
        double c = r.nextDouble();
        p.citizenship = c < 0.78 ? 0 : c < 0.87 ? 1 : 2;
        double band = r.nextDouble();
        p.age = band < 0.22 ? 18 + r.nextInt(12) : band < 0.72 ? 30 + r.nextInt(20) : 50 + r.nextInt(17);
        p.disability = r.nextDouble() < 0.03 ? null : r.nextDouble() < 0.04 + 0.14 * (p.age - 18) / 48.0;
        double eduLatent = r.nextGaussian() + 0.1 + (p.citizenship == 0 ? 0.35 : 0) - (p.citizenship == 2 ? 0.45 : 0)
                - (p.age >= 50 ? 0.25 : 0);
        p.education = cut(eduLatent, -1.9, -0.9, 0.2, 0.9);
        if (p.citizenship == 0) {
            p.language = r.nextDouble() < 0.96 ? 5 : 4;
            r.nextGaussian(); // keep the stream aligned across citizenship groups
        } else {
            double mean = p.citizenship == 1 ? 3.3 : 2.0;
            double sd = p.citizenship == 1 ? 1.1 : 1.3;
            double level = mean + sd * r.nextGaussian() + (p.citizenship == 1 ? 0.3 : 0.4) * (p.education - 2);
            p.language = r.nextDouble() < 0.05 ? -1 : (int) Math.max(0, Math.min(5, Math.round(level)));
        }
        p.region = pick(r.nextDouble(), p.citizenship == 0 ? new double[] {0.24, 0.20, 0.20, 0.20}
                : new double[] {0.45, 0.14, 0.14, 0.14});
        boolean prime = p.age >= 25 && p.age <= 45;
        p.care = r.nextDouble() < (p.female() ? (prime ? 0.42 : 0.10) : (prime ? 0.13 : 0.05));
        double meanDuration = 10.0 * Math.exp(0.025 * (p.age - 40) - 0.22 * (p.education - 2)
                + (p.disabled() ? 0.35 : 0) + (p.citizenship == 2 ? 0.25 : 0) + (p.care ? 0.2 : 0));
        p.monthsUnemployed = (int) Math.min(240, Math.floor(-meanDuration * Math.log(1.0 - r.nextDouble())));
        int possible = Math.max(0, Math.min(60, (p.age - 16) * 12) - Math.min(p.monthsUnemployed, 60));
        double share = logistic(0.8 + 0.35 * (p.education - 2) - (p.age < 22 ? 0.8 : 0) - (p.care ? 0.4 : 0)
                + 0.5 * r.nextGaussian());
        p.monthsEmployed = (int) Math.round(possible * share);
        p.licence = r.nextDouble() < logistic(1.6 - (p.age < 21 ? 1.2 : 0) + (p.region != 0 ? 0.7 : 0)
                - (p.citizenship == 2 ? 0.9 : 0) - (p.citizenship == 1 ? 0.3 : 0) + 0.2 * (p.education - 2));
        double digLatent = r.nextGaussian() + 0.45 * (p.education - 2) - 0.035 * (p.age - 40);
        p.digital = r.nextDouble() < 0.04 ? -1 : cut(digLatent, -1.3, -0.1, 1.0);
        p.previousProgramme = r.nextDouble() < logistic(-2.0 + 0.06 * Math.min(p.monthsUnemployed, 48)
                + (p.education <= 1 ? 0.3 : 0));
        double occLatent = r.nextGaussian() + 0.7 * (p.education - 2);
        boolean neverWorked = p.monthsEmployed == 0 && r.nextDouble() < 0.6;
        int occ = cut(occLatent, -1.0, -0.3, 0.3, 0.9);
        if (occ == 1 && p.female() && r.nextDouble() < 0.6) {
            occ = 2; // women less often in crafts and trades, more in services and sales
        }
        p.occupation = neverWorked ? -1 : occ;
        return p;
    }

    private static int cut(double x, double... cuts) {
        int level = 0;
        for (double c : cuts) {
            if (x > c) {
                level++;
            }
        }
        return level;
    }

    private static int pick(double u, double[] probabilities) {
        double c = 0;
        for (int i = 0; i < probabilities.length; i++) {
            c += probabilities[i];
            if (u < c) {
                return i;
            }
        }
        return probabilities.length;
    }

    private static double baselineLogit(Person p) {
        return 0.55 - 0.045 * Math.min(p.monthsUnemployed, 48) + 0.28 * (p.education - 2)
                + 0.018 * (p.monthsEmployed - 30) - 0.045 * Math.max(0, p.age - 50)
                - (p.disabled() ? 0.55 : 0) + (p.licence ? 0.3 : 0)
                + (p.language >= 0 ? 0.12 * (p.language - 3) : -0.1)
                - (p.care ? 0.15 : 0) - (p.citizenship == 2 ? 0.25 : 0) + REGION_EFFECT[p.region]
                + (p.digital >= 0 ? 0.12 * (p.digital - 1.5) : -0.05)
                - (p.previousProgramme ? 0.1 : 0);
    }

    /** True effects on the log-odds scale, indexed by arm (0 = baseline = 0). */
    private static double[] effects(Person p) {
        int mu = p.monthsUnemployed;
        boolean longTerm = mu >= 12;
        double[] e = new double[SERVICE_ORDER.length + 1];
        e[1] = 0.35 - 0.012 * Math.min(mu, 30) + (p.language >= 4 ? 0.1 : 0);
        e[2] = 0.05 + (p.education <= 1 ? 0.45 : 0) + (p.age < 35 ? 0.25 : 0) - (p.age >= 55 ? 0.35 : 0)
                - (p.education == 4 ? 0.3 : 0) + (p.care ? 0.15 : 0);
        e[3] = 0.15 + (longTerm ? 0.5 : 0) + (p.age >= 50 ? 0.3 : 0) + (p.disabled() ? 0.35 : 0);
        e[4] = 0.05 + (longTerm ? 0.4 : 0) + (p.language >= 0 && p.language <= 1 ? 0.2 : 0)
                + (p.previousProgramme ? 0.15 : 0);
        e[5] = -0.1 + (p.digital >= 2 ? 0.3 : 0) + (p.digital == 3 ? 0.15 : 0) - (p.age >= 50 ? 0.25 : 0);
        e[6] = p.language < 0 ? 0.5 : 0.05 + (p.language <= 1 ? 0.9 : 0) + (p.language == 2 ? 0.45 : 0);
        return e;
    }

    private double[] propensities(Person p, boolean[] eligible) {
        int n = eligible.length;
        double[] w = new double[n];
        if (settings.policy() == CaseloadSettings.AssignmentPolicy.RANDOMISED) {
            for (int a = 0; a < n; a++) {
                w[a] = eligible[a] ? 1 : 0;
            }
        } else {
            boolean longTerm = p.monthsUnemployed >= 12;
            double[] score = {
                0.9,
                0.6 - 0.02 * Math.min(p.monthsUnemployed, 24),
                -0.3 + (p.education <= 1 ? 0.5 : 0) + (p.age < 35 ? 0.3 : 0)
                        + (p.female() && p.care ? settings.careDutiesTrainingBias() : 0),
                -0.7 + (longTerm ? 0.7 : 0) + (p.age >= 50 ? 0.4 : 0),
                -0.6 + (longTerm ? 0.6 : 0),
                -0.2 + (p.digital >= 2 ? 0.6 : 0) + (p.age >= 50 ? settings.olderSelfServiceBias() : 0),
                -0.4 + (p.language >= 0 && p.language <= 1 ? 0.9 : 0)
                        + (p.citizenship == 2 ? settings.nonEuLanguageBias() : 0)};
            for (int a = 0; a < n; a++) {
                w[a] = eligible[a] ? Math.exp(score[a]) : 0;
            }
        }
        double sum = 0;
        for (double x : w) {
            sum += x;
        }
        for (int a = 0; a < n; a++) {
            w[a] /= sum;
        }
        return w;
    }
}
