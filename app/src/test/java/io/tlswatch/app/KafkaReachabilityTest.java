package io.tlswatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaReachabilityTest {
    private final List<String> notices = new ArrayList<>();

    /** Sockets that hold the refusing ports until the test ends. */
    private final List<Socket> held = new ArrayList<>();

    /**
     * A loopback port that refuses connections and that no other process can take while the test runs: a socket
     * bound to it that never listens (a connection to it is refused, as to a closed port).
     */
    private int refusingPort() throws IOException {
        Socket s = new Socket();
        held.add(s);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return s.getLocalPort();
    }

    @AfterEach
    void releasePorts() throws IOException {
        for (Socket s : held) {
            s.close();
        }
    }

    private String wait(String bootstrap, Duration timeout) throws InterruptedException {
        return KafkaReachability.waitForListener(bootstrap, timeout, System.nanoTime() + timeout.toNanos(),
                notices::add);
    }

    @Test
    void everyAddressRefusingIsSaidAtOnceThenAgainAtTheDeadline() throws Exception {
        String both = "127.0.0.1:" + refusingPort() + ", 127.0.0.1:" + refusingPort();
        long start = System.nanoTime();
        String line = wait(both, Duration.ofSeconds(1));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        String named = both.replace(" ", "");
        assertThat(notices).containsExactly("nothing listens at " + named
                + " yet (connection refused); waiting up to 1 s (startup.timeout)");
        assertThat(line).isEqualTo("nothing listens at " + named
                + " (connection refused) within 1 s (startup.timeout): is kafka.bootstrap.servers right?");
        assertThat(tookMs).as("it waited for the deadline").isGreaterThanOrEqualTo(900);
    }

    @Test
    void aBrokerThatStartsListeningWithinTheTimeoutIsWaitedFor() throws Exception {
        int port = refusingPort();
        Socket holder = held.get(0);
        CompletableFuture<ServerSocket> later = CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(700);
                // the port changes hands from the holder to the listener within microseconds, not after a wait
                holder.close();
                return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            assertThat(wait("127.0.0.1:" + port, Duration.ofSeconds(20))).isNull();
            assertThat(notices).hasSize(1);
        } finally {
            later.get(10, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void oneListeningAddressLeavesTheAnswerToTheKafkaClient() throws Exception {
        try (ServerSocket open = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(wait("127.0.0.1:" + refusingPort() + ",127.0.0.1:" + open.getLocalPort(), Duration.ofSeconds(5)))
                    .isNull();
            assertThat(notices).isEmpty();
        }
    }

    /**
     * An address that drops connections (a firewall; here a listener whose accept queue is full, whose new connections
     * the kernel drops) is handed to the Kafka client by the deadline, not after the check's full 3 s.
     */
    @Test
    void aSilentAddressIsHandedOverByTheDeadline() throws Exception {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort());
            boolean silent = false;
            for (int i = 0; i < 16 && !silent; i++) {
                Socket queued = new Socket();
                held.add(queued);
                try {
                    queued.connect(at, 300);
                } catch (SocketTimeoutException e) {
                    silent = true;
                }
            }
            assumeTrue(silent, "this kernel answers connections to a full accept queue");
            long start = System.nanoTime();
            assertThat(wait("127.0.0.1:" + full.getLocalPort(), Duration.ofSeconds(1))).isNull();
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(notices).as("a silence is not a refusal").isEmpty();
            assertThat(tookMs).as("waited for the deadline, not the check's 3 s").isBetween(700L, 2_000L);
        }
    }

    @Test
    void whatIsNotHostAndPortIsLeftToTheClientsOwnMessage() throws Exception {
        assertThat(wait("localhost", Duration.ofSeconds(1))).isNull();
        assertThat(wait("127.0.0.1:99999", Duration.ofSeconds(1))).isNull();
        assertThat(wait("", Duration.ofSeconds(1))).isNull();
        assertThat(wait(null, Duration.ofSeconds(1))).isNull();
        assertThat(notices).isEmpty();
    }
}
