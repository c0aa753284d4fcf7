package org.fairpath.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.fairpath.core.Attribute;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Schema;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.Recommendation;
import org.fairpath.core.model.Recommender;
import org.fairpath.core.model.ServiceSuggestion;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.fairpath.core.synth.SyntheticCase;
import org.junit.jupiter.api.Test;

final class ConcurrencyAndRobustnessTest {

    private static final CaseloadGenerator GEN = CaseloadGenerator.create(CaseloadSettings.withDefaults());
    private static final Recommender RECOMMENDER = Recommender.of(OutcomeModels.train(GEN.catalogue(),
            GEN.stream(6000).map(c -> new TrainingCase(c.profile(), c.assignedService(), c.outcome())).toList(),
            TrainingSettings.withDefaults().withBags(5)));

    /** 8 threads x 100,000 recommend calls over 1,000 profiles give exactly the sequential results. */
    @Test
    void recommend_eightThreadsTimesOneHundredThousand_equalSequential() throws Exception {
        List<JobseekerProfile> profiles = GEN.stream(7000).skip(6000).map(SyntheticCase::profile).toList();
        List<Recommendation> sequential = profiles.stream().map(RECOMMENDER::recommend).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicLong calls = new AtomicLong();
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t * 131;
                futures.add(pool.submit(() -> {
                    int mismatches = 0;
                    for (int i = 0; i < 100_000; i++) {
                        int k = (i + offset) % profiles.size();
                        if (!RECOMMENDER.recommend(profiles.get(k)).equals(sequential.get(k))) {
                            mismatches++;
                        }
                        calls.incrementAndGet();
                    }
                    return mismatches;
                }));
            }
            for (Future<Integer> f : futures) {
                assertEquals(0, f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(800_000, calls.get());
    }

    /** Valid but extreme profiles: every range edge, every optional value unknown. No NaN reaches a suggestion. */
    @Test
    void extremeValidProfiles_giveFiniteSuggestions() {
        Schema schema = GEN.schema();
        List<Map<String, Object>> extremes = new ArrayList<>();
        for (boolean high : new boolean[] {false, true}) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Attribute a : schema.attributes()) {
                switch (a.type()) {
                    case NUMERIC -> m.put(a.name(), high ? a.max() : a.min());
                    case BOOLEAN -> m.put(a.name(), high);
                    default -> m.put(a.name(), high ? a.levels().get(a.levels().size() - 1) : a.levels().get(0));
                }
                if (a.allowsMissing() && !high) {
                    m.put(a.name(), null); // every optional value unknown
                }
            }
            extremes.add(m);
        }
        int checked = 0;
        for (Map<String, Object> m : extremes) {
            JobseekerProfile p = JobseekerProfile.of(schema, "edge", m);
            Recommendation r = RECOMMENDER.recommend(p);
            assertTrue(Double.isFinite(r.pWithout()) && Double.isFinite(r.profiling().probability()));
            for (ServiceSuggestion s : r.suggestions()) {
                for (double v : new double[] {s.pWith(), s.uplift(), s.pWithLower(), s.pWithUpper(), s.upliftLower(),
                    s.upliftUpper()}) {
                    assertTrue(Double.isFinite(v), s.toString());
                }
                checked++;
            }
            assertTrue(r.hasCaveats(), "edges are outside the training range or unknown: " + r.flags());
        }
        assertTrue(checked > 0);
        System.out.printf(Locale.ROOT, "robustness: %d suggestions for 2 extreme profiles, all finite%n", checked);
    }
}
