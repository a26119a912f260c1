package io.ptn.validator.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.ptn.validator.config.ValidatorConfig;
import io.quarkus.logging.Log;

/**
 * Per-miner bearer tokens, held only as SHA-256 hashes ({@code hotkey=sha256hex} from configuration and/or a
 * mounted file). A presented token is hashed and compared with every entry in constant time.
 */
@ApplicationScoped
public class MinerTokens {

    private record Entry(String hotkey, byte[] hash) {
    }

    private final List<Entry> entries;

    public MinerTokens(ValidatorConfig config) {
        Map<String, byte[]> byHotkey = new LinkedHashMap<>();
        config.miners().tokens().ifPresent(list -> list.forEach(e -> add(byHotkey, e, "validator.miners.tokens")));
        config.miners().tokensFile().filter(f -> !f.isBlank()).ifPresent(file -> {
            try {
                for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
                    String t = line.trim();
                    if (!t.isEmpty() && !t.startsWith("#")) {
                        add(byHotkey, t, file);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read validator.miners.tokens-file " + file, e);
            }
        });
        List<Entry> list = new ArrayList<>();
        byHotkey.forEach((k, v) -> list.add(new Entry(k, v)));
        this.entries = List.copyOf(list);
        if (entries.isEmpty()) {
            Log.warn("No miner tokens configured (validator.miners.tokens / tokens-file): every order will be refused with 401");
        } else {
            Log.infof("%d miner token(s) configured", entries.size());
        }
    }

    private static void add(Map<String, byte[]> into, String entry, String origin) {
        int eq = entry.indexOf('=');
        if (eq <= 0) {
            throw new IllegalStateException("miner token entry without 'hotkey=' in " + origin);
        }
        String hotkey = entry.substring(0, eq).trim();
        String hex = entry.substring(eq + 1).trim().toLowerCase();
        if (hex.length() != 64) {
            throw new IllegalStateException("miner token hash for " + hotkey + " in " + origin + " is not 64 hex characters");
        }
        try {
            into.put(hotkey, HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("miner token hash for " + hotkey + " in " + origin + " is not hex");
        }
    }

    /** The hotkey the bearer token belongs to; 401 when the header is missing, malformed or matches no miner. */
    public String authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new ProblemException(401, "a bearer token is required (Authorization: Bearer <token>)", null);
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length != 2 || !"bearer".equalsIgnoreCase(parts[0]) || parts[1].isBlank()) {
            throw new ProblemException(401, "the Authorization header must be 'Bearer <token>'", null);
        }
        byte[] presented = sha256(parts[1].trim());
        String match = null;
        for (Entry e : entries) { // no early exit: the time taken does not depend on which entry matches
            if (MessageDigest.isEqual(presented, e.hash()) && match == null) {
                match = e.hotkey();
            }
        }
        if (match == null) {
            throw new ProblemException(401, "unknown bearer token", null);
        }
        return match;
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
