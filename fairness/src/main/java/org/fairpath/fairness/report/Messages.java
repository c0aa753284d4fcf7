package org.fairpath.fairness.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of the HTML report in one language, read from {@code report_<language>.properties} (UTF-8) beside this
 * class. Each language has its own complete file with no fallback to another, so a missing key is an error here
 * rather than an English word in a French page ({@code MessagesTest} checks every key is in every file). Texts take
 * named placeholders, {@code {cases}}, replaced by {@link #format}; numbers are written with the language's decimal
 * separator and percent style.
 */
final class Messages {

    /** The report's languages, in the order they are listed in errors. */
    static final List<String> LANGUAGES = List.of("en", "fr", "de", "nl", "fi");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");
    private static final Map<String, Messages> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    private final String language;
    private final Map<String, String> texts;
    private final char decimal;

    private Messages(String language, Map<String, String> texts) {
        this.language = language;
        this.texts = texts;
        String sep = texts.get("format.decimal");
        if (sep == null || sep.length() != 1) {
            throw new IllegalStateException("report_" + language + ".properties: format.decimal must be one character");
        }
        this.decimal = sep.charAt(0);
    }

    /**
     * The messages for {@code locale}'s language.
     *
     * @throws IllegalArgumentException when the language is not one of {@link #LANGUAGES}, naming it and the known ones
     */
    static Messages of(Locale locale) {
        String lang = locale == null ? "" : locale.getLanguage();
        if (!LANGUAGES.contains(lang)) {
            throw new IllegalArgumentException("report language '" + (locale == null ? "null" : locale.toLanguageTag())
                    + "' is not available; known: " + LANGUAGES);
        }
        return LOADED.computeIfAbsent(lang, l -> new Messages(l, load(l)));
    }

    /** The raw key-to-text map of one language's file, as written (for the completeness test). */
    static Map<String, String> load(String language) {
        String name = "report_" + language + ".properties";
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            Properties p = new Properties();
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            Map<String, String> m = new TreeMap<>();
            p.forEach((k, v) -> m.put((String) k, (String) v));
            return Map.copyOf(m);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    /** The placeholder names used in {@code text}, e.g. {@code [cases, input]}. */
    static java.util.Set<String> placeholders(String text) {
        java.util.Set<String> s = new java.util.TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            s.add(m.group(1));
        }
        return s;
    }

    String language() {
        return language;
    }

    /** The text of {@code key}, as written in the file (not escaped). */
    String text(String key) {
        String t = texts.get(key);
        if (t == null) {
            throw new IllegalStateException("report_" + language + ".properties has no key '" + key + "'");
        }
        return t;
    }

    /** Whether the file has {@code key} (for optional per-check names). */
    boolean has(String key) {
        return texts.containsKey(key);
    }

    /**
     * The text of {@code key} with each {@code {name}} replaced by the value after that name in {@code args}
     * (name, value, name, value...). The values are inserted as given: escape them first when they come from data.
     *
     * @throws IllegalStateException when the text names a placeholder that is not given, or one given is unused
     */
    String format(String key, String... args) {
        String t = text(key);
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            values.put(args[i], args[i + 1]);
        }
        StringBuilder b = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(t);
        java.util.Set<String> used = new java.util.HashSet<>();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("report_" + language + ".properties: '" + key + "' uses {"
                        + m.group(1) + "}, which is not given");
            }
            used.add(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        if (!used.equals(values.keySet())) {
            throw new IllegalStateException("report_" + language + ".properties: '" + key + "' does not use "
                    + values.keySet().stream().filter(k -> !used.contains(k)).toList());
        }
        return b.toString();
    }

    /** {@code v} with {@code digits} decimals and this language's decimal separator; a minus sign for negatives. */
    String decimal(double v, int digits) {
        String s = String.format(Locale.ROOT, "%." + digits + "f", v);
        if (s.startsWith("-") && s.replaceAll("[-0.]", "").isEmpty()) {
            s = s.substring(1); // -0.0 shows as 0.0
        }
        return s.replace('.', decimal).replace('-', '\u2212');
    }

    /** A share as a percentage with one decimal in this language's style, e.g. "12.5%" or "12,5 %". */
    String percent(double share) {
        return format("format.percent", "value", decimal(100 * share, 1));
    }

    /**
     * A share such as a confidence level as a percentage with as many decimals as it has (up to 6), never rounded:
     * 0.95 is "95%", 0.99999 is "99.999%" (not "100.0%", which would claim certainty).
     */
    String percentExact(double share) {
        double p = 100 * share;
        for (int d = 0; d < 6; d++) {
            double scaled = p * Math.pow(10, d);
            if (Math.abs(scaled - Math.rint(scaled)) < 1e-6) {
                return format("format.percent", "value", decimal(p, d));
            }
        }
        return format("format.percent", "value", decimal(p, 6));
    }

    /** A share as a whole percentage (axis ticks), e.g. "25%" or "25 %"; one decimal when not whole. */
    String percentTick(double share) {
        double p = 100 * share;
        return format("format.percent", "value", Math.abs(p - Math.rint(p)) < 1e-9 ? decimal(p, 0) : decimal(p, 1));
    }
}
