package io.tlswatch.benchmarks.endtoend;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The yardstick: a Kafka Streams application that copies every record of the input topics to one output topic,
 * byte arrays in and out, exactly-once v2, with tlswatch's commit interval. It shows what Streams itself costs on
 * this machine and broker, so that tlswatch's throughput can be read as a ratio to it.
 *
 * <pre>PassThroughApp BOOTSTRAP APPLICATION_ID INPUT[,INPUT...] OUTPUT STATE_DIR [KEY=VALUE...]</pre>
 *
 * <p>Each {@code KEY=VALUE} is a further Kafka Streams setting ({@code --passthrough-property}).
 */
public final class PassThroughApp {
    /** Same as tlswatch's {@code StreamsSettings}: the two must commit equally often to compare. */
    static final int COMMIT_INTERVAL_MS = 200;

    private PassThroughApp() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 5) {
            System.err.println("usage: PassThroughApp BOOTSTRAP APPLICATION_ID INPUT[,INPUT...] OUTPUT STATE_DIR"
                    + " [KEY=VALUE...]");
            System.exit(2);
        }
        Properties p = new Properties();
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, args[1]);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        p.put(StreamsConfig.STATE_DIR_CONFIG, args[4]);
        for (int i = 5; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 1) {
                System.err.println("pass-through: not KEY=VALUE: " + args[i]);
                System.exit(2);
            }
            p.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(List.of(args[2].split(",")), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(args[3], Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        KafkaStreams streams = new KafkaStreams(builder.build(), p);
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            System.err.println("pass-through: " + before + " -> " + now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> streams.close(Duration.ofSeconds(30)), "close"));
        streams.start();
        stopped.await();
    }
}
