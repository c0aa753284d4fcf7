package org.fairpath.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class FeatureEncoderTest {

    private static final FeatureEncoder ENCODER = FeatureEncoder.of(Schema.defaultPes());

    @Test
    void featureNames_defaultSchema_followLayoutRulesAndTribuoNaming() {
        // Oracle: the layout rules in FeatureEncoder's Javadoc applied by hand to pes-default-schema.json.
        List<String> expected = List.of(
                "age@value", "education_level@value", "months_unemployed@value", "months_employed_last_5y@value",
                "language_level@value", "language_level@missing",
                "region@capital", "region@north", "region@south", "region@east", "region@west",
                "care_duties@value", "driving_licence@value",
                "digital_skills@value", "digital_skills@missing", "previous_programme@value",
                "occupation_group@elementary", "occupation_group@crafts_trades", "occupation_group@services_sales",
                "occupation_group@clerical", "occupation_group@technical_professional", "occupation_group@missing");
        assertEquals(expected, ENCODER.featureNames());
        assertEquals(22, ENCODER.width());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(i, ENCODER.columns().get(i).index());
        }
    }

    @Test
    void columnsOf_protectedOnlyAttributes_areNeverEncoded() {
        for (String protectedOnly : List.of("gender", "citizenship_group", "disability")) {
            assertEquals(0, ENCODER.columnsOf(protectedOnly).length, protectedOnly);
            assertTrue(ENCODER.featureNames().stream().noneMatch(n -> n.startsWith(protectedOnly + "@")));
        }
        // age is PROTECTED and FEATURE, with a justification: encoded
        assertArrayEquals(new int[] {0}, ENCODER.columnsOf("age"));
        assertArrayEquals(new int[] {6, 7, 8, 9, 10}, ENCODER.columnsOf("region"));
        assertThrows(IllegalArgumentException.class, () -> ENCODER.columnsOf("gendr"));
    }

    @Test
    void encode_fixtureProfile_matchesHandEncoding() {
        double[] expected = {
            34, 2, 8, 30,
            2, 0,
            0, 1, 0, 0, 0,
            1, 0,
            1, 0, 0,
            0, 0, 1, 0, 0, 0};
        assertArrayEquals(expected, ENCODER.encode(Fixtures.profile("js-1")), 0.0);
    }

    @Test
    void encode_unknownValues_setIndicatorAndZeroValueColumns() {
        JobseekerProfile p = Fixtures.profile("js-1", "language_level", null, "digital_skills", null,
                "occupation_group", null);
        double[] row = ENCODER.encode(p);
        assertEquals(0.0, row[4]);
        assertEquals(1.0, row[5]);
        assertEquals(0.0, row[13]);
        assertEquals(1.0, row[14]);
        for (int c = 16; c <= 20; c++) {
            assertEquals(0.0, row[c], "column " + c);
        }
        assertEquals(1.0, row[21]);
    }

    @Test
    void encode_reusedArray_isFullyOverwritten() {
        double[] out = new double[ENCODER.width()];
        java.util.Arrays.fill(out, 7.0);
        ENCODER.encode(Fixtures.profile("a", "occupation_group", null), out);
        ENCODER.encode(Fixtures.profile("a"), out);
        assertArrayEquals(ENCODER.encode(Fixtures.profile("a")), out, 0.0);
    }

    @Test
    void decode_isInverseOfEncodeOnFeatureAttributes() {
        Random rnd = new Random(42);
        Schema schema = Schema.defaultPes();
        for (int i = 0; i < 500; i++) {
            JobseekerProfile p = randomProfile(schema, rnd, "r" + i);
            Map<String, Object> decoded = ENCODER.decode(ENCODER.encode(p));
            for (Attribute a : schema.withRole(Role.FEATURE)) {
                assertEquals(p.value(a.name()), decoded.get(a.name()), a.name());
            }
            assertFalse(decoded.containsKey("gender"));
        }
    }

    @Test
    void decode_invalidRow_namesColumn() {
        double[] row = ENCODER.encode(Fixtures.profile("a"));
        row[8] = 1; // a second region
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ENCODER.decode(row));
        assertTrue(e.getMessage().contains("region@south"), e.getMessage());
        double[] row2 = ENCODER.encode(Fixtures.profile("a"));
        row2[1] = 7; // education has 5 levels
        assertThrows(IllegalArgumentException.class, () -> ENCODER.decode(row2));
        assertThrows(IllegalArgumentException.class, () -> ENCODER.decode(new double[3]));
    }

    @Test
    void encode_wrongLengthOrSchema_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> ENCODER.encode(Fixtures.profile("a"), new double[21]));
        JobseekerProfile p = Fixtures.foreignProfile();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ENCODER.encode(p));
        assertTrue(e.getMessage().contains("uses schema other"), e.getMessage());
    }

    @Test
    void encode_intoSuppliedArray_allocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        JobseekerProfile p = Fixtures.profile("a", "digital_skills", null);
        double[] out = new double[ENCODER.width()];
        for (int i = 0; i < 20_000; i++) { // let the JIT compile and remove anything it can
            ENCODER.encode(p, out);
        }
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            ENCODER.encode(p, out);
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        // 100k calls: any per-call allocation would be at least 1.6 MB; allow a few hundred bytes of noise.
        assertTrue(allocated < 1024, "encode allocated " + allocated + " bytes over 100,000 calls");
    }

    static JobseekerProfile randomProfile(Schema schema, Random rnd, String id) {
        Map<String, Object> m = new java.util.HashMap<>();
        for (Attribute a : schema.attributes()) {
            if (a.allowsMissing() && rnd.nextInt(5) == 0) {
                continue;
            }
            switch (a.type()) {
                case NUMERIC:
                    m.put(a.name(), (double) (long) (a.min() + rnd.nextInt((int) (a.max() - a.min()) + 1)));
                    break;
                case BOOLEAN:
                    m.put(a.name(), rnd.nextBoolean());
                    break;
                default:
                    m.put(a.name(), a.levels().get(rnd.nextInt(a.levels().size())));
            }
        }
        return JobseekerProfile.of(schema, id, m);
    }
}
