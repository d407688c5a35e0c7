package io.tlswatch.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The Elastic-Common-Schema document for one handshake attempt on {@code tlswatch.handshakes}
 * (DESIGN §8), written as nested objects. Our own fields live under {@code tlswatch}.
 */
public record EcsHandshake(
        @JsonProperty("@timestamp") String timestamp,
        Event event,
        Observer observer,
        Endpoint source,
        Endpoint destination,
        Network network,
        Related related,
        Tls tls,
        Error error,
        Tlswatch tlswatch) {

    public record Event(
            String kind,
            List<String> category,
            List<String> type,
            String outcome,
            String dataset,
            String code,
            String reason) {}

    public record Observer(String vendor, String product, String hostname) {}

    public record Endpoint(String ip, Integer port) {}

    public record Network(String transport, String communityId) {}

    public record Related(List<String> ip) {}

    public record Tls(Boolean established, String version, String versionProtocol, String cipher,
            String nextProtocol, TlsClient client, TlsServer server) {

        /** Without packets: only whether the handshake was established. */
        public Tls(Boolean established, String version, String versionProtocol, String cipher) {
            this(established, version, versionProtocol, cipher, null, null, null);
        }
    }

    public record TlsClient(String serverName, List<String> supportedCiphers, String ja3) {}

    public record TlsServer(String ja3s) {}

    public record Error(String code, String type, String message) {}

    public record Tlswatch(
            String errorClass,
            String side,
            Alert alert,
            String ja4,
            Client client,
            Vip vip,
            Boolean scanner,
            String scannerReason,
            Evidence evidence,
            String hint) {

        /** Without packets: no fingerprint, no offered versions; not a scanner. */
        public Tlswatch(String errorClass, String side, Alert alert, Vip vip, Boolean scanner, Evidence evidence,
                String hint) {
            this(errorClass, side, alert, null, null, vip, scanner, null, evidence, hint);
        }
    }

    /** What the client offered, beyond the ECS fields. */
    public record Client(List<String> offeredVersions) {}

    /** {@code tlswatch.alert}; {@code level} is {@code warning} or {@code fatal}, null when not known. */
    public record Alert(Integer code, String name, String sender, String level) {

        public Alert(Integer code, String name, String sender) {
            this(code, name, sender, null);
        }
    }

    public record Vip(String name, String address, Integer port, String partition, String application) {}

    public record Evidence(List<String> msgids, boolean packets, List<String> lines) {}
}
