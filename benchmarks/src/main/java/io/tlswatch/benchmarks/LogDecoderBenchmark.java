package io.tlswatch.benchmarks;

import io.tlswatch.processors.decode.LogDecodeResult;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.schemas.HandshakeEvent;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The log decoder against a {@link RegexReferenceDecoder grok-style regex baseline}, side by side on the same
 * {@link LogMix} of {@value #LINES} records. Goal (decoder issue): at least 5 million lines per second per
 * core on the realistic mix, and at least 10 times the baseline.
 *
 * <p>Each invocation decodes the whole mix; {@code @OperationsPerInvocation} makes JMH report <b>lines per
 * second</b>. With {@code -prof gc}, {@code gc.alloc.rate.norm} is therefore bytes per line already
 * (JMH divides by the operations per invocation).
 *
 * <p>Mix composition with {@link LogMix#SEED} (printed by {@link #setUp()}):
 * <ul>
 *   <li>{@code sslPercent=5} (realistic): 100 000 records, SSL 5.6 %, TS JSON 5.1 %, other (non-SSL syslog)
 *       89.6 %; header-stripped 1.0 %, {@code <PRI>} 2.0 %, hand-made SSL variants (UDP, route domain, IPv6,
 *       01260008, other 0126 id) 0.52 %;</li>
 *   <li>{@code sslPercent=30} (an incident storm): SSL 30.0 %, TS JSON 5.1 %, other 66.4 %.</li>
 * </ul>
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar LogDecoderBenchmark -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LogDecoderBenchmark {
    /** Records per mix, and operations per invocation. */
    public static final int LINES = 100_000;

    /** Target share of SSL lines in the mix, percent. */
    @Param({"5", "30"})
    public int sslPercent;

    private byte[][] lines;
    private LogDecoder decoder;
    private RegexReferenceDecoder reference;

    @Setup
    public void setUp() {
        LogMix mix = LogMix.build(LINES, sslPercent);
        lines = mix.lines();
        decoder = new LogDecoder(ZoneId.of("UTC"), () -> LogMix.CLOCK_MS, "unknown");
        reference = new RegexReferenceDecoder(ZoneId.of("UTC"), LogMix.CLOCK_MS);
        System.out.println();
        System.out.println("mix: " + mix.composition());
    }

    /** The tlswatch decoder over the whole mix: decoded lines plus the sum of their ports. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long tlswatchDecoder() {
        long checksum = 0;
        for (byte[] line : lines) {
            if (decoder.decode(line, LogMix.CLOCK_MS) instanceof LogDecodeResult.Decoded d) {
                HandshakeEvent e = d.event();
                checksum += 1 + (e.clientPort() == null ? 0 : e.clientPort()) + (e.serverPort() == null ? 0 : e.serverPort());
            }
        }
        return checksum;
    }

    /** The regex baseline over the whole mix, same checksum. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long regexReference() {
        long checksum = 0;
        for (byte[] line : lines) {
            RegexReferenceDecoder.Result r = reference.decode(line);
            if (r.outcome() == RegexReferenceDecoder.Outcome.DECODED) {
                checksum += 1 + Math.max(0, r.clientPort()) + Math.max(0, r.serverPort());
            }
        }
        return checksum;
    }
}
