package io.ptn.deploy;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The images' curl-free health check (bash /dev/tcp), run against a loopback HTTP server on a free port:
 * healthy only for HTTP 200 with an overall "status": "UP". Needs bash, as the images do.
 */
class HealthcheckScriptTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void upIsHealthy() throws Exception {
        serve(200, "{\n    \"status\": \"UP\",\n    \"checks\": [\n    ]\n}");
        assertEquals(0, run(Repo.PRICE, "/q/health/ready"));
        assertEquals(0, run(Repo.VALIDATOR, "/q/health/ready"));
    }

    @Test
    void downOrWrongAnswersAreUnhealthy() throws Exception {
        serve(503, "{\"status\":\"DOWN\",\"checks\":[]}");
        assertEquals(1, run(Repo.PRICE, "/q/health/ready"));
        stop();
        serve(200, "{\"status\":\"DOWN\"}");
        assertEquals(1, run(Repo.VALIDATOR, "/q/health/ready"));
        stop();
        serve(200, "<html>ok</html>");
        assertEquals(1, run(Repo.PRICE, "/q/health/ready"));
    }

    @Test
    void nothingListeningIsUnhealthy() throws Exception {
        serve(200, "{\"status\":\"UP\"}");
        int port = server.getAddress().getPort();
        stop();
        ProcessBuilder pb = new ProcessBuilder("bash", Repo.path(Repo.PRICE + "/src/main/docker/healthcheck.sh")
                .toString()).redirectErrorStream(true);
        pb.environment().put("HEALTHCHECK_PORT", String.valueOf(port));
        Process p = pb.start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue());
    }

    private void serve(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/q/health/ready", ex -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
    }

    private int run(String service, String path) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash",
                Repo.path(service + "/src/main/docker/healthcheck.sh").toString(), path).redirectErrorStream(true);
        pb.environment().put("HEALTHCHECK_PORT", String.valueOf(server.getAddress().getPort()));
        Process p = pb.start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "health check hung");
        p.getInputStream().readAllBytes();
        return p.exitValue();
    }
}
