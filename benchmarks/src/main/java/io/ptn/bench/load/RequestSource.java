package io.ptn.bench.load;

/** Produces the bytes of the next request; called from many sender threads at once. */
interface RequestSource {

    byte[] next();

    /** The same request every time (price reads, the trivial endpoint). */
    static RequestSource fixed(byte[] request) {
        return () -> request;
    }
}
