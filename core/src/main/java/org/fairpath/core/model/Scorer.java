package org.fairpath.core.model;

/**
 * A compiled binary classifier: the probability of the positive outcome for one encoded row, computed from flat
 * primitive arrays. Implementations are immutable, thread-safe and allocate nothing per call; they agree with the
 * Tribuo model they were compiled from to 1e-9.
 */
public interface Scorer {

    /** Number of encoded columns a row must have. */
    int width();

    /**
     * The probability of the positive outcome for {@code row}.
     *
     * @param row an encoded row of length {@link #width()} (not checked on this hot path beyond array bounds)
     */
    double probability(double[] row);

    /** What kind of model this is, e.g. {@code "linear"} or {@code "boosted-trees"}. */
    String kind();
}
