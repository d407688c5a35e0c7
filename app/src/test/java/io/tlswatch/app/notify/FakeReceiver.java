package io.tlswatch.app.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Stands in for PagerDuty ({@code /v2/enqueue}, 202) and Alertmanager ({@code /api/v2/alerts}, 200) on
 * 127.0.0.1: records every request, answers scripted responses first. {@link #hold()} keeps requests waiting.
 */
final class FakeReceiver implements AutoCloseable {
    static final String PAGERDUTY = "/v2/enqueue";
    static final String ALERTMANAGER = "/api/v2/alerts";

    /** One request as received; {@code answered} is the status it got. */
    record Received(String path, String body, Instant at, int answered) {}

    /** A scripted answer. */
    record Answer(int status, Map<String, String> headers, String body) {}

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Map<String, Deque<Answer>> scripted = new HashMap<>();
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private final java.util.concurrent.atomic.AtomicInteger arrived = new java.util.concurrent.atomic.AtomicInteger();

    FakeReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next requests to {@code path} get these answers, in order; then the success default. */
    synchronized void script(String path, Answer... answers) {
        Deque<Answer> q = scripted.computeIfAbsent(path, p -> new ArrayDeque<>());
        q.addAll(List.of(answers));
    }

    /** Requests wait until {@link #release()}. */
    void hold() {
        hold = new CountDownLatch(1);
    }

    void release() {
        hold.countDown();
    }

    /** Requests that arrived, answered or still held. */
    int arrived() {
        return arrived.get();
    }

    synchronized List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    synchronized List<Received> all() {
        return List.copyOf(received);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Instant at = Instant.now();
            arrived.incrementAndGet();
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String path = exchange.getRequestURI().getPath();
            Answer a;
            synchronized (this) {
                Deque<Answer> q = scripted.get(path);
                a = q != null && !q.isEmpty() ? q.poll()
                        : path.equals(PAGERDUTY) ? new Answer(202, Map.of(), "{\"status\":\"success\"}")
                        : path.equals(ALERTMANAGER) ? new Answer(200, Map.of(), "") : new Answer(404, Map.of(), "no");
                received.add(new Received(path, body, at, a.status()));
            }
            a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
