package org.fairpath.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.fairpath.core.Fixtures;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Problem;
import org.fairpath.core.Schema;
import org.fairpath.core.ServiceCatalogue;
import org.fairpath.core.ValidationException;
import org.junit.jupiter.api.Test;

/**
 * Generated bad input: seeded mutations of valid profile, schema and catalogue JSON (deleted, inserted and replaced
 * bytes, truncation, wrong types, NaN and huge numbers, unknown levels and names, deep nesting, huge strings, invalid
 * UTF-8 and UTF-16). Each input either parses into a valid object or throws the documented
 * {@link ValidationException} whose problems name a path; no other exception type may escape.
 */
final class MalformedInputTest {

    static final int PER_KIND = 4000;

    /** Counts outcomes for RELIABILITY.md. */
    record Tally(int tried, int accepted, int rejected) {
    }

    static Tally fuzz(String valid, long seed, Consumer<byte[]> parse) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] base = valid.getBytes(StandardCharsets.UTF_8);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < PER_KIND; i++) {
            byte[] input = mutate(base, valid, r);
            try {
                parse.accept(input);
                accepted++;
            } catch (ValidationException e) {
                assertTrue(!e.problems().isEmpty());
                for (Problem p : e.problems()) {
                    assertTrue(!p.path().isBlank() && !p.message().isBlank(), p.toString());
                }
                rejected++;
            } catch (Throwable t) {
                fail("input " + i + " escaped as " + t + ": " + new String(input, StandardCharsets.UTF_8)
                        .substring(0, Math.min(300, input.length)), t);
            }
        }
        return new Tally(PER_KIND, accepted, rejected);
    }

    private static byte[] mutate(byte[] base, String text, SplittableRandom r) {
        switch (r.nextInt(10)) {
            case 0: { // delete a span
                int a = r.nextInt(base.length);
                int b = Math.min(base.length, a + 1 + r.nextInt(20));
                return concat(slice(base, 0, a), slice(base, b, base.length));
            }
            case 1: { // insert random bytes
                int a = r.nextInt(base.length);
                byte[] junk = new byte[1 + r.nextInt(8)];
                for (int i = 0; i < junk.length; i++) {
                    junk[i] = (byte) r.nextInt(256);
                }
                return concat(slice(base, 0, a), junk, slice(base, a, base.length));
            }
            case 2: // truncate
                return slice(base, 0, r.nextInt(base.length));
            case 3: { // replace a number with a hostile one
                String[] hostile = {"NaN", "1e400", "-1e400", "99999999999999999999999999", "1.5", "-0", "\"12\"",
                    "true", "null", "[]", "{}", "Infinity", "0x10", "1e-400"};
                return text.replaceFirst("\\b\\d+\\b", hostile[r.nextInt(hostile.length)])
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 4: { // replace a string value with an unknown or odd one
                String[] odd = {"\"\"", "\"NORTH\"", "\"x\\u0000y\"", "123", "null", "\"" + "z".repeat(2_000_000) + "\"",
                    "\"tertiary \"", "[\"a\"]"};
                return text.replaceFirst(":\\s*\"[^\"]*\"", ": " + odd[r.nextInt(odd.length)])
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 5: { // rename a key
                return text.replaceFirst("\"([a-z_]+)\"\\s*:", "\"$1x\":").getBytes(StandardCharsets.UTF_8);
            }
            case 6: // deep nesting
                return ("{\"id\":\"a\",\"attributes\":" + "[".repeat(100 + r.nextInt(1000)) + "]".repeat(50) + "}")
                        .getBytes(StandardCharsets.UTF_8);
            case 7: // wrong encoding
                return r.nextBoolean() ? text.getBytes(StandardCharsets.UTF_16LE)
                        : concat(slice(base, 0, base.length / 2), new byte[] {(byte) 0xC3, (byte) 0x28},
                        slice(base, base.length / 2, base.length));
            case 8: { // duplicate a key
                int at = text.indexOf(',');
                return (text.substring(0, at + 1) + text.substring(1, at + 1) + text.substring(at + 1))
                        .getBytes(StandardCharsets.UTF_8);
            }
            default: { // flip a byte
                byte[] c = base.clone();
                c[r.nextInt(c.length)] ^= (byte) (1 << r.nextInt(8));
                return c;
            }
        }
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Test
    void profiles_schemasAndCatalogues_onlyEverThrowTheDocumentedException() {
        Schema schema = Schema.defaultPes();
        String profile = Fixtures.profile("js-1", "digital_skills", null).toJson();
        Tally p = fuzz(profile, 1, b -> JobseekerProfile.fromJson(schema, new ByteArrayInputStream(b)));
        Tally s = fuzz(schema.toJson(), 2, b -> Schema.fromJson(new ByteArrayInputStream(b)));
        Tally c = fuzz(ServiceCatalogue.defaultPes().toJson(), 3,
                b -> ServiceCatalogue.fromJson(new ByteArrayInputStream(b), schema));
        for (Tally t : List.of(p, s, c)) {
            assertEquals(PER_KIND, t.tried());
            assertTrue(t.rejected() > PER_KIND / 2, t.toString());
        }
        System.out.printf(Locale.ROOT, "malformed input: profiles %s, schemas %s, catalogues %s%n", p, s, c);
    }
}
