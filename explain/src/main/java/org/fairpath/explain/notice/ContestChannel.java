package org.fairpath.explain.notice;

/**
 * How a jobseeker contests a decision, as the deployment sets it: whom to contact (an office, address, telephone
 * number or e-mail address, shown as text, never as a link) and within how many days.
 *
 * @param contact 1 to 200 characters, not blank, no control, format (e.g. bidirectional) or separator characters
 * @param days    1 to 365
 */
public record ContestChannel(String contact, int days) {

    /** Longest contact text. */
    public static final int MAX_CONTACT = 200;

    /**
     * @throws IllegalArgumentException naming the field and what is allowed
     */
    public ContestChannel {
        if (contact == null || contact.isBlank()) {
            throw new IllegalArgumentException("contest contact is " + (contact == null ? "missing" : "blank")
                    + "; give the office, address, telephone or e-mail a jobseeker contests through");
        }
        if (contact.length() > MAX_CONTACT) {
            throw new IllegalArgumentException("contest contact has " + contact.length() + " characters; allowed: 1 to "
                    + MAX_CONTACT);
        }
        for (int i = 0; i < contact.length(); ) {
            int cp = contact.codePointAt(i);
            if (Html.hides(cp)) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "contest contact has the"
                        + " character U+%04X at position %d; allowed: visible text and spaces (no control, format,"
                        + " bidirectional or separator characters)", cp, i + 1));
            }
            i += Character.charCount(cp);
        }
        if (!contact.equals(contact.strip())) {
            throw new IllegalArgumentException("contest contact '" + contact + "' starts or ends with spaces;"
                    + " give it without them");
        }
        if (days < 1 || days > 365) {
            throw new IllegalArgumentException("contest days is " + days + "; allowed: 1 to 365");
        }
    }
}
