package io.ptn.price.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
public class PriceLookupsIT extends PriceLookupsTest {
}
