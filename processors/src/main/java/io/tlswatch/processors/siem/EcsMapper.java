package io.tlswatch.processors.siem;

import io.tlswatch.processors.classify.ErrorClass;
import io.tlswatch.processors.classify.TlsAlerts;
import io.tlswatch.processors.packets.UnknownReason;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.HandshakeOutcome;
import io.tlswatch.schemas.VipInfo;
import io.tlswatch.schemas.WireFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds the ECS document of DESIGN §8 for one outcome. */
public final class EcsMapper {
    private EcsMapper() {}

    public static EcsHandshake toEcs(HandshakeOutcome o) {
        WireFacts w = o.wire();
        boolean failed = "failure".equals(o.outcome());
        ErrorClass errorClass = failed ? ErrorClass.fromWireName(o.errorClass()) : null;
        List<String> related = new ArrayList<>(2);
        if (o.clientIp() != null) {
            related.add(o.clientIp());
        }
        if (o.serverIp() != null && !o.serverIp().equals(o.clientIp())) {
            related.add(o.serverIp());
        }
        String lastMsgid = o.msgids().isEmpty() ? null : o.msgids().get(o.msgids().size() - 1);
        // a fatal alert ends the handshake (RFC 8446 §6.2): one on a success can only have been a warning
        String level = failed ? "fatal" : "success".equals(o.outcome()) ? "warning" : null;
        EcsHandshake.Alert alert = o.alertCode() == null
                ? null
                : new EcsHandshake.Alert(o.alertCode(), TlsAlerts.name(o.alertCode()), o.alertSender(), level);
        UnknownReason unknown = "unknown".equals(o.outcome()) ? UnknownReason.of(o.reason()) : null;
        String eventReason = errorClass != null ? errorClass.wireName() : unknown == null ? null : unknown.code();
        return new EcsHandshake(
                Instant.ofEpochMilli(o.timestampMs()).toString(),
                new EcsHandshake.Event(
                        "event", List.of("network"), List.of("connection"), o.outcome(), "tlswatch.handshake",
                        lastMsgid, eventReason),
                new EcsHandshake.Observer("F5", "BIG-IP", o.observer()),
                o.clientIp() == null ? null : new EcsHandshake.Endpoint(o.clientIp(), o.clientPort()),
                o.serverIp() == null ? null : new EcsHandshake.Endpoint(o.serverIp(), o.serverPort()),
                new EcsHandshake.Network(o.transport(), w == null ? null : w.communityId()),
                related.isEmpty() ? null : new EcsHandshake.Related(List.copyOf(related)),
                tls(o, w),
                failed
                        ? new EcsHandshake.Error(
                                o.alertCode() == null ? null : Integer.toString(o.alertCode()),
                                errorClass.wireName(), o.reason())
                        : null,
                new EcsHandshake.Tlswatch(
                        errorClass == null ? null : errorClass.wireName(),
                        o.side(),
                        alert,
                        w == null ? null : w.ja4(),
                        w == null || w.offeredVersions() == null ? null : new EcsHandshake.Client(w.offeredVersions()),
                        vip(o),
                        o.isScanner(),
                        o.scanner(),
                        new EcsHandshake.Evidence(o.msgids(), w != null && w.packets(), o.lines()),
                        errorClass == null ? null : errorClass.hint()));
    }

    /**
     * {@code tlswatch.vip.*}: the destination with what the inventory knows of it (name, partition, application);
     * none when the destination is a pool member ({@code side=server}) or unknown.
     */
    private static EcsHandshake.Vip vip(HandshakeOutcome o) {
        if (o.serverIp() == null || "server".equals(o.side())) {
            return null;
        }
        String address = o.routeDomain() == null ? o.serverIp() : o.serverIp() + "%" + o.routeDomain();
        VipInfo v = o.vipInfo();
        return v == null
                ? new EcsHandshake.Vip(null, address, o.serverPort(), null, null)
                : new EcsHandshake.Vip(v.name(), address, o.serverPort(), v.partition(), v.application());
    }

    /** {@code tls.*}: whether it was established, and what the packets showed when there were any. */
    private static EcsHandshake.Tls tls(HandshakeOutcome o, WireFacts w) {
        boolean established = "success".equals(o.outcome());
        if (w == null) {
            return new EcsHandshake.Tls(established, null, null, null);
        }
        boolean clientSide = w.sni() != null || w.offeredCiphers() != null || w.ja3() != null;
        return new EcsHandshake.Tls(established, w.version(), w.versionProtocol(), w.cipher(), w.alpn(),
                clientSide ? new EcsHandshake.TlsClient(w.sni(), w.offeredCiphers(), w.ja3()) : null,
                w.ja3s() == null ? null : new EcsHandshake.TlsServer(w.ja3s()));
    }
}
