/**
 * Bias audits of suggestions, selection policies and counsellor decisions: group metrics and disparities, each with
 * a confidence interval, so oversight teams can tell a real gap from noise in a small group.
 */
package org.fairpath.fairness;
