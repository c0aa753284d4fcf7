/**
 * Benchmark-only access to fairpath-core's package-private reference paths (see {@link ReferencePaths}); the
 * library's own classes of this package live in fairpath-core.
 */
package org.fairpath.core.model;
