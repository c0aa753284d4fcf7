/**
 * Decision stores: one record format ({@link org.fairpath.core.log.RecordCodec}: canonical one-line JSON, SHA-256
 * chained) and one chain check ({@link org.fairpath.core.log.ChainCheck}) behind the
 * {@link org.fairpath.core.log.DecisionStore} interface. The file log {@link org.fairpath.core.log.DecisionLog} is
 * the embedded default: single writer, failure-atomic appends, crash-safe purge; heads and checkpoints can be
 * anchored with Ed25519 signatures ({@link org.fairpath.core.log.Anchors}).
 * {@link org.fairpath.core.log.PostgresDecisionStore} keeps the same lines in PostgreSQL for case systems with several
 * application servers, the database ordering their appends into one chain.
 */
package org.fairpath.core.log;
