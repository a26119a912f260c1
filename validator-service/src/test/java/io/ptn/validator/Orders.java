package io.ptn.validator;

import static io.restassured.RestAssured.given;

import java.util.Locale;
import java.util.UUID;

import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;

/** Sends orders the way a miner would. */
public final class Orders {

    private Orders() {
    }

    /** JSON numbers as doubles (prices and returns need the precision). */
    public static void useDoubles() {
        RestAssured.config = RestAssuredConfig.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    public static String body(String uuid, String miner, String pair, String type, double leverage) {
        return String.format(Locale.ROOT,
                "{\"orderUuid\":\"%s\",\"minerHotkey\":\"%s\",\"tradePair\":\"%s\",\"orderType\":\"%s\",\"leverage\":%s}",
                uuid, miner, pair, type, leverage);
    }

    public static ValidatableResponse post(String miner, String body) {
        return given().header("Authorization", "Bearer token-" + miner).contentType("application/json").body(body)
                .when().post("/api/v1/orders").then();
    }

    public static ValidatableResponse place(String miner, String pair, String type, double leverage) {
        return post(miner, body(UUID.randomUUID().toString(), miner, pair, type, leverage));
    }
}
