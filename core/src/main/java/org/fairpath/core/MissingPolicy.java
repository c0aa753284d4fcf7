package org.fairpath.core;

/** What a profile may do when it has no value for an attribute. */
public enum MissingPolicy {
    /** A value is required; a profile without one is rejected. */
    REJECT,
    /**
     * The value may be unknown. An encoded FEATURE then gets an extra {@code <name>@missing} column that is 1 when the
     * value is unknown (the value columns are 0), so models learn from the absence instead of from an invented value.
     */
    INDICATOR
}
