package io.ptn.validator.rest;

import io.ptn.validator.PriceServiceResource;

/**
 * Price-service stubs of the status tests' own: a test resource class of its own gives a test class its own app and
 * WireMock (Quarkus shares an app between classes with the same resources), so the browser test may stop its stub
 * and the status test may count miners and orders without the other test classes' ones.
 */
public final class StatusPriceServices {

    private StatusPriceServices() {
    }

    public static class ForStatus extends PriceServiceResource {
    }

    public static class ForBrowser extends PriceServiceResource {
    }
}
