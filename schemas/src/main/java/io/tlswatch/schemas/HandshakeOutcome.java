package io.tlswatch.schemas;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Everything known about one handshake attempt once its evidence is joined: the unit that becomes one
 * ECS document and one count in the rates.
 *
 * @param connectionId {@code observer/client-ip:port->server-ip:port} (route domain kept as {@code %N})
 * @param outcome      {@code failure}, {@code success} or {@code unknown}
 * @param errorClass   one class of DESIGN §7 for failures, null for successes
 * @param side         {@code client} (client to VIP) or {@code server} (BIG-IP to pool member)
 * @param alertSender  {@code bigip}, {@code client} or {@code server}; null without an alert
 * @param msgids       the F5 message ids that contributed, in arrival order
 * @param lines        up to three raw F5 lines, for evidence
 * @param wire         what the packets showed; null when no packets of the connection were seen
 * @param vipInfo      the virtual server from the inventory; null when the destination is not a known VIP
 * @param scanner      why the client looks like a scanner (DESIGN §7); null when it does not
 * @param source       who reported it when not a BIG-IP or a capture: {@code netskope} (a proxy's WebTx export,
 *                     {@link HandshakeEvent#SOURCE_NETSKOPE}); null for F5 lines and packets
 */
public record HandshakeOutcome(
        String connectionId,
        String observer,
        long timestampMs,
        String transport,
        String clientIp,
        Integer clientPort,
        String serverIp,
        Integer serverPort,
        Integer routeDomain,
        String outcome,
        String errorClass,
        String side,
        Integer alertCode,
        String alertSender,
        String func,
        String reason,
        List<String> msgids,
        List<String> lines,
        WireFacts wire,
        VipInfo vipInfo,
        String scanner,
        String source) {

    /** An outcome from F5 lines or packets (no {@code source}). */
    public HandshakeOutcome(String connectionId, String observer, long timestampMs, String transport, String clientIp,
            Integer clientPort, String serverIp, Integer serverPort, Integer routeDomain, String outcome,
            String errorClass, String side, Integer alertCode, String alertSender, String func, String reason,
            List<String> msgids, List<String> lines, WireFacts wire, VipInfo vipInfo, String scanner) {
        this(connectionId, observer, timestampMs, transport, clientIp, clientPort, serverIp, serverPort, routeDomain,
                outcome, errorClass, side, alertCode, alertSender, func, reason, msgids, lines, wire, vipInfo, scanner,
                null);
    }

    /** An outcome not yet enriched from the inventory nor tagged. */
    public HandshakeOutcome(String connectionId, String observer, long timestampMs, String transport, String clientIp,
            Integer clientPort, String serverIp, Integer serverPort, Integer routeDomain, String outcome,
            String errorClass, String side, Integer alertCode, String alertSender, String func, String reason,
            List<String> msgids, List<String> lines, WireFacts wire) {
        this(connectionId, observer, timestampMs, transport, clientIp, clientPort, serverIp, serverPort, routeDomain,
                outcome, errorClass, side, alertCode, alertSender, func, reason, msgids, lines, wire, null, null);
    }

    /** An outcome from F5 log lines alone. */
    public HandshakeOutcome(String connectionId, String observer, long timestampMs, String transport, String clientIp,
            Integer clientPort, String serverIp, Integer serverPort, Integer routeDomain, String outcome,
            String errorClass, String side, Integer alertCode, String alertSender, String func, String reason,
            List<String> msgids, List<String> lines) {
        this(connectionId, observer, timestampMs, transport, clientIp, clientPort, serverIp, serverPort, routeDomain,
                outcome, errorClass, side, alertCode, alertSender, func, reason, msgids, lines, null, null, null);
    }

    /** This outcome, its client tagged as a scanner for {@code why}. */
    public HandshakeOutcome taggedScanner(String why) {
        return new HandshakeOutcome(connectionId, observer, timestampMs, transport, clientIp, clientPort, serverIp,
                serverPort, routeDomain, outcome, errorClass, side, alertCode, alertSender, func, reason, msgids, lines,
                wire, vipInfo, why, source);
    }

    /** Whether a Netskope WebTx export reported it (a proxy's view, not a BIG-IP's nor a capture's). */
    @JsonIgnore
    public boolean isNetskope() {
        return HandshakeEvent.SOURCE_NETSKOPE.equals(source);
    }

    /** Whether the client was tagged as a scanner (then its failures are kept out of paging rates by default). */
    @JsonIgnore
    public boolean isScanner() {
        return scanner != null;
    }

    /** This outcome with what the inventory says: the VIP reached (or null) and the side. */
    public HandshakeOutcome withInventory(VipInfo vip, String side) {
        return new HandshakeOutcome(connectionId, observer, timestampMs, transport, clientIp, clientPort, serverIp,
                serverPort, routeDomain, outcome, errorClass, side, alertCode, alertSender, func, reason, msgids, lines,
                wire, vip, scanner, source);
    }

    /** The VIP as {@code address:port} (with route domain), or {@code unknown} for address-less evidence. */
    public String vip() {
        if (serverIp == null || serverPort == null) {
            return "unknown";
        }
        return HostPort.of(serverIp, routeDomain, serverPort);
    }
}
