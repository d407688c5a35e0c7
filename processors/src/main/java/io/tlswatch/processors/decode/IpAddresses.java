package io.tlswatch.processors.decode;

import io.tlswatch.schemas.IpText;

/**
 * IP address text as F5 and proxies print it: the decoders' name for {@link IpText}, which holds the one
 * grammar (dotted-quad IPv4 without leading zeros, IPv6 in RFC 4291 text form) and the one canonical text.
 */
public final class IpAddresses {
    private IpAddresses() {}

    /** A dotted-quad IPv4 address or an IPv6 address in RFC 4291 text form (RFC 5952 or not). */
    public static boolean isAddress(String a) {
        return IpText.isAddress(a);
    }

    /** {@link #isAddress(String)} for {@code a[from, to)}. */
    public static boolean isAddress(String a, int from, int to) {
        return IpText.isAddress(a, from, to);
    }
}
