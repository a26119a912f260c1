package io.ptn.validator.store;

/**
 * Work done on the writer thread against a batch: read through it, validate, then write into it. Must not block
 * (no I/O): everything slow (price look-ups) happens before submitting.
 */
@FunctionalInterface
public interface StoreCommand<R> {

    R apply(Batch batch);
}
