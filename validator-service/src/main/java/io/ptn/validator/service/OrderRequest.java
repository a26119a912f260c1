package io.ptn.validator.service;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.ptn.validator.OrderType;

/**
 * A miner's order as sent, bound by Jackson and checked by Bean Validation before the service sees it. Unknown
 * properties and scalar coercion ({@code "leverage":"0.1"}, {@code "tradePair":7}) are refused: see
 * {@code config/StrictJson}. {@code leverage} is null only for a FLAT that gave none; {@code orderUuid} is the UUID's
 * canonical lower-case text (the canonical form only: not the base64 form Jackson's UUID type would also take).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@LeverageGiven
public record OrderRequest(
        @NotNull(message = "orderUuid is required")
        @Pattern(regexp = UUID, message = "orderUuid must be a UUID") String orderUuid,
        @NotNull(message = "minerHotkey is required")
        @NotBlank(message = HOTKEY_SIZE) @Size(max = MAX_HOTKEY, message = HOTKEY_SIZE) String minerHotkey,
        @NotNull(message = "tradePair is required")
        @NotBlank(message = "tradePair must not be blank") String tradePair,
        @NotNull(message = "orderType is required")
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_VALUES) OrderType orderType,
        @Positive(message = "leverage must be positive (the side comes from orderType)")
        @DecimalMax(value = MAX_DOUBLE, message = "leverage must be a finite number") Double leverage) {

    static final int MAX_HOTKEY = 128;
    static final String HOTKEY_SIZE = "minerHotkey must be 1 to " + MAX_HOTKEY + " characters";
    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    /** Double.MAX_VALUE: a number past it parses as infinity. */
    static final String MAX_DOUBLE = "1.7976931348623157E308";

    public OrderRequest {
        // the same uuid in either case is the same order (stored and replayed by its lower-case form)
        orderUuid = orderUuid == null ? null : orderUuid.toLowerCase(Locale.ROOT);
    }

    /** Hash of the canonical request: the same order sent twice hashes the same, whatever its JSON layout. */
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
