package io.ptn.validator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.ptn.validator.FastFaultToleranceProfile;
import io.ptn.validator.InjectWireMock;
import io.ptn.validator.Orders;
import io.ptn.validator.PriceServiceResource;
import io.ptn.validator.PriceStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The order body as Jackson + Bean Validation read it and the miner as Quarkus Security knows it, over HTTP: each
 * refusal's exact problem body, and what stays accepted (case-insensitive type, either case of the uuid).
 */
@QuarkusTest
@TestProfile(FastFaultToleranceProfile.class)
@WithTestResource(PriceServiceResource.class)
class OrderIntakeTest {

    static {
        Orders.useDoubles();
    }

    private static final String UUID_TEXT = "4b1c7c58-1f44-4a8e-9d2d-3a1f6e1b2c3d";

    @InjectWireMock
    WireMockServer wm;

    private static String body(String uuid, String hotkey, String pair, String type, String leverage) {
        return "{\"orderUuid\":" + uuid + ",\"minerHotkey\":" + hotkey + ",\"tradePair\":" + pair + ",\"orderType\":"
                + type + (leverage == null ? "" : ",\"leverage\":" + leverage) + "}";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "number as string|\"" + UUID_TEXT + "\"|\"m12\"|\"BTCUSD\"|\"LONG\"|\"0.1\"|leverage|leverage must be a number",
            "enum as index|\"" + UUID_TEXT + "\"|\"m12\"|\"BTCUSD\"|1|0.1|orderType|orderType must be one of LONG, SHORT, FLAT",
            "unknown enum|\"" + UUID_TEXT + "\"|\"m12\"|\"BTCUSD\"|\"BUY\"|0.1|orderType|orderType must be one of LONG, SHORT, FLAT",
            "boolean as string|\"" + UUID_TEXT + "\"|true|\"BTCUSD\"|\"LONG\"|0.1|minerHotkey|minerHotkey must be a string",
            "object as string|\"" + UUID_TEXT + "\"|\"m12\"|{\"id\":\"BTCUSD\"}|\"LONG\"|0.1|tradePair|tradePair must be a string",
            "overflow to infinity|\"" + UUID_TEXT + "\"|\"m12\"|\"BTCUSD\"|\"LONG\"|1e400|leverage|leverage must be a finite number",
            "zero leverage|\"" + UUID_TEXT + "\"|\"m12\"|\"BTCUSD\"|\"LONG\"|0|leverage|leverage must be positive (the side comes from orderType)",
            "no leverage|\"" + UUID_TEXT + "\"|\"m12\"|\"BTCUSD\"|\"SHORT\"||leverage|leverage is required",
            "null type|\"" + UUID_TEXT + "\"|\"m12\"|\"BTCUSD\"|null|0.1|orderType|orderType is required",
            "uuid in base64|\"S4F8WB9ESo6dLTofbhssPQ==\"|\"m12\"|\"BTCUSD\"|\"LONG\"|0.1|orderUuid|orderUuid must be a UUID",
            "blank pair|\"" + UUID_TEXT + "\"|\"m12\"|\"  \"|\"LONG\"|0.1|tradePair|tradePair must not be blank",
            "blank hotkey|\"" + UUID_TEXT + "\"|\"\"|\"BTCUSD\"|\"LONG\"|0.1|minerHotkey|minerHotkey must be 1 to 128 characters",
    })
    void eachMalformedFieldIsA400NamingItWithItsReason(String name, String uuid, String hotkey, String pair, String type,
            String leverage, String field, String detail) {
        Orders.post("m12", body(uuid, hotkey, pair, type, leverage)).statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("about:blank")).body("title", equalTo("Bad Request")).body("status", equalTo(400))
                .body("field", equalTo(field)).body("detail", equalTo(detail));
    }

    @Test
    void anOverlongHotkeyAndAnUnknownFieldAreNamed() {
        Orders.post("m12", body("\"" + UUID_TEXT + "\"", "\"" + "h".repeat(129) + "\"", "\"BTCUSD\"", "\"LONG\"", "0.1"))
                .statusCode(400).body("field", equalTo("minerHotkey"))
                .body("detail", equalTo("minerHotkey must be 1 to 128 characters"));
        Orders.post("m12", "{\"orderUuid\":\"" + UUID_TEXT + "\",\"side\":\"LONG\"}").statusCode(400)
                .body("field", equalTo("side")).body("detail", equalTo("unknown field 'side'"));
        // the fuzzer's case: a record cannot bind a key sent twice, which once gave Jackson's 500
        Orders.post("m12", body("\"" + UUID_TEXT + "\"", "\"m12\"", "\"BTCUSD\"", "\"LONG\"", "0.1")
                .replaceFirst("}$", ",\"orderUuid\":\"dup\"}")).statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("orderUuid")).body("detail", equalTo("field 'orderUuid' appears twice"));
    }

    @Test
    void anEmptyOrNonObjectBodyIs400WithoutAField() {
        given().header("Authorization", "Bearer token-m12").contentType("application/json").body("")
                .post("/api/v1/orders").then().statusCode(400).contentType("application/problem+json")
                .body("$", not(hasKey("field"))).body("detail", containsString("empty"));
        Orders.post("m12", "[1,2]").statusCode(400).body("$", not(hasKey("field")))
                .body("detail", equalTo("the request body must be a JSON object"));
        Orders.post("m12", "{\"orderUuid\":").statusCode(400).body("$", not(hasKey("field")))
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void aLowerCaseTypeIsAcceptedAndTheUuidInEitherCaseIsTheSameOrder() {
        PriceStubs.price(wm, "DOGEUSD", 0.2, 0, 0);
        String uuid = UUID.randomUUID().toString();
        String first = Orders.post("m24", body("\"" + uuid.toUpperCase() + "\"", "\"m24\"", "\"DOGEUSD\"", "\"long\"", "0.1"))
                .statusCode(201).body("orderUuid", equalTo(uuid)).body("orderType", equalTo("LONG"))
                .extract().asString();
        PriceStubs.price(wm, "DOGEUSD", 0.3, 0, 0); // a new fill would differ
        String again = Orders.post("m24", body("\"" + uuid + "\"", "\"m24\"", "\"DOGEUSD\"", "\"LONG\"", "1E-1"))
                .statusCode(201).extract().asString();
        assertEquals(first, again);
    }

    @Test
    void noTokenIs401ProblemJsonBeforeTheBodyIsRead() {
        long before = count("unauthenticated");
        given().contentType("application/json").body("{not json").post("/api/v1/orders").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", nullValue())
                .body("title", equalTo("Unauthorized")).body("status", equalTo(401)).body("$", not(hasKey("field")))
                .body("detail", equalTo("a bearer token is required (Authorization: Bearer <token>)"));
        assertEquals(before + 1, count("unauthenticated"));
    }

    @Test
    void aTokenThatIsNotBearerOrUnknownIs401() {
        String body = Orders.body(UUID.randomUUID().toString(), "m12", "BTCUSD", "LONG", 0.1);
        given().header("Authorization", "Basic dG9rZW4tbTEy").contentType("application/json").body(body)
                .post("/api/v1/orders").then().statusCode(401).contentType("application/problem+json")
                .body("detail", equalTo("the Authorization header must be 'Bearer <token>'"));
        given().header("Authorization", "Bearer token-m99").contentType("application/json").body(body)
                .post("/api/v1/orders").then().statusCode(401).contentType("application/problem+json")
                .body("detail", equalTo("unknown bearer token"));
    }

    @Test
    void readsIgnoreTheAuthorizationHeader() {
        given().header("Authorization", "Bearer not-a-token").get("/api/v1/eliminations").then().statusCode(200);
    }

    @Test
    void anOrderInAnotherMinersNameIs403AndNothingIsStored() {
        PriceStubs.price(wm, "ADAUSD", 0.4, 0, 0);
        String uuid = UUID.randomUUID().toString();
        String body = Orders.body(uuid, "m24", "ADAUSD", "LONG", 0.1);
        long before = count("forbidden");
        Orders.post("m12", body).statusCode(403).contentType("application/problem+json")
                .body("title", equalTo("Forbidden")).body("field", equalTo("minerHotkey"))
                .body("detail", equalTo("the bearer token does not belong to miner m24"));
        assertEquals(before + 1, count("forbidden"));
        Orders.post("m24", body).statusCode(201).body("orderUuid", equalTo(uuid)); // a first fill, not a replay or 409
    }

    @Test
    void invalidBodiesAreCounted() {
        long before = count("invalid");
        Orders.post("m12", "[1]").statusCode(400);
        assertEquals(before + 1, count("invalid"));
    }

    private static long count(String outcome) {
        Matcher m = Pattern.compile("validator_orders_total\\{outcome=\"" + outcome + "\"[^}]*\\} ([0-9.E]+)")
                .matcher(given().get("/q/metrics").asString());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }
}
