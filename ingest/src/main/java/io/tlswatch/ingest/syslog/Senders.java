package io.tlswatch.ingest.syslog;

import io.tlswatch.schemas.HostPort;
import io.tlswatch.schemas.IpText;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** The sender of a message as {@code ip:port} (IPv6 in RFC 5952 form, in brackets), as every tlswatch key writes it. */
final class Senders {
    private Senders() {}

    static String of(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            byte[] ip = inet.getAddress().getAddress();
            return HostPort.of(IpText.format(ip, 0, ip.length), null, inet.getPort());
        }
        return String.valueOf(address);
    }
}
