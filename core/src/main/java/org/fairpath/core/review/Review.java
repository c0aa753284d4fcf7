package org.fairpath.core.review;

import java.util.Optional;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.model.Recommendation;

/**
 * One open review: a jobseeker, the counsellor reviewing, and the recommendation (or the manual workflow when the
 * model is switched off). In assess-first mode the recommendation stays hidden until the counsellor has recorded
 * their own choice with {@link ReviewDesk#assess}. Obtained from {@link ReviewDesk#open}; decided once.
 */
public final class Review {

    private final JobseekerProfile profile;
    private final String counsellorId;
    private final Recommendation recommendation;
    private final String manualWorkflowReason;
    private final boolean assessFirst;
    private String assessment;
    private boolean decided;
    private boolean deciding;

    Review(JobseekerProfile profile, String counsellorId, Recommendation recommendation, String manualWorkflowReason,
           boolean assessFirst) {
        this.profile = profile;
        this.counsellorId = counsellorId;
        this.recommendation = recommendation;
        this.manualWorkflowReason = manualWorkflowReason;
        this.assessFirst = assessFirst;
    }

    public JobseekerProfile profile() {
        return profile;
    }

    public String counsellorId() {
        return counsellorId;
    }

    /** Whether the model is switched off for this review, so the counsellor decides without suggestions. */
    public boolean isManualWorkflow() {
        return recommendation == null;
    }

    /** Why the manual workflow applies, if it does. */
    public Optional<String> manualWorkflowReason() {
        return Optional.ofNullable(manualWorkflowReason);
    }

    /**
     * The suggestions; empty in the manual workflow.
     *
     * @throws IllegalStateException in assess-first mode before the counsellor's own choice is recorded
     */
    public synchronized Optional<Recommendation> recommendation() {
        if (assessFirst && assessment == null && recommendation != null) {
            throw new IllegalStateException("assess-first mode: record your own choice with ReviewDesk.assess before"
                    + " the suggestions are revealed");
        }
        return Optional.ofNullable(recommendation);
    }

    /** The counsellor's own preliminary choice in assess-first mode ({@code no_programme} for none), if recorded. */
    public synchronized Optional<String> assessment() {
        return Optional.ofNullable(assessment);
    }

    public boolean isAssessFirst() {
        return assessFirst;
    }

    public synchronized boolean isDecided() {
        return decided;
    }

    Recommendation hiddenRecommendation() {
        return recommendation;
    }

    synchronized void recordAssessment(String choice) {
        if (assessment != null) {
            throw new IllegalStateException("the counsellor's own choice is already recorded: " + assessment);
        }
        assessment = choice;
    }

    /**
     * Reserves the decision: checks it may be decided now and marks it in progress, so that a second decide cannot
     * run at the same time. Follow with {@link #completeDecision} once the record is durable, or
     * {@link #abortDecision} if it could not be written.
     */
    synchronized void beginDecision() {
        if (decided) {
            throw new IllegalStateException("this review is already decided; record a change with ReviewDesk.reverse");
        }
        if (deciding) {
            throw new IllegalStateException("this review is being decided by another call right now");
        }
        if (assessFirst && assessment == null && recommendation != null) {
            throw new IllegalStateException("assess-first mode: record your own choice with ReviewDesk.assess before"
                    + " deciding");
        }
        deciding = true;
    }

    synchronized void completeDecision() {
        deciding = false;
        decided = true;
    }

    /** The decision's record was not written: the review stays open for a retry. */
    synchronized void abortDecision() {
        deciding = false;
    }
}
