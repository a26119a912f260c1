package io.ptn.validator.store;

/**
 * Work done on the writer thread against a batch: read through it, validate, then write into it. Must not block
 * (no I/O): everything slow (price look-ups) happens before submitting. May be applied again to a fresh batch when a
 * batch-mate failed half-way, so it must depend only on the batch and its own inputs; only the last run counts.
 */
@FunctionalInterface
public interface StoreCommand<R> {

    R apply(Batch batch);
}
