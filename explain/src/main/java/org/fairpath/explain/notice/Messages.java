package org.fairpath.explain.notice;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts of one language, from {@code messages_LANG.properties} (UTF-8), with {@code {name}} placeholders.
 * Formatting refuses a placeholder without a value, so no text leaves with a placeholder in it.
 */
final class Messages {

    /** The languages notices and cards are written in. */
    static final List<String> LANGUAGES = List.of("en", "fr", "de", "nl", "fi");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

    private final String language;
    private final Properties texts;

    private Messages(String language, Properties texts) {
        this.language = language;
        this.texts = texts;
    }

    /**
     * The messages of {@code language}.
     *
     * @throws IllegalArgumentException if it is not one of {@link #LANGUAGES}
     */
    static Messages of(String language) {
        if (!LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("language '" + language + "' is not available; allowed: "
                    + LANGUAGES);
        }
        return new Messages(language, load(language));
    }

    static Properties load(String language) {
        Properties p = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream("messages_" + language + ".properties")) {
            if (in == null) {
                throw new IllegalStateException("messages_" + language + ".properties is missing from the jar");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    String language() {
        return language;
    }

    Locale locale() {
        return Locale.forLanguageTag(language);
    }

    /** The text of {@code key} with its placeholders filled from {@code args} (name, value, name, value, ...). */
    String text(String key, Object... args) {
        String t = texts.getProperty(key);
        if (t == null) {
            throw new IllegalStateException("messages_" + language + " has no '" + key + "'");
        }
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            values.put((String) args[i], String.valueOf(args[i + 1]));
        }
        Matcher m = PLACEHOLDER.matcher(t);
        StringBuilder sb = new StringBuilder(t.length() + 64);
        int at = 0;
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("messages_" + language + " '" + key + "' needs {" + m.group(1)
                        + "}, which was not given");
            }
            sb.append(t, at, m.start()).append(v);
            at = m.end();
        }
        return sb.append(t, at, t.length()).toString();
    }

    /** {@code p} (a probability difference) in percentage points, one decimal, with this language's separator. */
    String points(double p) {
        return decimal(p, false);
    }

    /** As {@link #points} with a sign: {@code +4.2}, {@code -1.0}, {@code 0.0}. */
    String signedPoints(double p) {
        return decimal(p, true);
    }

    /** {@code p} (a probability) as a percentage with one decimal and the language's percent sign. */
    String percent(double p) {
        String n = decimal(p, false);
        return language.equals("en") || language.equals("nl") ? n + "%" : n + "\u00a0%";
    }

    private String decimal(double p, boolean signed) {
        java.math.BigDecimal b = new java.math.BigDecimal(p).movePointRight(2).setScale(1,
                java.math.RoundingMode.HALF_UP);
        String digits = b.abs().toPlainString().replace(".", text("number.decimal"));
        return (b.signum() < 0 ? "-" : signed && b.signum() > 0 ? "+" : "") + digits;
    }
}
