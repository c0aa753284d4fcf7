/**
 * The fairness audit where the data live: a Spark aggregation that counts the audited columns of a DataFrame per
 * partition and merges the counts, read with the same rules and giving the same audit, number for number, as
 * {@code fairpath audit} on the same rows in one file.
 */
package org.fairpath.spark;
