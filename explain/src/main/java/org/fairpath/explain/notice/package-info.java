/**
 * People-facing output built from one canonical explanation payload: the jobseeker's notice (what was used, why, the
 * counsellor's decision, one change that would alter the suggestion, their rights and how to contest) and the
 * counsellor's card, in English, French, German, Dutch and Finnish, as HTML without scripts or network access and as
 * plain text. The payload's SHA-256 is kept in the decision record, so a notice regenerated later from the log and
 * the bundle is byte-identical or refused.
 */
package org.fairpath.explain.notice;
