package org.fairpath.core.review;

import java.time.Instant;
import java.util.Objects;

/**
 * The actionable result of a review: the jobseeker is referred to a service. Only {@link ReviewDesk} creates
 * referrals, and only from a logged counsellor decision; there is no way to make one from a suggestion alone.
 */
public final class ServiceReferral {

    private final String jobseekerId;
    private final String serviceId;
    private final String counsellorId;
    private final long decisionSequence;
    private final Instant time;

    ServiceReferral(String jobseekerId, String serviceId, String counsellorId, long decisionSequence, Instant time) {
        this.jobseekerId = jobseekerId;
        this.serviceId = serviceId;
        this.counsellorId = counsellorId;
        this.decisionSequence = decisionSequence;
        this.time = time;
    }

    public String jobseekerId() {
        return jobseekerId;
    }

    public String serviceId() {
        return serviceId;
    }

    /** Who decided. */
    public String counsellorId() {
        return counsellorId;
    }

    /** Sequence number of the decision record in the decision log. */
    public long decisionSequence() {
        return decisionSequence;
    }

    public Instant time() {
        return time;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceReferral r && r.decisionSequence == decisionSequence
                && r.jobseekerId.equals(jobseekerId) && r.serviceId.equals(serviceId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jobseekerId, serviceId, decisionSequence);
    }

    @Override
    public String toString() {
        return "ServiceReferral[" + jobseekerId + " -> " + serviceId + ", decided by " + counsellorId
                + ", log record " + decisionSequence + "]";
    }
}
