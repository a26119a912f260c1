package io.ptn.validator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.WireMockServer;

/** The price service's /q/health as it answers it (bodies recorded from a running instance, then trimmed). */
public final class PriceHealthStubs {

    private PriceHealthStubs() {
    }

    public static void up(WireMockServer wm) {
        health(wm, 200, "price-health-up.json", 0);
    }

    public static void down(WireMockServer wm) {
        health(wm, 503, "price-health-down.json", 0);
    }

    public static void slow(WireMockServer wm, int delayMs) {
        health(wm, 200, "price-health-up.json", delayMs);
    }

    private static void health(WireMockServer wm, int status, String body, int delayMs) {
        wm.stubFor(get(urlPathEqualTo("/q/health")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(read(body)).withFixedDelay(delayMs)));
    }

    private static String read(String resource) {
        try (InputStream in = PriceHealthStubs.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
