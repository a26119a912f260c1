package io.ptn.validator.service;

/** What goes back to the miner: a status and the exact JSON body. */
public record OrderResult(int status, String orderUuid, String json, boolean replay) {
}
