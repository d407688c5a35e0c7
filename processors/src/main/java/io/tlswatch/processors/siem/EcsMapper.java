package io.tlswatch.processors.siem;

import io.tlswatch.processors.classify.ErrorClass;
import io.tlswatch.processors.classify.TlsAlerts;
import io.tlswatch.schemas.EcsHandshake;
import io.tlswatch.schemas.HandshakeOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds the ECS document of DESIGN §8 for one outcome. */
public final class EcsMapper {
    private EcsMapper() {}

    public static EcsHandshake toEcs(HandshakeOutcome o) {
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
        EcsHandshake.Alert alert = o.alertCode() == null
                ? null
                : new EcsHandshake.Alert(o.alertCode(), TlsAlerts.name(o.alertCode()), o.alertSender());
        return new EcsHandshake(
                Instant.ofEpochMilli(o.timestampMs()).toString(),
                new EcsHandshake.Event(
                        "event", List.of("network"), List.of("connection"), o.outcome(), "tlswatch.handshake",
                        lastMsgid, errorClass == null ? null : errorClass.wireName()),
                new EcsHandshake.Observer("F5", "BIG-IP", o.observer()),
                o.clientIp() == null ? null : new EcsHandshake.Endpoint(o.clientIp(), o.clientPort()),
                o.serverIp() == null ? null : new EcsHandshake.Endpoint(o.serverIp(), o.serverPort()),
                new EcsHandshake.Network(o.transport(), null),
                related.isEmpty() ? null : new EcsHandshake.Related(List.copyOf(related)),
                new EcsHandshake.Tls(!failed && "success".equals(o.outcome()), null, null, null),
                failed
                        ? new EcsHandshake.Error(
                                o.alertCode() == null ? null : Integer.toString(o.alertCode()),
                                errorClass.wireName(), o.reason())
                        : null,
                new EcsHandshake.Tlswatch(
                        errorClass == null ? null : errorClass.wireName(),
                        o.side(),
                        alert,
                        o.serverIp() == null ? null : new EcsHandshake.Vip(null, o.serverIp(), o.serverPort(), null, null),
                        false,
                        new EcsHandshake.Evidence(o.msgids(), false, o.lines()),
                        errorClass == null ? null : errorClass.hint()));
    }
}
