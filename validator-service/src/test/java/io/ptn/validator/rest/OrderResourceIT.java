package io.ptn.validator.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class OrderResourceIT extends OrderResourceTest {
}
