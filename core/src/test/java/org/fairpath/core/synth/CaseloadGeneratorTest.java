package org.fairpath.core.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Predicate;
import org.fairpath.core.JobseekerProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class CaseloadGeneratorTest {

    /** Large enough that 4 standard errors of the group rates below are about one percentage point. */
    private static final int N = 200_000;

    private static final CaseloadGenerator BIASED = CaseloadGenerator.create(CaseloadSettings.withDefaults());
    private static final CaseloadGenerator FAIR =
            CaseloadGenerator.create(CaseloadSettings.withDefaults().withoutCounsellorBias());
    private static List<SyntheticCase> biased;
    /** The same caseload (same seed) with every counsellor bias set to 0. */
    private static List<SyntheticCase> fair;

    private static final int TRAINING = BIASED.arm("vocational_training");
    private static final int SELF_SERVICE = BIASED.arm("digital_self_service");
    private static final int LANGUAGE = BIASED.arm("language_course");
    private static final int WAGE_SUBSIDY = BIASED.arm("wage_subsidy");

    @BeforeAll
    static void generate() {
        biased = BIASED.stream(N).parallel().toList();
        fair = FAIR.stream(N).parallel().toList();
    }

    private static boolean womanWithCareDuties(SyntheticCase c) {
        return "female".equals(c.profile().value("gender")) && Boolean.TRUE.equals(c.profile().value("care_duties"));
    }

    private static double age(SyntheticCase c) {
        return (Double) c.profile().value("age");
    }

    /** Observed share of {@code group ∧ eligible(arm)} that received {@code arm}, with the mean true propensity. */
    private static double[] assignment(List<SyntheticCase> cases, Predicate<SyntheticCase> group, int arm) {
        long n = 0;
        long got = 0;
        double expected = 0;
        for (SyntheticCase c : cases) {
            if (group.test(c) && c.eligible(arm)) {
                n++;
                got += c.assignedArm() == arm ? 1 : 0;
                expected += c.propensity(arm);
            }
        }
        return new double[] {(double) got / n, expected / n, n};
    }

    private static void assertWithinSe(double observed, double expected, double n, double ses, String what) {
        double se = Math.sqrt(expected * (1 - expected) / n);
        assertEquals(expected, observed, ses * se, what + ": observed " + observed + ", expected " + expected);
    }

    @Test
    void generate_sameSeed_sameCaseload_anyOrderAnyAccess() {
        CaseloadGenerator again = CaseloadGenerator.create(CaseloadSettings.withDefaults());
        List<SyntheticCase> a = BIASED.generate(1000);
        List<SyntheticCase> b = again.stream(1000).parallel().toList();
        for (int i = 0; i < 1000; i++) {
            assertSame(a.get(i), b.get(i));
            assertSame(a.get(i), again.generate((long) i));
            assertSame(a.get(i), biased.get(i));
        }
        assertSame(biased.get(123_456), again.generate(123_456L));
    }

    @Test
    void generate_otherSeed_otherCaseload() {
        CaseloadGenerator other = CaseloadGenerator.create(CaseloadSettings.withDefaults().withSeed(7));
        int same = 0;
        for (int i = 0; i < 1000; i++) {
            if (other.generate((long) i).profile().values().equals(biased.get(i).profile().values())) {
                same++;
            }
        }
        assertTrue(same < 5, same + " of 1000 profiles identical across seeds");
    }

    private static void assertSame(SyntheticCase x, SyntheticCase y) {
        assertEquals(x.profile(), y.profile());
        assertEquals(x.assignedArm(), y.assignedArm());
        assertEquals(x.outcome(), y.outcome());
        for (int a = 0; a < x.armCount(); a++) {
            assertEquals(x.trueProbability(a), y.trueProbability(a), 0.0);
            assertEquals(x.propensity(a), y.propensity(a), 0.0);
        }
    }

    @Test
    void stream_isLazy_soTenMillionCasesNeverSitInMemory() {
        assertEquals(3, BIASED.stream(10_000_000L).limit(3).count());
        assertEquals(9_999_999L, BIASED.generate(9_999_999L).index());
        assertThrows(IllegalArgumentException.class, () -> BIASED.stream(-1));
        assertThrows(IllegalArgumentException.class, () -> BIASED.generate(-1L));
    }

    @Test
    void cases_areConsistent_assignedEligibleAndPropensitiesSumToOne() {
        for (SyntheticCase c : biased.subList(0, 20_000)) {
            assertTrue(c.eligible(0));
            assertTrue(c.eligible(c.assignedArm()), c::toString);
            double sum = 0;
            for (int a = 0; a < c.armCount(); a++) {
                sum += c.propensity(a);
                if (!c.eligible(a)) {
                    assertEquals(0.0, c.propensity(a));
                }
                assertEquals(BIASED.catalogue().services().get(Math.max(a - 1, 0)).isEligible(c.profile()) || a == 0,
                        c.eligible(a));
            }
            assertEquals(1.0, sum, 1e-12);
            assertEquals(c.outcome(), c.potentialOutcome(c.assignedArm()));
        }
    }

    @Test
    void caseload_hasPlausibleMarginals() {
        double female = share(c -> "female".equals(c.profile().value("gender")));
        double nonEu = share(c -> "non_eu".equals(c.profile().value("citizenship_group")));
        double longTerm = share(c -> (Double) c.profile().value("months_unemployed") >= 12);
        double employed = share(SyntheticCase::outcome);
        double digitalUnknown = share(c -> c.profile().isMissing("digital_skills"));
        assertEquals(0.48, female, 0.01);
        assertEquals(0.13, nonEu, 0.01);
        assertEquals(0.04, digitalUnknown, 0.005);
        assertTrue(longTerm > 0.2 && longTerm < 0.45, "long-term unemployed share " + longTerm);
        assertTrue(employed > 0.35 && employed < 0.7, "employment rate " + employed);
    }

    private static double share(Predicate<SyntheticCase> p) {
        return biased.stream().filter(p).count() / (double) N;
    }

    @Test
    void careDutiesBias_sendsWomenWithCareDutiesToTrainingLessOften() {
        double[] on = assignment(biased, CaseloadGeneratorTest::womanWithCareDuties, TRAINING);
        double[] off = assignment(fair, CaseloadGeneratorTest::womanWithCareDuties, TRAINING);
        assertWithinSe(on[0], on[1], on[2], 4, "biased training rate");
        assertWithinSe(off[0], off[1], off[2], 4, "unbiased training rate");
        // bias -1.0 multiplies the odds by exp(-1) = 0.37; with rates near 0.15 the rate ratio is about 0.4
        assertTrue(on[0] / off[0] > 0.3 && on[0] / off[0] < 0.5, "rate ratio " + on[0] / off[0]);
        // for everyone else, the training propensity is untouched by this bias (only the other biases differ)
        Predicate<SyntheticCase> others = c -> !womanWithCareDuties(c);
        List<SyntheticCase> onlyCareBias = CaseloadGenerator.create(CaseloadSettings.withDefaults()
                .withOlderSelfServiceBias(0).withNonEuLanguageBias(0)).stream(N).parallel().toList();
        assertArrayEquals(assignment(fair, others, TRAINING), assignment(onlyCareBias, others, TRAINING));
        // the bias is harmful: women with care duties benefit from training at least as much as the eligible average
        assertTrue(meanUplift(biased, CaseloadGeneratorTest::womanWithCareDuties, TRAINING)
                > meanUplift(biased, c -> true, TRAINING));
    }

    @Test
    void olderBias_steersOlderJobseekersToSelfServiceWhereTheyGainLeast() {
        double[] on = assignment(biased, c -> age(c) >= 50, SELF_SERVICE);
        double[] off = assignment(fair, c -> age(c) >= 50, SELF_SERVICE);
        assertWithinSe(on[0], on[1], on[2], 4, "biased self-service rate");
        assertTrue(on[0] > 2 * off[0], "older self-service rate " + on[0] + " vs " + off[0] + " without bias");
        List<SyntheticCase> onlyOlderBias = CaseloadGenerator.create(CaseloadSettings.withDefaults()
                .withCareDutiesTrainingBias(0).withNonEuLanguageBias(0)).stream(N).parallel().toList();
        assertArrayEquals(assignment(fair, c -> age(c) < 50, SELF_SERVICE),
                assignment(onlyOlderBias, c -> age(c) < 50, SELF_SERVICE));
        assertTrue(meanUplift(biased, c -> age(c) >= 50, SELF_SERVICE) < 0, "self-service should not help 50+");
        assertTrue(meanUplift(biased, c -> age(c) < 50 && "advanced".equals(c.profile().value("digital_skills")),
                SELF_SERVICE) > 0.03);
    }

    @Test
    void nonEuBias_sendsNonEuCitizensToLanguageCoursesMoreOften() {
        Predicate<SyntheticCase> nonEu = c -> "non_eu".equals(c.profile().value("citizenship_group"));
        double[] on = assignment(biased, nonEu, LANGUAGE);
        double[] off = assignment(fair, nonEu, LANGUAGE);
        assertWithinSe(on[0], on[1], on[2], 4, "biased language-course rate");
        assertTrue(on[0] > 1.5 * off[0], "non-EU language-course rate " + on[0] + " vs " + off[0]);
    }

    @Test
    void trueEffects_matchPotentialOutcomesAndAreHeterogeneous() {
        for (int arm = 1; arm < BIASED.arms().size(); arm++) {
            double observed = 0;
            double truth = 0;
            for (SyntheticCase c : biased) {
                observed += (c.potentialOutcome(arm) ? 1 : 0) - (c.potentialOutcome(0) ? 1 : 0);
                truth += c.trueUplift(arm);
            }
            // Coupled draws: Y_a - Y_0 is 0 or ±1 with P(|.|=1) = |p_a - p_0|, so its SE is at most sqrt(mean|u|/N).
            double se = Math.sqrt(Math.max(Math.abs(truth / N), 1e-4) / N);
            assertEquals(truth / N, observed / N, 4 * se, BIASED.arms().get(arm));
        }
        Predicate<SyntheticCase> lowEducation = c -> List.of("none", "lower_secondary")
                .contains((String) c.profile().value("education_level"));
        Predicate<SyntheticCase> tertiary = c -> "tertiary".equals(c.profile().value("education_level"));
        assertTrue(meanUplift(biased, lowEducation, TRAINING) > meanUplift(biased, tertiary, TRAINING) + 0.1);
        assertTrue(meanUplift(biased, c -> (Double) c.profile().value("months_unemployed") >= 12, WAGE_SUBSIDY)
                > meanUplift(biased, c -> (Double) c.profile().value("months_unemployed") < 12, WAGE_SUBSIDY) + 0.08);
        Predicate<SyntheticCase> beginner = c -> "a1".equals(c.profile().value("language_level"))
                || "a2".equals(c.profile().value("language_level"));
        Predicate<SyntheticCase> fluent = c -> "c2".equals(c.profile().value("language_level"));
        assertTrue(meanUplift(biased, beginner, LANGUAGE) > 0.15);
        assertTrue(meanUplift(biased, fluent, LANGUAGE) < 0.02);
    }

    private static double meanUplift(List<SyntheticCase> cases, Predicate<SyntheticCase> group, int arm) {
        return cases.stream().filter(group).mapToDouble(c -> c.trueUplift(arm)).average().orElseThrow();
    }

    @Test
    void effectScaleZero_noServiceChangesAnyOutcome() {
        CaseloadGenerator none = CaseloadGenerator.create(CaseloadSettings.withDefaults().withEffectScale(0));
        for (SyntheticCase c : none.generate(2000)) {
            for (int a = 1; a < c.armCount(); a++) {
                assertEquals(0.0, c.trueUplift(a), 0.0);
                assertEquals(c.potentialOutcome(0), c.potentialOutcome(a));
            }
        }
    }

    @Test
    void randomisedPolicy_assignsUniformlyAmongEligibleOptions() {
        CaseloadGenerator rct = CaseloadGenerator.create(CaseloadSettings.withDefaults()
                .withPolicy(CaseloadSettings.AssignmentPolicy.RANDOMISED));
        long[] count = new long[rct.arms().size()];
        double[] expected = new double[count.length];
        int n = 50_000;
        for (SyntheticCase c : rct.generate(n)) {
            count[c.assignedArm()]++;
            int eligible = 0;
            for (int a = 0; a < c.armCount(); a++) {
                eligible += c.eligible(a) ? 1 : 0;
            }
            for (int a = 0; a < c.armCount(); a++) {
                assertEquals(c.eligible(a) ? 1.0 / eligible : 0.0, c.propensity(a), 1e-12);
                expected[a] += c.propensity(a);
            }
        }
        for (int a = 0; a < count.length; a++) {
            double p = expected[a] / n;
            assertWithinSe(count[a] / (double) n, p, n, 4, rct.arms().get(a));
        }
    }

    @Test
    void settings_outOfRange_namesSettingAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CaseloadSettings.withDefaults().withOlderSelfServiceBias(Double.NaN));
        assertEquals("olderSelfServiceBias is NaN; allowed: a log-odds shift from -5.0 to 5.0 (0 = no bias)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CaseloadSettings.withDefaults().withEffectScale(-1));
        assertThrows(IllegalArgumentException.class, () -> CaseloadSettings.withDefaults().withPolicy(null));
        assertThrows(IllegalArgumentException.class, () -> BIASED.arm("training"));
    }

    @Test
    void profiles_arePseudonymousAndValid() {
        JobseekerProfile p = biased.get(5).profile();
        assertEquals("syn-5", p.id());
        assertEquals(p, JobseekerProfile.fromJson(BIASED.schema(), p.toJson()));
        assertNotEquals(biased.get(5).profile(), biased.get(6).profile());
        assertFalse(biased.stream().anyMatch(c -> c.trueProbability(0) <= 0 || c.trueProbability(0) >= 1));
    }
}
