package io.tlswatch.processors.topology;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tlswatch.processors.decode.RejectReason;
import io.tlswatch.schemas.Json;
import io.tlswatch.schemas.ObserverName;
import io.tlswatch.schemas.PacketSummary;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Reads one {@code f5.packets} record: a {@link PacketSummary} that parses and passes the checks of
 * {@code packet-summary.schema.json} goes on to the packet join; anything else becomes a dead letter
 * ({@code empty}, {@code oversized}, {@code invalid_json}, {@code invalid_packet_summary}), counted like the
 * rejects of the log decoder.
 */
final class PacketDecodeProcessor implements FixedKeyProcessor<byte[], byte[], DecodeOutput> {
    /**
     * Largest summary accepted: the capture reader's largest head (4 × 17 KiB, CaptureSettings.MAX_HEAD_BYTES)
     * in base64 plus the other fields, with room to spare.
     */
    static final int MAX_SUMMARY_BYTES = 256 * 1024;

    private static final Set<String> DIRECTIONS = Set.of("client_to_server", "server_to_client");
    private static final Set<String> TRANSPORTS = Set.of("tcp", "udp");
    private static final ObjectReader SUMMARIES = Json.MAPPER.readerFor(PacketSummary.class);

    private final Counter decoded;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private FixedKeyProcessorContext<byte[], DecodeOutput> context;

    PacketDecodeProcessor(MeterRegistry registry) {
        this.decoded = registry.counter("tlswatch_input_records_total", "result", "decoded_packet_summary");
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, registry.counter("tlswatch_input_records_total", "result", "dead_letter", "reason", r.code()));
        }
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], DecodeOutput> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        if (value == null || value.length == 0) {
            reject(record, RejectReason.EMPTY, "no value");
            return;
        }
        if (value.length > MAX_SUMMARY_BYTES) {
            reject(record, RejectReason.OVERSIZED, value.length + " bytes, more than " + MAX_SUMMARY_BYTES);
            return;
        }
        PacketSummary summary;
        try {
            summary = SUMMARIES.readValue(value);
        } catch (IOException e) {
            String why = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            reject(record, RejectReason.INVALID_JSON, "not a packet summary: " + why);
            return;
        }
        String problem = summary == null ? "null document" : problem(summary);
        if (problem != null) {
            reject(record, RejectReason.INVALID_PACKET_SUMMARY, problem);
            return;
        }
        String observer = ObserverName.of(summary.observer());
        if (!observer.equals(summary.observer())) {
            summary = summary.withObserver(observer); // one name per BIG-IP, whatever the producer wrote
        }
        decoded.increment();
        context.forward(record.withValue(new DecodeOutput.Packet(summary)));
    }

    /** What breaks the schema, or null: the checks the join and the verdict rely on. */
    static String problem(PacketSummary s) {
        if (s.connectionId() == null || s.connectionId().isBlank()) {
            return "connection_id missing";
        }
        if (s.observer() == null || s.observer().isBlank()) {
            return "observer missing";
        }
        if (s.direction() == null || !DIRECTIONS.contains(s.direction())) {
            return "direction must be client_to_server or server_to_client";
        }
        if (s.transport() == null || !TRANSPORTS.contains(s.transport())) {
            return "transport must be tcp or udp";
        }
        if (s.clientIp() == null || s.serverIp() == null) {
            return "client_ip and server_ip are required";
        }
        if (s.clientPort() < 0 || s.clientPort() > 65535 || s.serverPort() < 0 || s.serverPort() > 65535) {
            return "port out of range";
        }
        if (s.firstSeenMs() < 0 || s.lastSeenMs() < 0 || s.retransmissions() < 0 || s.bytes() < 0) {
            return "negative time or count";
        }
        if (s.flight() != null && s.flight() < 0) {
            return "negative flight";
        }
        if (s.emitReason() != null && !PacketSummary.EMIT_REASONS.contains(s.emitReason())) {
            return "unknown emit_reason";
        }
        if (s.payloadHeadBase64() != null && !Base64Text.decodable(s.payloadHeadBase64())) {
            return "payload_head_base64 is not base64";
        }
        return null;
    }

    private void reject(FixedKeyRecord<byte[], byte[]> record, RejectReason reason, String detail) {
        rejected.get(reason).increment();
        context.forward(record.withValue(
                new DecodeOutput.Dead(DeadLetters.of(context.recordMetadata(), record, reason, detail))));
    }
}
