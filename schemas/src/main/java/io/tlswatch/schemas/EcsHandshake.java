package io.tlswatch.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The Elastic-Common-Schema document for one handshake attempt on {@code tlswatch.handshakes}
 * (DESIGN §8), written as nested objects. Our own fields live under {@code tlswatch}.
 */
public record EcsHandshake(
        @JsonProperty("@timestamp") String timestamp,
        Ecs ecs,
        Event event,
        Observer observer,
        Endpoint source,
        Endpoint destination,
        Network network,
        Related related,
        Tls tls,
        Error error,
        Tlswatch tlswatch) {

    /**
     * The ECS version the documents are checked against (elastic.co ECS field reference, 9.3.0): written as
     * {@code ecs.version} on every record.
     */
    public static final String ECS_VERSION = "9.3.0";

    /** A document of the current ECS version. */
    public EcsHandshake(String timestamp, Event event, Observer observer, Endpoint source, Endpoint destination,
            Network network, Related related, Tls tls, Error error, Tlswatch tlswatch) {
        this(timestamp, new Ecs(ECS_VERSION), event, observer, source, destination, network, related, tls, error,
                tlswatch);
    }

    public record Ecs(String version) {}

    /**
     * {@code event.*}. {@code original} is the F5 line, or the lines of one connection joined by a newline in
     * arrival order (at most three, bounded); {@code duration} is in nanoseconds (ECS).
     */
    public record Event(
            String kind,
            List<String> category,
            List<String> type,
            String outcome,
            String module,
            String dataset,
            String code,
            String reason,
            String id,
            String created,
            String start,
            String end,
            Long duration,
            String timezone,
            String original) {

        /** The event fields of the first shape: no module, id, times, zone nor original. */
        public Event(String kind, List<String> category, List<String> type, String outcome, String dataset,
                String code, String reason) {
            this(kind, category, type, outcome, null, dataset, code, reason, null, null, null, null, null, null, null);
        }
    }

    /**
     * {@code observer.*}: vendor and product when the evidence shows a BIG-IP; vendor, product and type {@code proxy}
     * for a Netskope WebTx export; only {@code type} for a sensor.
     */
    public record Observer(String vendor, String product, String type, String hostname) {

        public Observer(String vendor, String product, String hostname) {
            this(vendor, product, null, hostname);
        }
    }

    /** {@code source.*} / {@code destination.*}; {@code domain} is the destination's SNI. */
    public record Endpoint(String ip, Integer port, String domain) {

        public Endpoint(String ip, Integer port) {
            this(ip, port, null);
        }
    }

    /** {@code network.*}: {@code protocol} is {@code tls}, {@code type} is {@code ipv4} or {@code ipv6}. */
    public record Network(String transport, String type, String protocol, String communityId) {

        public Network(String transport, String communityId) {
            this(transport, null, null, communityId);
        }
    }

    /** {@code related.*}: every address, and the SNI as a host. */
    public record Related(List<String> ip, List<String> hosts) {

        public Related(List<String> ip) {
            this(ip, null);
        }
    }

    public record Tls(Boolean established, String version, String versionProtocol, String cipher,
            String nextProtocol, TlsClient client, TlsServer server) {

        /** Without packets: only whether the handshake was established. */
        public Tls(Boolean established, String version, String versionProtocol, String cipher) {
            this(established, version, versionProtocol, cipher, null, null, null);
        }
    }

    public record TlsClient(String serverName, List<String> supportedCiphers, String ja3) {}

    /** {@code tls.server.*}: JA3S, and the leaf certificate when it crossed in the clear. */
    public record TlsServer(String ja3s, X509 x509, Hash hash) {

        public TlsServer(String ja3s) {
            this(ja3s, null, null);
        }
    }

    /** {@code tls.server.x509.*}: ECS dates; the name fields are arrays in ECS. */
    public record X509(String notBefore, String notAfter, Name subject, Name issuer, List<String> alternativeNames) {}

    public record Name(List<String> commonName) {}

    /** {@code tls.server.hash.*}: SHA-256 of the DER, uppercase hex. */
    public record Hash(String sha256) {}

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
