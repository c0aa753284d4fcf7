/**
 * Outcome models and the recommender: per-option models of P(employed) trained with Tribuo (liblinear logistic
 * regression or XGBoost), compiled into allocation-free {@link org.fairpath.core.model.Scorer}s, saved as integrity-
 * checked bundles, and turned into {@link org.fairpath.core.model.Recommendation}s that rank eligible services by
 * expected benefit and always await a counsellor's review.
 */
package org.fairpath.core.model;
