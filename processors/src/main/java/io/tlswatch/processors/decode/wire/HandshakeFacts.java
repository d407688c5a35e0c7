package io.tlswatch.processors.decode.wire;

import java.util.List;

/**
 * Everything one direction's stream head tells (DESIGN §6). Facts are per direction: who sent an alert is the
 * sender of that direction.
 *
 * @param proxy the PROXY header in front, or null
 * @param httpMethod the request method of an HTTP request ({@code PRI} for the HTTP/2 preface), else null
 * @param httpTunnel TLS follows an HTTP CONNECT request (client) or the proxy's response (server)
 * @param clientHellos in order (two after a HelloRetryRequest)
 * @param serverHellos in order (a HelloRetryRequest, then the ServerHello)
 * @param certificate a Certificate message was seen in plaintext (TLS 1.2 and earlier)
 * @param certificateRequest a CertificateRequest was seen in plaintext (TLS 1.2 and earlier)
 * @param alerts plaintext alerts in order; alerts inside encrypted records are only counted
 * @param encryptedRecords records whose content is encrypted (application data, encrypted handshake)
 * @param encryptedAlerts alert records whose content is encrypted: never guessed
 * @param bytesRead bytes of the head read up to the end of the last whole record
 * @param truncated the head ends inside a record or a handshake message
 * @param tailError set when the head breaks a rule after something was decoded; null otherwise
 * @param tailErrorOffset offset of that error, -1 when none
 * @param leafCertificate the first certificate of the first plaintext Certificate message (or why it could not
 *                        be taken); null when there was none
 */
public record HandshakeFacts(StreamKind kind, ProxyHeader proxy, String httpMethod, boolean httpTunnel,
        List<ClientHello> clientHellos,
        List<ServerHello> serverHellos, boolean certificate, boolean certificateRequest, boolean serverHelloDone,
        boolean changeCipherSpec, List<TlsAlert> alerts, int encryptedRecords, int encryptedAlerts,
        int heartbeatRecords, int bytesRead, boolean truncated, MalformedReason tailError, int tailErrorOffset,
        LeafCertificate leafCertificate) {

    /** The first ClientHello, or null. */
    public ClientHello clientHello() {
        return clientHellos.isEmpty() ? null : clientHellos.get(0);
    }

    /** The last ServerHello that is not a HelloRetryRequest, or null. */
    public ServerHello serverHello() {
        for (int i = serverHellos.size() - 1; i >= 0; i--) {
            if (!serverHellos.get(i).helloRetryRequest()) {
                return serverHellos.get(i);
            }
        }
        return null;
    }

    public boolean helloRetryRequest() {
        for (ServerHello s : serverHellos) {
            if (s.helloRetryRequest()) {
                return true;
            }
        }
        return false;
    }
}
