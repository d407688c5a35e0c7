package io.tlswatch.ingest.pcap;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The name of the host reading a capture: for a live capture ({@code tcpdump -w - | tlswatch ingest pcap -}) the
 * sensor itself. The kernel's name first (no DNS query), then {@code HOSTNAME}, then the JDK's local host name.
 */
public final class CaptureHost {
    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");
    /** RFC 1035 §2.3.4: a host name is at most 253 characters as text. */
    static final int MAX_CHARS = 253;

    private CaptureHost() {}

    /** This host's name, or null when none can be found. */
    public static String local() {
        try {
            if (Files.isReadable(KERNEL_HOSTNAME)) {
                String name = clean(Files.readString(KERNEL_HOSTNAME, StandardCharsets.US_ASCII));
                if (name != null) {
                    return name;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the other sources
        }
        String env = clean(System.getenv("HOSTNAME"));
        if (env != null) {
            return env;
        }
        try {
            return clean(InetAddress.getLocalHost().getHostName());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A usable name: trimmed, printable ASCII, not empty, at most {@link #MAX_CHARS}; else null. */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        if (t.isEmpty() || t.length() > MAX_CHARS || !t.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return null;
        }
        return t;
    }
}
