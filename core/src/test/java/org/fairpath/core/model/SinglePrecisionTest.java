package org.fairpath.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class SinglePrecisionTest {

    /**
     * Oracle: glibc 2.36 (Debian 12) {@code expf} on 20,009 inputs, recorded in {@code expf-golden.txt} by
     * {@code expf-golden.c} beside it (its header gives the command).
     */
    @Test
    void expf_matchesGlibcToTheBit() throws IOException {
        int lines = 0;
        int differFromCorrectRounding = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                SinglePrecisionTest.class.getResourceAsStream("expf-golden.txt"), StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] parts = line.split(" ");
                float x = Float.intBitsToFloat(Integer.parseUnsignedInt(parts[0], 16));
                int expected = Integer.parseUnsignedInt(parts[1], 16);
                assertEquals(Integer.toHexString(expected), Integer.toHexString(Float.floatToRawIntBits(
                        SinglePrecision.expf(x))), "expf(" + x + ")");
                if (Float.floatToRawIntBits((float) Math.exp(x)) != expected) {
                    differFromCorrectRounding++;
                }
                lines++;
            }
        }
        assertEquals(20_009, lines);
        // the reason this class exists: the correctly rounded result is not always glibc's
        assertTrue(differFromCorrectRounding > 0, "no input where (float) Math.exp differs from glibc");
    }
}
