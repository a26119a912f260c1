package io.ptn.price.feed.upstream;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A real websocket server on a random local port (Vert.x HttpServer). Each text message a client sends is handed to
 * the script with the connection, so a test can answer like the upstream would.
 */
public final class WsTestServer implements AutoCloseable {

    public final AtomicInteger connections = new AtomicInteger();
    public final List<String> received = new CopyOnWriteArrayList<>();
    public final List<String> paths = new CopyOnWriteArrayList<>();
    public final List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    public WsTestServer(Vertx vertx, BiConsumer<ServerWebSocket, String> script, Consumer<ServerWebSocket> onConnect)
            throws Exception {
        server = vertx.createHttpServer().webSocketHandler(ws -> {
            connections.incrementAndGet();
            paths.add(ws.path());
            sockets.add(ws);
            ws.textMessageHandler(text -> {
                received.add(text);
                script.accept(ws, text);
            });
            onConnect.accept(ws);
        });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public int port() {
        return server.actualPort();
    }

    public String url() {
        return "ws://127.0.0.1:" + port();
    }

    /** Sends a text message on the most recent connection. */
    public void send(String text) {
        last().writeTextMessage(text);
    }

    public ServerWebSocket last() {
        return sockets.get(sockets.size() - 1);
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
