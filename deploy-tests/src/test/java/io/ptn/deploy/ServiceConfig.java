package io.ptn.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service reads, as far as deploy files are concerned: the keys of its application.properties (prod profile),
 * the keys its values reference as {@code ${key:default}}, and a short explicit list of Quarkus keys that deploy
 * files may set without the service declaring them.
 */
record ServiceConfig(String service, int httpPort, Set<String> keys) {

    /** Quarkus keys deploy files may set although a service's application.properties need not name them. */
    static final Set<String> KNOWN_QUARKUS_KEYS = Set.of("quarkus.http.port", "quarkus.http.host");

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}:]+)(?::[^}]*)?}");

    static ServiceConfig parse(String service, String propertiesText) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(propertiesText));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> keys = new TreeSet<>(KNOWN_QUARKUS_KEYS);
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
