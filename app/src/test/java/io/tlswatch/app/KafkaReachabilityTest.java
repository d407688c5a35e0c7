package io.tlswatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaReachabilityTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void everyAddressRefusingIsSaidAtOnceNamingThem() throws IOException {
        String both = "127.0.0.1:" + closedPort() + ", localhost:" + closedPort();
        long start = System.nanoTime();
        String line = KafkaReachability.refusedEverywhere(both, TIMEOUT);
        assertThat(line).isEqualTo("nothing listens at " + both.replace(", ", ",")
                + " (connection refused): is kafka.bootstrap.servers right?");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
    }

    @Test
    void oneListeningAddressLeavesTheAnswerToTheKafkaClient() throws IOException {
        try (ServerSocket open = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(KafkaReachability.refusedEverywhere(
                    "127.0.0.1:" + closedPort() + ",127.0.0.1:" + open.getLocalPort(), TIMEOUT)).isNull();
        }
    }

    @Test
    void whatIsNotHostAndPortIsLeftToTheClientsOwnMessage() {
        assertThat(KafkaReachability.refusedEverywhere("localhost", TIMEOUT)).isNull();
        assertThat(KafkaReachability.refusedEverywhere("", TIMEOUT)).isNull();
        assertThat(KafkaReachability.refusedEverywhere(null, TIMEOUT)).isNull();
    }
}
