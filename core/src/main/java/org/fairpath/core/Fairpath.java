package org.fairpath.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts about this fairpath build, for provenance. */
public final class Fairpath {

    /** The library version, e.g. {@code 0.1.0}; recorded in every bundle, suggestion and report. */
    public static final String VERSION = readVersion();

    private Fairpath() {
    }

    private static String readVersion() {
        try (InputStream in = Fairpath.class.getResourceAsStream("fairpath-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("fairpath-version.properties is missing from fairpath-core");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
