package io.ptn.validator.service;

/** A miner sent an order in another miner's name: a miner trades only for itself. */
public class MinerMismatchException extends RuntimeException {

    public MinerMismatchException(String orderMiner) {
        super("the bearer token does not belong to miner " + orderMiner, null, false, false);
    }
}
