/**
 * The decision log: append-only JSON Lines, each record hash-chained to the one before, forced to disk before an
 * append returns, repaired (and the repair recorded) after a crash, verifiable end to end, and purged only through
 * an explicit, logged retention step.
 */
package org.fairpath.core.log;
