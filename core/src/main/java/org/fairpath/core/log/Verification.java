package org.fairpath.core.log;

import java.util.Objects;
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
 * @param note              what an intact verdict could not check, in words; empty when everything asked was checked.
 *                          Today only one case: an expected head whose record a retention purge removed, vouched
 *                          for by the starting checkpoint rather than compared record by record (see
 *                          {@link ChainCheck})
 */
public record Verification(boolean intact, long records, OptionalLong firstBadSequence, String problem, Head head,
        String note) {

    public Verification {
        Objects.requireNonNull(firstBadSequence, "firstBadSequence");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(note, "note");
    }

    /** A verdict with nothing left unchecked ({@code note} empty). */
    public Verification(boolean intact, long records, OptionalLong firstBadSequence, String problem, Head head) {
        this(intact, records, firstBadSequence, problem, head, "");
    }
}
