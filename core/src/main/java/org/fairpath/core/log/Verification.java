package org.fairpath.core.log;

import java.util.OptionalLong;

/**
 * The result of a verify: whether every record is intact and the chain unbroken.
 *
 * @param intact            true when nothing is wrong
 * @param records           number of records read and found good before the first problem
 * @param firstBadSequence  the sequence number of the first record that fails (empty when intact, or when the bad
 *                          line is too damaged to carry one, in which case {@code problem} gives its line number)
 * @param problem           what is wrong, in words; empty when intact
 * @param head              the last good record's sequence and hash ({@code (0, GENESIS)} when there is none)
 */
public record Verification(boolean intact, long records, OptionalLong firstBadSequence, String problem, Head head) {
}
