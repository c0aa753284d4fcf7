package org.fairpath.core.log;

/**
 * The sequence number and hash of a record that is now durable.
 *
 * @param sequence its sequence number
 * @param hash     its SHA-256
 */
public record Appended(long sequence, String hash) {
}
