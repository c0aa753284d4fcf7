package org.fairpath.core.review;

/**
 * What a counsellor decided about a recommendation. Overriding and rejecting need a coded reason (see
 * {@link ReasonCodes}); the note is free text, required for some codes.
 */
public sealed interface CounsellorDecision permits CounsellorDecision.Accepted, CounsellorDecision.Overridden,
        CounsellorDecision.Rejected {

    /** The decision's kind as logged: {@code ACCEPTED}, {@code OVERRIDDEN} or {@code REJECTED}. */
    String kind();

    /**
     * The counsellor refers the jobseeker to the top suggestion.
     *
     * @param serviceId the top-ranked suggested service (checked)
     */
    record Accepted(String serviceId) implements CounsellorDecision {
        public Accepted {
            requireText(serviceId, "serviceId");
        }

        @Override
        public String kind() {
            return "ACCEPTED";
        }
    }

    /**
     * The counsellor refers the jobseeker to another eligible service than the top suggestion.
     *
     * @param serviceId  the chosen service
     * @param reasonCode why, from the deployment's {@link ReasonCodes}
     * @param note       free text; required for some codes, may be null otherwise
     */
    record Overridden(String serviceId, String reasonCode, String note) implements CounsellorDecision {
        public Overridden {
            requireText(serviceId, "serviceId");
        }

        @Override
        public String kind() {
            return "OVERRIDDEN";
        }
    }

    /**
     * The counsellor refers the jobseeker to no service now.
     *
     * @param reasonCode why, from the deployment's {@link ReasonCodes}
     * @param note       free text; required for some codes, may be null otherwise
     */
    record Rejected(String reasonCode, String note) implements CounsellorDecision {
        @Override
        public String kind() {
            return "REJECTED";
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
    }
}
