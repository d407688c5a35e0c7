package io.tlswatch.ingest.simulator.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The packets of one simulated connection to a BIG-IP VIP, flight by flight, for each way a handshake ends. The
 * VIPs negotiate TLS 1.2 (or 1.0 with a TLS 1.0 client), as a BIG-IP client-ssl profile does with TLS 1.3
 * disabled (the default up to 17.x): certificates and alerts stay in the clear, as the pipeline's packet rules
 * need (DESIGN §6, §7).
 */
public final class HandshakeScript {
    /** How the handshake ends. */
    public enum Ending {
        /**
         * Full handshake, both ChangeCipherSpecs, a short request and response (sizes kept small: they are only
         * counted, and every byte is carried in the summaries), both sides close.
         */
        SUCCESS,
        /** The server's flight, then a fatal alert from the client (certificate refused): {@code alert} says which. */
        CLIENT_ALERT,
        /** A fatal alert from the BIG-IP right after the ClientHello (cipher, version, SNI refused). */
        SERVER_ALERT,
        /** mTLS: CertificateRequest, the client's certificate, then the BIG-IP's fatal alert. */
        CLIENT_CERT_REFUSED,
        /** The BIG-IP resets the connection after the ClientHello without a word (TPS limit). */
        SERVER_RESET,
        /** The client gives up after its ClientHello and resets (a timeout, a middlebox). */
        CLIENT_RESET,
        /** A PROXY v1 header before the ClientHello; the BIG-IP resets. */
        PROXY_HEADER,
        /** A plain HTTP request on the TLS port; the BIG-IP resets. */
        PLAIN_HTTP
    }

    /** The certificates the VIP presents: leaf first (DER). */
    public record Chain(List<byte[]> certificates) {
        public Chain {
            certificates = List.copyOf(certificates);
        }
    }

    private HandshakeScript() {}

