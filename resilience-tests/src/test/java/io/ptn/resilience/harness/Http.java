package io.ptn.resilience.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/** java.net.http client for all harness traffic (loopback only). Never throws: transport errors are a Resp. */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "harness-http");
                t.setDaemon(true);
                return t;
            }))
            .build();

    private Http() {
    }

    /** One exchange as seen by the client: status -1 means no answer (refused, reset, timed out). */
    public record Resp(int status, Map<String, List<String>> headers, String body,
                       long sentMs, long ackMs, String error) {
        public boolean answered() { return status > 0; }

        public String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        public String contentType() {
            String ct = header("content-type");
            return ct == null ? "" : ct;
        }

        public JsonNode json() {
            try {
                return body == null || body.isEmpty() ? null : JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return status + (error != null ? " (" + error + ")" : "") + " "
                    + (body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    public static Resp get(String url) {
        return get(url, Duration.ofSeconds(5));
    }

    public static Resp get(String url, Duration timeout) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), timeout);
    }

    public static Resp postJson(String url, String body, String authorization, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b, timeout);
    }

    public static Resp send(HttpRequest.Builder b, Duration timeout) {
        long sent = System.currentTimeMillis();
        try {
            HttpResponse<String> r = CLIENT.send(b.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            return new Resp(r.statusCode(), r.headers().map(), r.body(), sent, System.currentTimeMillis(), null);
        } catch (IOException e) {
            return new Resp(-1, Map.of(), null, sent, System.currentTimeMillis(), e.getClass().getSimpleName()
                    + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Resp(-1, Map.of(), null, sent, System.currentTimeMillis(), "interrupted");
        } catch (IllegalArgumentException e) {
            // java.net.http rejects some hostile inputs client-side (e.g. illegal header values); not a server answer
            return new Resp(-2, Map.of(), null, sent, System.currentTimeMillis(), "client refused: " + e.getMessage());
        }
    }

    public static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
