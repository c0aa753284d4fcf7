/**
 * Human oversight by construction: a counsellor reviews each recommendation into an Accepted, Overridden or Rejected
 * decision (the last two with a coded reason), optionally after recording their own choice first, and only a logged
 * decision produces a {@link org.fairpath.core.review.ServiceReferral}.
 */
package org.fairpath.core.review;