    /**
     * The flights of one connection.
     *
     * @param alert         the alert description for {@link Ending#CLIENT_ALERT}, {@link Ending#SERVER_ALERT} and
     *                      {@link Ending#CLIENT_CERT_REFUSED}
     * @param clientAddress the client's address and port, for the PROXY header: {@code 198.51.100.7 50123}
     * @param vipAddress    the VIP's address and port, same form
     */
    public static List<Flight> flights(ClientKind client, Ending ending, int alert, String sni, Chain chain,
            String clientAddress, String vipAddress, Random r) {
        int rtt = 8 + r.nextInt(60);
        List<Flight> out = new ArrayList<>();
        int version = client.maxVersion() == ClientKind.TLS10 ? ClientKind.TLS10 : ClientKind.TLS12;
        switch (ending) {
            case PLAIN_HTTP -> {
                String request = "GET / HTTP/1.1\r\nHost: " + (sni == null ? "localhost" : sni)
                        + "\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n";
                out.add(new Flight(true, rtt, request.getBytes(StandardCharsets.US_ASCII), false, false));
                out.add(new Flight(false, rtt + 1, new byte[0], false, true));
                return out;
            }
            case PROXY_HEADER -> {
                String[] c = clientAddress.split(" ");
                String[] v = vipAddress.split(" ");
                byte[] proxy = ("PROXY TCP4 " + c[0] + " " + v[0] + " " + c[1] + " " + v[1] + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                out.add(new Flight(true, rtt, Bytes.of().raw(proxy).raw(client.hello(r, sni)).toArray(), false, false));
                out.add(new Flight(false, rtt + 1, new byte[0], false, true));
                return out;
            }
            default -> out.add(new Flight(true, rtt, client.hello(r, sni), false, false));
        }
        if (client == ClientKind.SCANNER) {
            // nobody answers an SSLv2 hello today
            out.add(new Flight(false, 2 * rtt, new byte[0], false, true));
            return out;
        }
        switch (ending) {
            case SERVER_RESET -> out.add(new Flight(false, 2 * rtt, new byte[0], false, true));
            case CLIENT_RESET -> out.add(new Flight(true, 2 * rtt, new byte[0], false, true));
            case SERVER_ALERT -> {
                out.add(new Flight(false, 2 * rtt, Tls.fatalAlert(version, alert), true, false));
                out.add(new Flight(true, 3 * rtt, new byte[0], true, false));
            }
            case CLIENT_ALERT -> {
                out.add(new Flight(false, 2 * rtt, serverFlight(r, version, chain, false), false, false));
                out.add(new Flight(true, 3 * rtt, Tls.fatalAlert(version, alert), true, false));
                out.add(new Flight(false, 3 * rtt + 1, new byte[0], true, false));
            }
            case CLIENT_CERT_REFUSED -> {
                out.add(new Flight(false, 2 * rtt, serverFlight(r, version, chain, true), false, false));
                out.add(new Flight(true, 3 * rtt, clientFinish(r, version, chain), false, false));
                out.add(new Flight(false, 4 * rtt, Tls.fatalAlert(version, alert), true, false));
                out.add(new Flight(true, 5 * rtt, new byte[0], true, false));
            }
            default -> { // SUCCESS
                out.add(new Flight(false, 2 * rtt, serverFlight(r, version, chain, false), false, false));
                out.add(new Flight(true, 3 * rtt, Bytes.of().raw(clientFinish(r, version, null))
                        .raw(Tls.record(Tls.APPLICATION_DATA, version, ClientHellos.random(r, 60 + r.nextInt(100))))
                        .toArray(), false, false));
                out.add(new Flight(false, 4 * rtt, Bytes.of()
                        .raw(Tls.record(Tls.CHANGE_CIPHER_SPEC, version, new byte[] {1}))
                        .raw(Tls.record(Tls.HANDSHAKE, version, ClientHellos.random(r, 40)))
                        .raw(Tls.record(Tls.APPLICATION_DATA, version, ClientHellos.random(r, 100 + r.nextInt(300))))
                        .toArray(), true, false));
                out.add(new Flight(true, 5 * rtt, new byte[0], true, false));
            }
        }
        return out;
    }

    /** ServerHello, Certificate, ServerKeyExchange, [CertificateRequest], ServerHelloDone in one record. */
    private static byte[] serverFlight(Random r, int version, Chain chain, boolean requestCertificate) {
        byte[] hello = Tls.handshake(Tls.SERVER_HELLO, Bytes.of().u16(version).raw(ClientHellos.random(r, 32))
                .vec8(ClientHellos.random(r, 32)).u16(version == ClientKind.TLS10 ? 0xC014 : 0xC02F).u8(0)
                .vec16(Bytes.of().raw(ClientHellos.ext(0xFF01, new byte[] {0})).raw(ClientHellos.ext(0x0017, new byte[0]))
                        .raw(ClientHellos.ext(0x000B, new byte[] {1, 0})).toArray())
                .toArray());
        Bytes certs = Bytes.of();
        chain.certificates().forEach(certs::vec24);
        Bytes flight = Bytes.of().raw(hello).raw(Tls.handshake(Tls.CERTIFICATE, Bytes.of().vec24(certs.toArray()).toArray()));
        // ECDHE over x25519 (RFC 8422 §5.4): curve type, named curve, public key, signature
        Bytes kx = Bytes.of().u8(3).u16(ClientKind.X25519).vec8(ClientHellos.random(r, 32));
        if (version != ClientKind.TLS10) {
            kx.u16(0x0401);
        }
        flight.raw(Tls.handshake(Tls.SERVER_KEY_EXCHANGE, kx.vec16(ClientHellos.random(r, 256)).toArray()));
        if (requestCertificate) {
            // RFC 5246 §7.4.4: certificate types (rsa_sign, ecdsa_sign), signature algorithms, no CA names
            flight.raw(Tls.handshake(Tls.CERTIFICATE_REQUEST, Bytes.of().vec8(new byte[] {1, 64})
                    .vec16(Bytes.of().u16(0x0401).u16(0x0403).toArray()).vec16(new byte[0]).toArray()));
        }
        flight.raw(Tls.handshake(Tls.SERVER_HELLO_DONE, new byte[0]));
        return Tls.record(Tls.HANDSHAKE, version, flight.toArray());
    }

    /** [Certificate, ] ClientKeyExchange[, CertificateVerify], ChangeCipherSpec, encrypted Finished. */
    private static byte[] clientFinish(Random r, int version, Chain clientChain) {
        Bytes messages = Bytes.of();
        if (clientChain != null) {
            Bytes certs = Bytes.of();
            clientChain.certificates().forEach(certs::vec24);
            messages.raw(Tls.handshake(Tls.CERTIFICATE, Bytes.of().vec24(certs.toArray()).toArray()));
        }
        messages.raw(Tls.handshake(Tls.CLIENT_KEY_EXCHANGE, Bytes.of().vec8(ClientHellos.random(r, 32)).toArray()));
        if (clientChain != null) {
            messages.raw(Tls.handshake(Tls.CERTIFICATE_VERIFY,
                    Bytes.of().u16(0x0401).vec16(ClientHellos.random(r, 256)).toArray()));
        }
        return Bytes.of().raw(Tls.record(Tls.HANDSHAKE, version, messages.toArray()))
                .raw(Tls.record(Tls.CHANGE_CIPHER_SPEC, version, new byte[] {1}))
                .raw(Tls.record(Tls.HANDSHAKE, version, ClientHellos.random(r, 40))).toArray();
    }
}
