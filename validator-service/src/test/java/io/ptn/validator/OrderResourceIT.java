package io.ptn.validator;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class OrderResourceIT extends OrderResourceTest {
}
