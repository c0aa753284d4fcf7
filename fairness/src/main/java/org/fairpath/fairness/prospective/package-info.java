/**
 * Prospective fairness: before a policy goes live, what it does to each group's expected chance of employment. Compares
 * the historical assignment, the unconstrained suggestions, a capacity-constrained allocation and a constrained-fair
 * allocation by expected employment overall, by group and by intersections of groups, with doubly robust intervals
 * where outcomes are observed, the places each uses per service and group, and what each constraint costs.
 */
package org.fairpath.fairness.prospective;
