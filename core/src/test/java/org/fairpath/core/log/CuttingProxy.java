package org.fairpath.core.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy in front of the test server that can cut a connection at a COMMIT: either after passing the COMMIT on
 * and letting the server answer (the answer is dropped: the commit happened but the client never learns it), or
 * before passing it on (the server never commits). How a network fault at the worst moment looks to a client.
 */
final class CuttingProxy implements AutoCloseable {

    /** What to do at the next COMMIT a client sends. */
    enum Cut {
        NONE,
        /** Forward the COMMIT, drop the server's answer, then close: the record is committed but unacknowledged. */
        AFTER_COMMIT,
        /** Close without forwarding the COMMIT: the server rolls the transaction back. */
        BEFORE_COMMIT
    }

    private static final byte[] COMMIT = "COMMIT".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final int target;
    private final AtomicReference<Cut> next = new AtomicReference<>(Cut.NONE);

    CuttingProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Cuts the connection that sends the next COMMIT, as {@code cut} says. */
    void arm(Cut cut) {
        next.set(cut);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                AtomicReference<Boolean> muted = new AtomicReference<>(false);
                pump(client, server, true, muted);
                pump(server, client, false, muted);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean clientToServer, AtomicReference<Boolean> muted) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    if (clientToServer && contains(buf, n, COMMIT) && next.get() != Cut.NONE) {
                        Cut cut = next.getAndSet(Cut.NONE);
                        if (cut == Cut.AFTER_COMMIT) {
                            muted.set(true);
                            out.write(buf, 0, n);
                            out.flush();
                            Thread.sleep(500); // the server commits and answers into the void
                        }
                        from.close();
                        to.close();
                        return;
                    }
                    if (!muted.get()) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException | InterruptedException e) {
                // one side closed: close the other
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "cutting-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static boolean contains(byte[] buf, int n, byte[] word) {
        outer:
        for (int i = 0; i + word.length <= n; i++) {
            for (int j = 0; j < word.length; j++) {
                if (buf[i + j] != word[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
