package org.fairpath.core;

/**
 * What an attribute may be used for. An attribute has any set of roles, within these constraints
 * (checked when a schema is built):
 * <ul>
 *   <li>{@link #ACTIONABLE} and {@link #IMMUTABLE} exclude each other;</li>
 *   <li>a {@link #PROTECTED} attribute is never {@link #ACTIONABLE} (counterfactuals never change it);</li>
 *   <li>a {@link #PROTECTED} attribute that is also a {@link #FEATURE} needs a written justification, which the
 *       schema (and so every model bundle) records.</li>
 * </ul>
 * An attribute with none of FEATURE or PROTECTED may still be used by eligibility rules.
 */
public enum Role {
    /** A model input. */
    FEATURE,
    /** Used to group audits (gender, age, citizenship, disability, ...); never a model input unless also FEATURE. */
    PROTECTED,
    /** A counterfactual may propose changing it (education, language level, ...). */
    ACTIONABLE,
    /** Cannot change (birth cohort, ...); counterfactuals never touch it. */
    IMMUTABLE
}
