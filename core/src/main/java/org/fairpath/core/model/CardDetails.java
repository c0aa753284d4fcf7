package org.fairpath.core.model;

import java.util.List;

/**
 * What only the deployer can say in a model card: who runs the system, on what legal basis, whom to contact, where
 * the training data came from and which period it covers, and (if it differs from fairpath's default) the intended
 * purpose and the uses out of scope. Anything not given is written as {@value #NOT_STATED}, never guessed.
 *
 * @param deployer        the organisation deploying the system
 * @param legalBasis      the legal basis of the processing (e.g. the national law on employment services)
 * @param contact         where jobseekers and counsellors can ask about the system
 * @param dataSource      where the training cases came from
 * @param dataPeriod      the period the training cases cover
 * @param intendedPurpose what the system is for
 * @param outOfScope      uses it must not be put to
 */
public record CardDetails(String deployer, String legalBasis, String contact, String dataSource, String dataPeriod,
                          String intendedPurpose, List<String> outOfScope) {

    /** Written for every field nobody filled in. */
    public static final String NOT_STATED = "not stated";
    /** Longest text accepted in one field. */
    public static final int MAX_LENGTH = 2000;

    /** fairpath's intended purpose, used unless the deployer states its own. */
    public static final String DEFAULT_PURPOSE = "Suggest which employment services (training, job-search assistance,"
            + " wage subsidies, counselling, ...) are expected to help a jobseeker find work, ranked by expected benefit,"
            + " as suggestions that a human counsellor accepts, overrides or rejects; explain each suggestion; and let"
            + " oversight teams audit suggestions and decisions for group disparities.";
    /** Uses out of scope, always listed (a deployer may add to them). */
    public static final List<String> DEFAULT_OUT_OF_SCOPE = List.of(
            "sanctions or any penalty against a jobseeker",
            "cutting, suspending or refusing benefits",
            "fraud detection or investigation",
            "ranking or selecting jobseekers by risk or 'employability' instead of by the benefit of a service",
            "any decision without review by a human counsellor");

    /**
     * Words that name a use out of scope; a stated purpose containing one (ignoring case) is refused. A word list
     * catches the plain wording, not every paraphrase: the purpose is still the deployer's responsibility.
     */
    static final List<String> OUT_OF_SCOPE_TERMS = List.of("fraud", "sanction", "penalt", "benefit cut",
            "cut benefit", "cutting benefit", "cuts to benefit", "benefit suspension", "suspend benefit",
            "suspending benefit", "refuse benefit", "refusing benefit", "benefit refusal", "risk ranking",
            "rank by risk", "ranking by risk", "risk score", "risk scoring", "rank jobseekers by risk",
            "employability ranking", "without review", "without a counsellor", "automated decision");

    public CardDetails {
        check("deployer", deployer);
        check("legalBasis", legalBasis);
        check("contact", contact);
        check("dataSource", dataSource);
        check("dataPeriod", dataPeriod);
        check("intendedPurpose", intendedPurpose);
        String purpose = comparable(intendedPurpose);
        for (String term : OUT_OF_SCOPE_TERMS) {
            if (purpose.contains(term)) {
                throw new IllegalArgumentException("intendedPurpose contains '" + term + "', a use out of scope ("
                        + DEFAULT_OUT_OF_SCOPE + "); state a purpose within them");
            }
        }
        if (outOfScope == null || !outOfScope.containsAll(DEFAULT_OUT_OF_SCOPE)) {
            throw new IllegalArgumentException("outOfScope must keep every default use out of scope "
                    + DEFAULT_OUT_OF_SCOPE + "; a deployer may add to them");
        }
        for (int i = 0; i < outOfScope.size(); i++) {
            check("outOfScope[" + i + "]", outOfScope.get(i));
        }
        outOfScope = List.copyOf(outOfScope);
    }

    /** Every deployer field {@value #NOT_STATED}; fairpath's purpose and uses out of scope. */
    public static CardDetails notStated() {
        return new CardDetails(NOT_STATED, NOT_STATED, NOT_STATED, NOT_STATED, NOT_STATED, DEFAULT_PURPOSE,
                DEFAULT_OUT_OF_SCOPE);
    }

    public CardDetails withDeployer(String v) {
        return new CardDetails(v, legalBasis, contact, dataSource, dataPeriod, intendedPurpose, outOfScope);
    }

    public CardDetails withLegalBasis(String v) {
        return new CardDetails(deployer, v, contact, dataSource, dataPeriod, intendedPurpose, outOfScope);
    }

    public CardDetails withContact(String v) {
        return new CardDetails(deployer, legalBasis, v, dataSource, dataPeriod, intendedPurpose, outOfScope);
    }

    public CardDetails withData(String source, String period) {
        return new CardDetails(deployer, legalBasis, contact, source, period, intendedPurpose, outOfScope);
    }

    /** Adds uses out of scope to the defaults. */
    public CardDetails withOutOfScope(List<String> more) {
        List<String> all = new java.util.ArrayList<>(outOfScope);
        more.stream().filter(m -> !all.contains(m)).forEach(all::add);
        return new CardDetails(deployer, legalBasis, contact, dataSource, dataPeriod, intendedPurpose, all);
    }

    /**
     * The purpose as the out-of-scope check reads it: compatibility-normalised (NFKC: full-width and styled letters
     * become plain ones), invisible format characters removed, lower case, single spaces. A word that mixes letters of
     * two scripts ("fr\u0430ud" with a Cyrillic a) is refused: it cannot be read with certainty, and look-alike
     * letters would otherwise slip a use out of scope past the word list.
     */
    private static String comparable(String purpose) {
        String plain = java.text.Normalizer.normalize(purpose, java.text.Normalizer.Form.NFKC).codePoints()
                .filter(c -> Character.getType(c) != Character.FORMAT)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        for (String word : plain.split("[^\\p{L}\\p{M}]+")) {
            java.util.Set<Character.UnicodeScript> scripts = java.util.EnumSet.noneOf(Character.UnicodeScript.class);
            word.codePoints().filter(Character::isLetter).mapToObj(Character.UnicodeScript::of)
                    .filter(sc -> sc != Character.UnicodeScript.COMMON && sc != Character.UnicodeScript.INHERITED)
                    .forEach(scripts::add);
            if (scripts.size() > 1) {
                throw new IllegalArgumentException("intendedPurpose has a word mixing letters of " + scripts
                        + " ('" + word + "'); write each word in one script");
            }
        }
        return plain.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
    }

    private static void check(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is empty; give a text of 1 to " + MAX_LENGTH
                    + " characters, or leave it '" + NOT_STATED + "'");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(field + " has " + value.length() + " characters; at most " + MAX_LENGTH
                    + " are allowed");
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw new IllegalArgumentException(field + " contains a control character; only printable text and line"
                    + " breaks are allowed");
        }
    }
}
