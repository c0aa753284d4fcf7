/**
 * Runnable examples and the {@code fairpath} command-line launcher ({@link org.fairpath.examples.Main}). Each command
 * is a thin wrapper over the library and is documented, with an example, in the README.
 */
package org.fairpath.examples;
