package org.fairpath.examples;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Parses {@code --name value} options, rejecting unknown names and missing values with a clear message. */
final class Options {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final boolean help;

    private Options(Map<String, String> values, boolean help) {
        this.values.putAll(values);
        this.help = help;
    }

    static Options parse(String[] args, Set<String> allowed) throws Main.UsageException {
        Map<String, String> m = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                help = true;
                continue;
            }
            if (!a.startsWith("--") || !allowed.contains(a.substring(2))) {
                throw new Main.UsageException("unknown option '" + a + "'; allowed: "
                        + allowed.stream().sorted().map(s -> "--" + s).toList() + " and --help");
            }
            if (i + 1 >= args.length) {
                throw new Main.UsageException("option " + a + " needs a value");
            }
            if (m.put(a.substring(2), args[++i]) != null) {
                throw new Main.UsageException("option " + a + " is given twice");
            }
        }
        return new Options(m, help);
    }

    boolean help() {
        return help;
    }

    /** The value of {@code --name}, or {@code defaultValue} when it is not given. */
    String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    /** The value of {@code --name}; it must be given. */
    String required(String name) throws Main.UsageException {
        String v = values.get(name);
        if (v == null) {
            throw new Main.UsageException("--" + name + " is required (see --help)");
        }
        return v;
    }

    /** A comma-separated list, empty when not given. */
    java.util.List<String> list(String name) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    /** One of {@code allowed} (case-insensitive), or {@code defaultValue}. */
    String choice(String name, String defaultValue, java.util.List<String> allowed) throws Main.UsageException {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v)) {
                return a;
            }
        }
        throw new Main.UsageException("--" + name + " is '" + v + "'; allowed: " + allowed);
    }

    long longValue(String name, long defaultValue, long min, long max) throws Main.UsageException {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            long l = Long.parseLong(v.replace("_", ""));
            if (l < min || l > max) {
                throw new NumberFormatException();
            }
            return l;
        } catch (NumberFormatException e) {
            throw new Main.UsageException("--" + name + " is '" + v + "'; allowed: a whole number from " + min
                    + " to " + max);
        }
    }
}
