package io.ptn.validator.service;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import io.ptn.validator.OrderType;

/** A validated order body. {@code leverage} is null only for FLAT orders that gave none. */
public record OrderRequest(UUID orderUuid, String minerHotkey, String tradePair, OrderType orderType, Double leverage) {

    /** Hash of the canonical body: the same order sent twice hashes the same, whatever its JSON layout. */
    public String requestHash() {
        String canonical = orderUuid + "|" + minerHotkey + "|" + tradePair.trim().toUpperCase() + "|" + orderType + "|"
                + (leverage == null ? "" : BigDecimal.valueOf(leverage).stripTrailingZeros().toPlainString());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
