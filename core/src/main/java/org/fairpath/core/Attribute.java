package org.fairpath.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One attribute of a jobseeker profile: its type, what values are valid, what happens when it is unknown,
 * what it may be used for, and how to name it to a person.
 *
 * <p>Immutable. Build one with {@link #numeric}, {@link #categorical}, {@link #ordinal} or {@link #bool}, or load a
 * whole {@link Schema} from JSON. {@link Builder#build()} checks every constraint at once and throws a
 * {@link ValidationException} listing all that fail.
 */
public final class Attribute {

    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Z]{2})?");
    private static final int MAX_LEVEL_LENGTH = 64;

    private final String name;
    private final AttributeType type;
    private final double min;
    private final double max;
    private final boolean integer;
    private final List<String> levels;
    private final Map<String, Integer> levelIndex;
    private final MissingPolicy missing;
    private final Set<Role> roles;
    private final Map<String, String> labels;
    private final String justification;

    private Attribute(Builder b) {
        this.name = b.name;
        this.type = b.type;
        this.min = b.min;
        this.max = b.max;
        this.integer = b.integer;
        this.levels = List.copyOf(b.levels);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < levels.size(); i++) {
            index.put(levels.get(i), i);
        }
        this.levelIndex = Collections.unmodifiableMap(index);
        this.missing = b.missing;
        this.roles = Collections.unmodifiableSet(b.roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(b.roles));
        this.labels = Collections.unmodifiableMap(new TreeMap<>(b.labels));
        this.justification = b.justification;
    }

    /** Starts a numeric attribute valid on {@code [min, max]} (both inclusive). */
    public static Builder numeric(String name, double min, double max) {
        Builder b = new Builder(name, AttributeType.NUMERIC);
        b.min = min;
        b.max = max;
        return b;
    }

    /** Starts a categorical attribute with the given unordered levels (at least two). */
    public static Builder categorical(String name, List<String> levels) {
        Builder b = new Builder(name, AttributeType.CATEGORICAL);
        b.levels = new ArrayList<>(levels);
        return b;
    }

    /** Starts an ordinal attribute with the given levels, lowest first (at least two). */
    public static Builder ordinal(String name, List<String> levels) {
        Builder b = new Builder(name, AttributeType.ORDINAL);
        b.levels = new ArrayList<>(levels);
        return b;
    }

    /** Starts a boolean attribute. */
    public static Builder bool(String name) {
        return new Builder(name, AttributeType.BOOLEAN);
    }

    /** The attribute's name: lower case letters, digits and '_', starting with a letter, at most 64 characters. */
    public String name() {
        return name;
    }

    public AttributeType type() {
        return type;
    }

    /** Lowest valid value of a NUMERIC attribute; NaN for other types. */
    public double min() {
        return min;
    }

    /** Highest valid value of a NUMERIC attribute; NaN for other types. */
    public double max() {
        return max;
    }

    /** Whether a NUMERIC attribute takes whole numbers only; false for other types. */
    public boolean isInteger() {
        return integer;
    }

    /** The levels of a CATEGORICAL or ORDINAL attribute (ORDINAL lowest first); empty for other types. */
    public List<String> levels() {
        return levels;
    }

    /** Position of {@code level} in {@link #levels()}, or -1 if this attribute has no such level. */
    public int levelIndex(String level) {
        Integer i = levelIndex.get(level);
        return i == null ? -1 : i;
    }

    public MissingPolicy missingPolicy() {
        return missing;
    }

    /** Whether a profile may leave this attribute unknown. */
    public boolean allowsMissing() {
        return missing == MissingPolicy.INDICATOR;
    }

    /** The attribute's roles (unmodifiable; may be empty). */
    public Set<Role> roles() {
        return roles;
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    /** The human labels by language tag ({@code en}, {@code fr}, {@code de}, ...); always holds {@code en}. */
    public Map<String, String> labels() {
        return labels;
    }

    /**
     * The label for {@code locale}: its language-and-country tag if present (e.g. {@code de-AT}), else its
     * language, else English.
     */
    public String label(Locale locale) {
        String tag = locale.getLanguage() + (locale.getCountry().isEmpty() ? "" : "-" + locale.getCountry());
        String l = labels.get(tag);
        if (l == null) {
            l = labels.get(locale.getLanguage());
        }
        return l != null ? l : labels.get("en");
    }

    /** The written justification for using a PROTECTED attribute as a FEATURE; present exactly then. */
    public Optional<String> justification() {
        return Optional.ofNullable(justification);
    }

    /** What values are allowed, in words, for error messages: e.g. "a whole number from 16 to 67". */
    public String describeAllowed() {
        String s;
        switch (type) {
            case NUMERIC:
                s = (integer ? "a whole number" : "a number") + " from " + format(min) + " to " + format(max);
                break;
            case CATEGORICAL:
                s = "one of " + levels;
                break;
            case ORDINAL:
                s = "one of " + String.join(" < ", levels) + " (lowest first)";
                break;
            default:
                s = "true or false";
        }
        return allowsMissing() ? s + ", or null when unknown" : s;
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Attribute)) {
            return false;
        }
        Attribute a = (Attribute) o;
        return name.equals(a.name) && type == a.type
                && Double.compare(min, a.min) == 0 && Double.compare(max, a.max) == 0
                && integer == a.integer && levels.equals(a.levels) && missing == a.missing
                && roles.equals(a.roles) && labels.equals(a.labels)
                && Objects.equals(justification, a.justification);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, min, max, integer, levels, missing, roles, labels, justification);
    }

    @Override
    public String toString() {
        return name + " (" + type.name().toLowerCase(Locale.ROOT) + ", roles " + roles + ", " + describeAllowed() + ")";
    }

    /**
     * Builds an {@link Attribute}. Setters return the builder; nothing is checked until {@link #build()}, which
     * reports every problem at once.
     */
    public static final class Builder {
        private final String name;
        private final AttributeType type;
        private double min = Double.NaN;
        private double max = Double.NaN;
        private boolean integer;
        private List<String> levels = List.of();
        private MissingPolicy missing = MissingPolicy.REJECT;
        private final Set<Role> roles = EnumSet.noneOf(Role.class);
        private final Map<String, String> labels = new LinkedHashMap<>();
        private String justification;

        private Builder(String name, AttributeType type) {
            this.name = name;
            this.type = Objects.requireNonNull(type, "type");
        }

        /** Accept whole numbers only (NUMERIC attributes). */
        public Builder integer() {
            this.integer = true;
            return this;
        }

        public Builder missing(MissingPolicy policy) {
            this.missing = Objects.requireNonNull(policy, "missing policy");
            return this;
        }

        public Builder roles(Role... roles) {
            this.roles.addAll(List.of(roles));
            return this;
        }

        /** Adds a label for a language tag such as {@code en}, {@code fr} or {@code de-AT}. */
        public Builder label(String languageTag, String label) {
            this.labels.put(languageTag, label);
            return this;
        }

        /** Why a PROTECTED attribute may be a FEATURE; kept in the schema and so in every model bundle. */
        public Builder justification(String justification) {
            this.justification = justification;
            return this;
        }

        /**
         * @throws ValidationException listing every problem with the definition
         */
        public Attribute build() {
            List<Problem> problems = check(name == null ? "attribute" : name);
            if (!problems.isEmpty()) {
                throw new ValidationException("attribute '" + name + "'", problems);
            }
            return new Attribute(this);
        }

        /** Every problem with this definition, with paths under {@code path}. */
        List<Problem> check(String path) {
            List<Problem> out = new ArrayList<>();
            if (name == null || !NAME.matcher(name).matches()) {
                out.add(bad(path + ".name", "name '" + name + "' is not allowed; use lower case letters, digits"
                        + " and '_', starting with a letter, at most 64 characters"));
            }
            if (type == AttributeType.NUMERIC) {
                if (!Double.isFinite(min) || !Double.isFinite(max)) {
                    out.add(bad(path + ".min", "numeric attribute needs finite min and max; got min " + min
                            + ", max " + max));
                } else if (min > max) {
                    out.add(bad(path + ".min", "min (" + format(min) + ") must not exceed max (" + format(max) + ")"));
                } else if (integer && (min != Math.rint(min) || max != Math.rint(max))) {
                    out.add(bad(path + ".min", "an integer attribute needs whole-number bounds; got min "
                            + min + ", max " + max));
                }
            } else {
                if (integer) {
                    out.add(bad(path + ".integer", "'integer' applies to numeric attributes only, not " + lower(type)));
                }
            }
            if (type == AttributeType.CATEGORICAL || type == AttributeType.ORDINAL) {
                if (levels.size() < 2) {
                    out.add(bad(path + ".levels", lower(type) + " attribute needs at least 2 levels; got " + levels));
                }
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < levels.size(); i++) {
                    String level = levels.get(i);
                    if (level == null || level.isBlank() || level.length() > MAX_LEVEL_LENGTH
                            || level.chars().anyMatch(Character::isISOControl)) {
                        out.add(bad(path + ".levels[" + i + "]", "level '" + level + "' is not allowed; a level is"
                                + " 1 to " + MAX_LEVEL_LENGTH + " printable characters"));
                    } else if (!seen.add(level)) {
                        out.add(bad(path + ".levels[" + i + "]", "level '" + level + "' appears twice"));
                    } else if (level.equals("missing")) {
                        out.add(bad(path + ".levels[" + i + "]", "level 'missing' is reserved for the missing-value"
                                + " indicator; use missing policy INDICATOR for unknown values"));
                    }
                }
            } else if (!levels.isEmpty()) {
                out.add(bad(path + ".levels", "levels apply to categorical and ordinal attributes only, not "
                        + lower(type)));
            }
            if (roles.contains(Role.ACTIONABLE) && roles.contains(Role.IMMUTABLE)) {
                out.add(bad(path + ".roles", "an attribute cannot be both ACTIONABLE and IMMUTABLE"));
            }
            if (roles.contains(Role.PROTECTED) && roles.contains(Role.ACTIONABLE)) {
                out.add(bad(path + ".roles", "a PROTECTED attribute cannot be ACTIONABLE: counterfactuals never"
                        + " change protected attributes"));
            }
            boolean needsJustification = roles.contains(Role.PROTECTED) && roles.contains(Role.FEATURE);
            if (needsJustification && (justification == null || justification.isBlank())) {
                out.add(bad(path + ".justification", "a PROTECTED attribute used as a FEATURE needs a written"
                        + " justification (it is kept in the schema and every model bundle)"));
            } else if (!needsJustification && justification != null) {
                out.add(bad(path + ".justification", "a justification is only for PROTECTED attributes that are"
                        + " also FEATUREs; remove it or add both roles"));
            }
            if (!labels.containsKey("en")) {
                out.add(bad(path + ".labels", "an English label ('en') is required as the fallback; got "
                        + labels.keySet()));
            }
            for (Map.Entry<String, String> e : labels.entrySet()) {
                if (e.getKey() == null || !LOCALE.matcher(e.getKey()).matches()) {
                    out.add(bad(path + ".labels", "language tag '" + e.getKey() + "' is not allowed; use"
                            + " 'en', 'fr', 'de-AT', ..."));
                } else if (e.getValue() == null || e.getValue().isBlank()) {
                    out.add(bad(path + ".labels." + e.getKey(), "label must not be blank"));
                }
            }
            return out;
        }

        private static Problem bad(String path, String message) {
            return new Problem(path, Problem.Kind.INVALID_DEFINITION, message);
        }

        private static String lower(AttributeType t) {
            return t.name().toLowerCase(Locale.ROOT);
        }
    }
}
