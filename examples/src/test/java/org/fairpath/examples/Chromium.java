package org.fairpath.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One headless Chromium, driven over the DevTools protocol (a WebSocket from {@code java.net.http}), so a test can open
 * many pages at several widths in one browser start: load a file, set the viewport width, evaluate a script (axe-core,
 * geometry), take a full-page screenshot. Debian's {@code chromium} package; nothing is downloaded.
 */
final class Chromium implements AutoCloseable {

    /** Debian's Chromium; the system property {@code fairpath.chromium} names another binary. */
    static final Path BINARY = Path.of(System.getProperty("fairpath.chromium", "/usr/bin/chromium"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> events = new ConcurrentHashMap<>();

    private Chromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** Whether Debian's Chromium is installed here. */
    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** Starts Chromium with a fresh profile in {@code dir} and connects to it. */
    static Chromium start(Path dir) throws Exception {
        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        Process p = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--hide-scrollbars",
                "--force-device-scale-factor=1", "--remote-debugging-port=0", "--remote-allow-origins=*",
                "--user-data-dir=" + profile, "about:blank")
                .redirectOutput(dir.resolve("chromium.out").toFile())
                .redirectError(dir.resolve("chromium.err").toFile()).start();
        // Chromium writes the port it chose, and the browser's WebSocket path, into DevToolsActivePort
        Path active = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("chromium exited with " + p.exitValue() + ": "
                        + Files.readString(dir.resolve("chromium.err")));
            }
            if (Files.exists(active)) {
                lines = Files.readAllLines(active);
                if (lines.size() >= 2) {
                    break;
                }
            }
            Thread.sleep(50);
        }
        if (lines.size() < 2) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not open its DevTools port within " + TIMEOUT);
        }
        Chromium[] self = new Chromium[1];
        StringBuilder message = new StringBuilder();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                message.append(data);
                if (last) {
                    String text = message.toString();
                    message.setLength(0);
                    self[0].dispatch(text);
                }
                ws.request(1);
                return null;
            }
        };
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim()), listener)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        self[0] = new Chromium(p, ws);
        return self[0];
    }

    private void dispatch(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            if (n.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(n.get("id").asLong());
                if (f != null) {
                    if (n.has("error")) {
                        f.completeExceptionally(new IllegalStateException("DevTools error: " + n.get("error")));
                    } else {
                        f.complete(n.get("result"));
                    }
                }
            } else if (n.has("method")) {
                String key = n.path("sessionId").asText("") + "/" + n.get("method").asText();
                CompletableFuture<JsonNode> f = events.remove(key);
                if (f != null) {
                    f.complete(n.get("params"));
                }
            }
        } catch (IOException e) {
            pending.values().forEach(f -> f.completeExceptionally(e));
        }
    }

    private JsonNode send(String session, String method, ObjectNode params) throws Exception {
        long id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params == null ? JSON.createObjectNode() : params);
        if (session != null) {
            msg.put("sessionId", session);
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(JSON.writeValueAsString(msg), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** A new tab. */
    Tab open() throws Exception {
        String target = send(null, "Target.createTarget", JSON.createObjectNode().put("url", "about:blank"))
                .get("targetId").asText();
        String session = send(null, "Target.attachToTarget", JSON.createObjectNode().put("targetId", target)
                .put("flatten", true)).get("sessionId").asText();
        Tab t = new Tab(session);
        send(session, "Page.enable", null);
        send(session, "Runtime.enable", null);
        return t;
    }

    /** One tab of the browser. */
    final class Tab {

        private final String session;

        private Tab(String session) {
            this.session = session;
        }

        /** Sets the viewport to {@code width} by {@code height} CSS pixels (device scale 1, not mobile). */
        void viewport(int width, int height) throws Exception {
            send(session, "Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width)
                    .put("height", height).put("deviceScaleFactor", 1).put("mobile", false));
        }

        /** Loads {@code file} and waits for its load event. */
        void load(Path file) throws Exception {
            CompletableFuture<JsonNode> loaded = new CompletableFuture<>();
            events.put(session + "/Page.loadEventFired", loaded);
            send(session, "Page.navigate", JSON.createObjectNode().put("url", file.toUri().toString()));
            loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        /** Evaluates {@code script} in the page (awaiting a promise) and returns its value, which must be a string. */
        String eval(String script) throws Exception {
            JsonNode r = send(session, "Runtime.evaluate", JSON.createObjectNode().put("expression", script)
                    .put("awaitPromise", true).put("returnByValue", true));
            if (r.has("exceptionDetails")) {
                throw new IllegalStateException("script failed: " + r.get("exceptionDetails"));
            }
            return r.path("result").path("value").asText();
        }

        /** A PNG of the whole page at the current width, {@code scale} times its CSS pixels (at most 16,000 tall). */
        byte[] screenshot(double scale) throws Exception {
            JsonNode size = JSON.readTree(eval("JSON.stringify({w: document.documentElement.clientWidth,"
                    + " h: Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)})"));
            ObjectNode clip = JSON.createObjectNode().put("x", 0).put("y", 0).put("width", size.get("w").asInt())
                    .put("height", Math.min(16000, size.get("h").asInt())).put("scale", scale);
            ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true)
                    .put("optimizeForSpeed", true);
            params.set("clip", clip);
            return Base64.getDecoder().decode(send(session, "Page.captureScreenshot", params).get("data").asText());
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the browser is ended below either way
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** For error messages: up to {@code max} items of {@code list}, and how many more. */
    static String firstOf(List<?> list, int max) {
        List<Object> shown = new ArrayList<>(list.subList(0, Math.min(max, list.size())));
        return shown + (list.size() > max ? " and " + (list.size() - max) + " more" : "");
    }
}
