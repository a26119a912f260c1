package io.ptn.price.feed.upstream;

import io.ptn.price.feed.ProviderException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An API key read lazily, the first time a provider really needs it: from the config value (env var) or from a
 * mounted secret file. Never logged; {@link #toString()} and {@link #mask(String)} hide it.
 */
public final class ApiKey {

    private final String provider;
    private final Optional<String> value;
    private final Optional<Path> file;
    private volatile String cached;

    public ApiKey(String provider, Optional<String> value, Optional<Path> file) {
        this.provider = provider;
        this.value = value;
        this.file = file;
    }

    /** The key; UNAUTHORIZED when none is configured or the secret file cannot be read. */
    public String get() throws ProviderException {
        String k = cached;
        if (k != null) {
            return k;
        }
        if (value.isPresent() && !value.get().isBlank()) {
            k = value.get().trim();
        } else if (file.isPresent()) {
            try {
                k = Files.readString(file.get(), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new ProviderException(ProviderException.Kind.UNAUTHORIZED,
                        provider + " api key file " + file.get() + " cannot be read: " + e.getClass().getSimpleName());
            }
        }
        if (k == null || k.isEmpty()) {
            throw new ProviderException(ProviderException.Kind.UNAUTHORIZED,
                    "no " + provider + " api key configured (" + provider + ".api-key or " + provider + ".api-key-file)");
        }
        cached = k;
        return k;
    }

    /** Replaces every occurrence of the key in a text that is about to be logged or reported. */
    public String mask(String text) {
        String k = cached;
        if (text == null || k == null || k.isEmpty()) {
            return text;
        }
        return text.replace(k, mask4(k));
    }

    static String mask4(String key) {
        return key.length() <= 4 ? "****" : "****" + key.substring(key.length() - 4);
    }

    @Override
    public String toString() {
        String k = cached;
        return "ApiKey[" + provider + ", " + (k == null ? "not read" : mask4(k)) + "]";
    }
}
