/**
 * Explanations a counsellor can check and disagree with: additive contributions per original attribute that add up
 * exactly to the model output. Explanations never change a suggestion; they describe it.
 */
package org.fairpath.explain;
