package io.ptn.validator.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.ptn.validator.InjectWireMock;
import io.ptn.validator.Orders;
import io.ptn.validator.PriceServiceResource;
import io.ptn.validator.PriceStubs;
import io.ptn.validator.service.RiskMonitor.Outcome;
import io.ptn.validator.store.OrderStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A mark that was fresh when fetched but aged past the max age while the round queued for the store is not used. */
@QuarkusTest
@TestProfile(RiskStaleProfile.class)
@WithTestResource(PriceServiceResource.class)
class RiskMonitorStaleTest {

    static {
        Orders.useDoubles();
    }

    @InjectWireMock
    WireMockServer wm;

    @Inject
    RiskMonitor monitor;

    @Inject
    OrderStore store;

    @Test
    void aMarkThatWentStaleInTheStoreQueueIsNotApplied() throws Exception {
        PriceStubs.price(wm, "BTCUSD", 60000, 0, 0);
        Orders.place("m1", "BTCUSD", "LONG", 0.5).statusCode(201);

        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> blocker = store.submit(b -> {
            try {
                release.await(30, TimeUnit.SECONDS); // holds the writer so the round's command waits in the queue
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        try {
            PriceStubs.batch(wm, false, "BTCUSD", 66000);
            long stubbedAt = System.currentTimeMillis();
            CompletableFuture<RiskMonitor.RoundResult> round = CompletableFuture.supplyAsync(monitor::runRound);
            while (store.queued() < 1 && !round.isDone()) {
                Thread.sleep(20);
            }
            // the mark (timestamped at stubbing) is now older than the max age
            while (System.currentTimeMillis() <= stubbedAt + RiskStaleProfile.MAX_AGE_MS + 200) {
                Thread.sleep(50);
            }
            release.countDown();
            assertEquals(Outcome.SKIPPED, round.get(30, TimeUnit.SECONDS).outcome());
        } finally {
            release.countDown();
            blocker.get(30, TimeUnit.SECONDS);
        }
        given().get("/api/v1/miners/m1/positions").then().statusCode(200)
                .body("positions[0].markPrice", not(equalTo(66000.0)));
    }
}
