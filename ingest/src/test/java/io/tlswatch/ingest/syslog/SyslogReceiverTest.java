package io.tlswatch.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tlswatch.ingest.syslog.SyslogCounters.ConnectionResult;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The receiver on real loopback sockets, writing to a sink in memory that a test can hold back. */
class SyslogReceiverTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Keeps what it was given; blocks every write while the gate is closed. */
    static final class HeldSink implements MessageSink {
        final List<SyslogMessage> got = new CopyOnWriteArrayList<>();
        final CountDownLatch gate;

        HeldSink(boolean open) {
            gate = new CountDownLatch(open ? 0 : 1);
        }

        @Override
        public void write(SyslogMessage m) throws InterruptedException {
            gate.await();
            got.add(m);
        }

        @Override
        public long written() {
            return got.size();
        }

        @Override
        public long failed() {
            return 0;
        }

        List<String> texts() {
            return got.stream().map(m -> new String(m.bytes(), StandardCharsets.UTF_8)).toList();
        }
    }

    private final SyslogCounters counters = new SyslogCounters();
    private SyslogReceiver receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private SyslogReceiver start(ReceiverSettings settings, MessageSink sink) {
        receiver = SyslogReceiver.bind(settings, counters);
        receiver.start(sink);
        return receiver;
    }

    private static ReceiverSettings anyPorts() {
        return ReceiverSettings.defaults().withPorts(0, 0, ReceiverSettings.OFF, null);
    }

    private static void udp(InetSocketAddress to, String... messages) throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            for (String m : messages) {
                byte[] b = m.getBytes(StandardCharsets.UTF_8);
                s.send(new DatagramPacket(b, b.length, to));
            }
        }
    }

    @Test
    void udpDatagramsThatFindTheQueueFullAreDroppedAndCounted() throws Exception {
        HeldSink sink = new HeldSink(false);
        start(anyPorts().withBounds(1, 8, Duration.ofSeconds(30)), sink);
        String[] messages = new String[20];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = "<134>udp " + i;
        }
        udp(receiver.udpAddress().orElseThrow(), messages);
        await().atMost(WAIT).until(() -> counters.received(Transport.UDP) == 20);
        // at most one message held by the sink and one in the queue of one: the others were dropped, and counted
        long dropped = counters.dropped(DropReason.UDP_QUEUE_FULL);
        assertThat(dropped).isBetween(18L, 19L);
        sink.gate.countDown();
        await().atMost(WAIT).until(() -> sink.got.size() == 20 - dropped);
        assertThat(sink.texts()).startsWith("<134>udp 0");
        assertThat(sink.got.get(0).sender()).startsWith("127.0.0.1:");
        assertThat(sink.got.get(0).transport()).isEqualTo(Transport.UDP);
    }

    @Test
    void anOversizedDatagramIsCutAtTheLimitAndCounted() throws Exception {
        HeldSink sink = new HeldSink(true);
        start(anyPorts(), sink);
        String big = "<134>" + "a".repeat(20_000);
        udp(receiver.udpAddress().orElseThrow(), big + "\n", "<134>small\n");
        await().atMost(WAIT).until(() -> sink.got.size() == 2);
        assertThat(sink.got.get(0).bytes()).hasSize(ReceiverSettings.DEFAULT_MAX_MESSAGE_BYTES);
        assertThat(sink.texts().get(1)).isEqualTo("<134>small");
        assertThat(counters.dropped(DropReason.OVERSIZED_CUT)).isEqualTo(1);
    }

    @Test
    void tcpReadingPausesWhileTheSinkHoldsAndNothingIsLost() throws Exception {
        HeldSink sink = new HeldSink(false);
        start(anyPorts().withBounds(4, 8, Duration.ofSeconds(30)), sink);
        int n = 20_000;
        Thread client = new Thread(() -> {
            try (Socket s = new Socket()) {
                s.connect(receiver.tcpAddress().orElseThrow());
                OutputStream out = s.getOutputStream();
                for (int i = 0; i < n; i++) {
                    out.write(("<134>tcp line " + i + " " + "p".repeat(200) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        client.start();
        // the sink holds the first message, the queue four more: the reader waits rather than reading on
        await().atMost(WAIT).until(() -> counters.received(Transport.TCP) == 6);
        Thread.sleep(300); // a negative: give a reader that would not wait the chance to read more
        assertThat(counters.received(Transport.TCP)).isEqualTo(6);
        assertThat(client.isAlive()).as("the sender is held back by TCP flow control").isTrue();
        sink.gate.countDown();
        client.join(WAIT.toMillis());
        await().atMost(WAIT).until(() -> sink.got.size() == n);
        assertThat(sink.texts().get(n - 1)).startsWith("<134>tcp line " + (n - 1) + " ");
        assertThat(counters.droppedSummary()).isEqualTo("nothing dropped");
    }

    @Test
    void aSlowlorisConnectionIsClosedAfterTheFrameTimeout() throws Exception {
        HeldSink sink = new HeldSink(true);
        start(anyPorts().withBounds(16, 8, Duration.ofSeconds(2)), sink);
        try (Socket s = new Socket()) {
            s.connect(receiver.tcpAddress().orElseThrow());
            OutputStream out = s.getOutputStream();
            out.write("<134>whole\n<134>never fin".getBytes(StandardCharsets.UTF_8));
            out.flush();
            await().atMost(WAIT).until(() -> counters.open(Transport.TCP) == 1 && sink.got.size() == 1);
            InputStream in = s.getInputStream();
            s.setSoTimeout((int) WAIT.toMillis());
            long start = System.nanoTime();
            // one byte a while: a frame that never ends; the receiver closes the connection (read sees the end)
            Thread trickle = new Thread(() -> {
                try {
                    for (int i = 0; i < 20; i++) {
                        out.write('x');
                        out.flush();
                        Thread.sleep(500);
                    }
                } catch (Exception closed) {
                    // the receiver closed it: expected
                }
            });
            trickle.start();
            assertThat(in.read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            trickle.join();
        }
        await().atMost(WAIT).until(() -> counters.dropped(DropReason.FRAME_TIMEOUT) == 1);
        assertThat(counters.open(Transport.TCP)).isZero();
        assertThat(sink.texts()).containsExactly("<134>whole");
    }

    @Test
    void connectionsOverTheLimitAreClosedAndCounted() throws Exception {
        start(anyPorts().withBounds(16, 2, Duration.ofSeconds(30)), new HeldSink(true));
        InetSocketAddress to = receiver.tcpAddress().orElseThrow();
        try (Socket a = new Socket(); Socket b = new Socket(); Socket c = new Socket()) {
            a.connect(to);
            b.connect(to);
            await().atMost(WAIT).until(() -> counters.open(Transport.TCP) == 2);
            c.connect(to);
            c.setSoTimeout((int) WAIT.toMillis());
            assertThat(c.getInputStream().read()).isEqualTo(-1);
            assertThat(counters.connections(Transport.TCP, ConnectionResult.REFUSED_LIMIT)).isEqualTo(1);
        }
        await().atMost(WAIT).until(() -> counters.open(Transport.TCP) == 0);
    }

    @Test
    void stopReadsWhatSendersAlreadySentThenHandsItAllOver() throws Exception {
        HeldSink sink = new HeldSink(true);
        start(anyPorts(), sink);
        int n = 50_000;
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < n; i++) {
            burst.append("<134>burst ").append(i).append('\n');
        }
        try (Socket s = new Socket()) {
            s.connect(receiver.tcpAddress().orElseThrow());
            s.getOutputStream().write(burst.toString().getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().write("<134>unfinished".getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            // stop at once, the sender still connected: every whole line is read and handed over
            assertThat(receiver.stop()).isTrue();
        }
        assertThat(sink.got).hasSize(n);
        assertThat(counters.dropped(DropReason.INCOMPLETE_FRAME)).isEqualTo(1);
        assertThat(counters.open(Transport.TCP)).isZero();
    }

    @Test
    void aStopWhileKafkaTakesNothingCountsEveryReceivedMessageAsLost() throws Exception {
        HeldSink sink = new HeldSink(false); // never opens: Kafka away
        start(anyPorts().withBounds(2, 8, Duration.ofSeconds(30)).withDrain(Duration.ofMillis(200), Duration.ofSeconds(1)),
                sink);
        try (Socket s = new Socket()) {
            s.connect(receiver.tcpAddress().orElseThrow());
            s.getOutputStream().write("<134>a\n<134>b\n<134>c\n<134>d\n<134>e\n".getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            // one in the sink's hands, two queued, one waiting for room in the reader
            await().atMost(WAIT).until(() -> counters.received(Transport.TCP) == 4);
            long start = System.nanoTime();
            assertThat(receiver.stop()).as("not everything handed over").isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
        assertThat(sink.got).isEmpty();
        assertThat(counters.dropped(DropReason.KAFKA_ERROR)).as(counters.droppedSummary())
                .isEqualTo(counters.received(Transport.TCP));
    }

    @Test
    void aPortInUseIsOneErrorNamingTheListener() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ReceiverSettings s = ReceiverSettings.defaults().withPorts(0, taken.getLocalPort(), ReceiverSettings.OFF, null);
            assertThatThrownBy(() -> SyslogReceiver.bind(s, counters))
                    .isInstanceOf(SyslogReceiver.ListenerException.class)
                    .hasMessageStartingWith("cannot listen on tcp 127.0.0.1:" + taken.getLocalPort() + ": ");
        }
    }
}
