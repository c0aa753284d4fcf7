package org.fairpath.core.allocation;

import org.fairpath.core.model.Recommendation;

/**
 * One jobseeker's allocation, as a suggestion for a counsellor: the recommendation with the allocated service as its
 * top suggestion (the other eligible services follow by uplift), the service that would have been best without
 * limits, and why the two differ. Counsellors accept, override or reject it as any other recommendation.
 *
 * <p>When no place is allocated ({@code allocated} is {@code no_programme}) the suggestions keep their uplift order
 * and {@link #reason()} says why none of them was allocated.
 *
 * @param recommendation    the reordered recommendation, awaiting review
 * @param allocated         the allocated service id, or {@code no_programme}
 * @param unconstrainedBest the option with the largest objective value without any limit ({@code no_programme} when
 *                          no service is expected to help)
 * @param reason            why {@code allocated} differs from {@code unconstrainedBest}
 */
public record Placement(Recommendation recommendation, String allocated, String unconstrainedBest, Reason reason) {

    /** Why the allocation differs from the unconstrained best. */
    public enum Reason {
        /** It does not: the allocated option is the unconstrained best. */
        UNCONSTRAINED_BEST("unconstrained best"),
        /** Places were limited: the capacity-only allocation already gives this jobseeker something else. */
        CAPACITY("capacity"),
        /** A group constraint moved this jobseeker away from the capacity-only allocation. */
        GROUP_CONSTRAINT("group constraint");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        /** {@code "unconstrained best"}, {@code "capacity"} or {@code "group constraint"}. */
        public String label() {
            return label;
        }
    }
}
