package org.fairpath.core.model;

/**
 * Something about a profile that makes its suggestion less certain than the numbers alone suggest.
 *
 * @param kind      what it is
 * @param attribute the attribute concerned
 * @param message   a sentence for the counsellor
 */
public record DataFlag(Kind kind, String attribute, String message) {

    /** The kinds of flag. */
    public enum Kind {
        /** The value is unknown; the models use the explicit "unknown" indicator, not a guessed value. */
        MISSING_VALUE,
        /** A number outside the range seen in the training data: the models extrapolate. */
        OUT_OF_TRAINING_RANGE,
        /** A level (or an unknown value) that never occurred in the training data: the models have not learned it. */
        UNSEEN_LEVEL
    }
}
