package org.fairpath.core.log;

import java.util.OptionalLong;

/**
 * The result of {@link DecisionLog#verify}: whether every record is intact and the chain unbroken.
 *
 * @param intact            true when nothing is wrong
 * @param records           number of records read
 * @param firstBadSequence  the sequence number of the first record that fails (empty when intact, or when the bad
 *                          line is too damaged to carry one, in which case {@code problem} gives its line number)
 * @param problem           what is wrong, in words; empty when intact
 */
public record Verification(boolean intact, long records, OptionalLong firstBadSequence, String problem) {
}
