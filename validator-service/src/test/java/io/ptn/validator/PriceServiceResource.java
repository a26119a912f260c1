package io.ptn.validator;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A WireMock price service on a dynamic port and a fresh data directory per application start. With init arg
 * {@code refused=true} the client is pointed at a port nobody listens on instead.
 */
public class PriceServiceResource implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;
    private boolean refused;

    @Override
    public void init(Map<String, String> initArgs) {
        refused = Boolean.parseBoolean(initArgs.getOrDefault("refused", "false"));
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().asynchronousResponseEnabled(true));
        server.start();
        String url = refused ? "http://localhost:" + closedPort() : server.baseUrl();
        try {
            Path dir = Files.createTempDirectory(Path.of("target"), "validator-data-");
            return Map.of("quarkus.rest-client.live-price.url", url, "validator.data-dir", dir.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
