package io.ptn.price.feed.upstream;

/** A provider that can say how its REST side and its streams are doing, beyond what the supervisor sees. */
public interface ReportsHealth {

    ProviderHealth health();
}
