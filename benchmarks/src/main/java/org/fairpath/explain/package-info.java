/**
 * Benchmark-only access to fairpath-explain's package-private reference paths (see {@link ReferencePaths}); the
 * library's own classes of this package live in fairpath-explain.
 */
package org.fairpath.explain;
