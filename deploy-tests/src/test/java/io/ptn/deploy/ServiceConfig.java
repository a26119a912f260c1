package io.ptn.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service reads, as far as deploy files are concerned: the keys of its application.properties (prod profile),
 * the keys its values reference as {@code ${key:default}}, the keys of its {@code @ConfigMapping} interfaces (for
 * optional keys without a default, such as {@code polygon.api-key}), and a short explicit list of Quarkus keys that
 * deploy files may set without the service declaring them.
 */
record ServiceConfig(String service, int httpPort, Set<String> keys) {

    /** Quarkus keys deploy files may set although a service's application.properties need not name them. */
    static final Set<String> KNOWN_QUARKUS_KEYS = Set.of("quarkus.http.port", "quarkus.http.host");

    /**
     * Keys docs/contract.md promises a service reads that its code on this branch may not declare yet (the provider
     * keys come with the `providers` branch's {@code @ConfigMapping}s). Kept short and explicit on purpose.
     */
    static final Map<String, Set<String>> CONTRACT_KEYS = Map.of(
            "live-price-service", Set.of("polygon.api-key", "tiingo.api-key"));

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}:]+)(?::[^}]*)?}");

    static ServiceConfig parse(String service, String propertiesText) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(propertiesText));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> keys = new TreeSet<>(KNOWN_QUARKUS_KEYS);
        keys.addAll(CONTRACT_KEYS.getOrDefault(service, Set.of()));
        String port = null;
        for (String raw : props.stringPropertyNames()) {
            String key = prodKey(raw);
            if (key == null) {
                continue;
            }
            keys.add(key);
            Matcher m = REFERENCE.matcher(props.getProperty(raw));
            while (m.find()) {
                keys.add(m.group(1));
            }
            if (key.equals("quarkus.http.port") && (port == null || raw.startsWith("%prod."))) {
                port = props.getProperty(raw).trim();
            }
        }
        if (port == null) {
            throw new IllegalArgumentException(service + ": application.properties sets no quarkus.http.port");
        }
        return new ServiceConfig(service, Integer.parseInt(port), keys);
    }

    /** Adds the keys declared by {@code @ConfigMapping} interfaces (top level and one level of nested groups). */
    ServiceConfig withMappings(List<String> javaSources) {
        Set<String> all = new TreeSet<>(keys);
        for (String source : javaSources) {
            all.addAll(mappingKeys(source));
        }
        return new ServiceConfig(service, httpPort, all);
    }

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern NESTED = Pattern.compile("^ {4}(?:public\\s+|static\\s+)*interface\\s+(\\w+)");
    private static final Pattern METHOD = Pattern.compile("^( +)([\\w<>\\[\\], ?.]+?)\\s+(\\w+)\\(\\);");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\(\"([^\"]+)\"\\)");

    static Set<String> mappingKeys(String source) {
        Matcher prefix = MAPPING.matcher(source);
        if (!prefix.find()) {
            return Set.of();
        }
        Map<String, String> topLevel = new LinkedHashMap<>();      // property name -> return type
        Map<String, List<String>> nested = new LinkedHashMap<>();  // interface -> property names
        String current = null;
        String withName = null;
        for (String line : source.split("\n")) {
            Matcher n = NESTED.matcher(line);
            Matcher w = WITH_NAME.matcher(line);
            Matcher m = METHOD.matcher(line);
            if (n.find()) {
                current = n.group(1);
                nested.put(current, new ArrayList<>());
            } else if (line.startsWith("    }")) {
                current = null;
            } else if (w.find()) {
                withName = w.group(1);
            } else if (m.find()) {
                String name = withName != null ? withName : kebab(m.group(3));
                withName = null;
                if (current == null && m.group(1).length() == 4) {
                    topLevel.put(name, m.group(2).trim());
                } else if (current != null && m.group(1).length() == 8) {
                    nested.get(current).add(name);
                }
            }
        }
        Set<String> keys = new TreeSet<>();
        topLevel.forEach((name, type) -> {
            List<String> group = nested.get(type);
            if (group == null) {
                keys.add(prefix.group(1) + "." + name);
            } else {
                group.forEach(g -> keys.add(prefix.group(1) + "." + name + "." + g));
            }
        });
        return keys;
    }

    /** SmallRye's default naming of a mapping method: camelCase to kebab-case. */
    static String kebab(String method) {
        return method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The key as seen in the prod profile, or null when the line belongs only to other profiles. */
    private static String prodKey(String raw) {
        if (!raw.startsWith("%")) {
            return raw;
        }
        int dot = raw.indexOf('.');
        if (dot < 0) {
            return null;
        }
        for (String profile : raw.substring(1, dot).split(",")) {
            if (profile.trim().equals("prod")) {
                return raw.substring(dot + 1);
            }
        }
        return null;
    }

    /** SmallRye Config's env var form of a property: every non-alphanumeric character becomes '_', upper case. */
    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The property an env var sets in this service, or null when the service reads no such key. */
    String keyForEnv(String envVar) {
        for (String key : keys) {
            if (envName(key).equals(envVar)) {
                return key;
            }
        }
        return null;
    }

    boolean readsEnv(String envVar) {
        return keyForEnv(envVar) != null;
    }
}
