/**
 * Reports of an audit: the versioned JSON contract (documented by a JSON Schema in this package's resources) and a
 * self-contained HTML page with SVG charts that needs no network.
 */
package org.fairpath.fairness.report;
