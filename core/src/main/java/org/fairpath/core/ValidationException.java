package org.fairpath.core;

import java.util.List;

/**
 * Thrown when an input (a jobseeker profile, a schema, a service catalogue) has one or more problems.
 *
 * <p>Validation never stops at the first problem: {@link #problems()} holds every problem found, in input
 * order, each with its field path and what is allowed. Nothing is built from an input that throws this:
 * there are no half-built profiles, schemas or catalogues.
 */
public final class ValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String subject;
    private final transient List<Problem> problems;

    /**
     * @param subject  what was being validated, e.g. {@code "jobseeker profile 'js-17'"}
     * @param problems every problem found; at least one
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public ValidationException(String subject, List<Problem> problems) {
        super(message(subject, problems));
        this.subject = subject;
        this.problems = List.copyOf(problems);
    }

    private static String message(String subject, List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one problem");
        }
        StringBuilder sb = new StringBuilder();
        sb.append(problems.size() == 1 ? "1 problem" : problems.size() + " problems").append(" in ").append(subject);
        for (Problem p : problems) {
            sb.append(System.lineSeparator()).append("  - ").append(p);
        }
        return sb.toString();
    }

    /** What was validated, e.g. {@code "jobseeker profile 'js-17'"} or {@code "schema 'pes-default'"}. */
    public String subject() {
        return subject;
    }

    /** Every problem found, in input order; never empty. */
    public List<Problem> problems() {
        return problems;
    }
}
