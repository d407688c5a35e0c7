package io.tlswatch.benchmarks;

import io.tlswatch.processors.decode.LogDecodeResult;
import io.tlswatch.processors.decode.LogDecoder;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Where the decoder's time goes: nanoseconds per line for each kind of record of the realistic
 * {@link LogMix} on its own (plain syslog lines that are not TLS, SSL syslog lines, Telemetry-Streaming JSON).
 * Multiply by each kind's share of the mix to see which one to make faster.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar LogDecoderBreakdownBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LogDecoderBreakdownBenchmark {
    /** The kind of record decoded, one at a time. */
    @Param({"other", "ssl", "json"})
    public String kind;

    private byte[][] lines;
    private int next;
    private LogDecoder decoder;

    @Setup
    public void setUp() {
        decoder = new LogDecoder(ZoneId.of("UTC"), () -> LogMix.CLOCK_MS, "unknown");
        List<byte[]> picked = new ArrayList<>();
        for (byte[] line : LogMix.build(LogDecoderBenchmark.LINES, 5).lines()) {
            if (kind.equals(kindOf(line))) {
                picked.add(line);
            }
        }
        lines = picked.toArray(byte[][]::new);
        System.out.println();
        System.out.println("records of kind " + kind + ": " + lines.length);
    }

    private String kindOf(byte[] line) {
        if (line.length > 0 && line[0] == '{') {
            return "json";
        }
        return decoder.decode(line, LogMix.CLOCK_MS) instanceof LogDecodeResult.Decoded ? "ssl" : "other";
    }

    /** One record per call, cycling through the records of the kind. */
    @Benchmark
    public void decodeOne(Blackhole bh) {
        byte[] line = lines[next];
        next = next + 1 == lines.length ? 0 : next + 1;
        bh.consume(decoder.decode(line, LogMix.CLOCK_MS));
    }
}
