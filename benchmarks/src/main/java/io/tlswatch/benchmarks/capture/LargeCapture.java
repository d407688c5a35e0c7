package io.tlswatch.benchmarks.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds a large classic pcap for the {@code tlswatch pcap} vs tshark comparison by repeating the real
 * connections of the shared {@code g*.pcap} captures (Ethernet, IPv4, TCP, one connection each): copy
 * {@code n} of a connection gets its own client address and port, later timestamps, and correct IPv4 and
 * TCP checksums. Connections follow each other; each copy is a whole, valid TCP connection.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.tlswatch.benchmarks.capture.LargeCapture OUT.pcap 200 [DATA_DIR]</pre>
 */
public final class LargeCapture {
    private static final int GLOBAL_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    private static final int ETHERNET = 14;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int TCP = 6;
    /** Gap between two copies, microseconds: later copies never overlap earlier ones. */
    private static final long COPY_GAP_US = 5_000_000L;

    private LargeCapture() {}

    /** One packet of a template connection. */
    private record Packet(long timestampUs, byte[] frame) {}

    /** A template connection: its packets and its client and server as seen in the first packet. */
    private record Template(String name, List<Packet> packets, int clientIp, int clientPort, long durationUs) {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: LargeCapture OUT.pcap MEGABYTES [DATA_DIR (default ../shared/data/tls/pcap)]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        long targetBytes = Long.parseLong(args[1]) << 20;
        Path dir = Path.of(args.length > 2 ? args[2] : "../shared/data/tls/pcap");
        List<Template> templates = templates(dir);
        if (templates.isEmpty()) {
            System.err.println("no g*.pcap templates in " + dir);
            System.exit(1);
        }
        long[] written = write(out, templates, targetBytes);
        System.err.printf("wrote %s: %d bytes, %d connections, %d packets, from %d template connections%n",
                out, written[0], written[1], written[2], templates.size());
    }

    /** Returns {bytes, connections, packets}. */
    static long[] write(Path out, List<Template> templates, long targetBytes) throws IOException {
        long bytes = GLOBAL_HEADER;
        long connections = 0;
        long packets = 0;
        long clock = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z in microseconds
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            os.write(globalHeader());
            ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER).order(ByteOrder.LITTLE_ENDIAN);
            while (bytes < targetBytes) {
                for (Template t : templates) {
                    int copy = (int) connections;
                    // 10.64.0.0/10 for clients: four million distinct addresses, a fresh port per copy
                    int newClientIp = 0x0A400000 | (copy & 0x3FFFFF);
                    int newClientPort = 1024 + (copy % 64_000);
                    long first = t.packets().get(0).timestampUs();
                    for (Packet p : t.packets()) {
                        byte[] frame = p.frame().clone();
                        rewrite(frame, t.clientIp(), t.clientPort(), newClientIp, newClientPort);
                        long ts = clock + (p.timestampUs() - first);
                        record.clear();
                        record.putInt((int) (ts / 1_000_000)).putInt((int) (ts % 1_000_000))
                                .putInt(frame.length).putInt(frame.length);
                        os.write(record.array());
                        os.write(frame);
                        bytes += RECORD_HEADER + frame.length;
                        packets++;
                    }
                    clock += t.durationUs() + COPY_GAP_US;
                    connections++;
                }
            }
        }
        return new long[] {bytes, connections, packets};
    }

    private static byte[] globalHeader() {
        return ByteBuffer.allocate(GLOBAL_HEADER).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(65_535).putInt(1).array();
    }

    /** The g*.pcap connections: classic little-endian pcap, Ethernet, IPv4 TCP. Others are skipped. */
    static List<Template> templates(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches("g\\d\\d-.*\\.pcap")).sorted().toList();
        }
        List<Template> templates = new ArrayList<>();
        for (Path f : files) {
            Template t = template(f);
            if (t != null) {
                templates.add(t);
            }
        }
        return templates;
    }

    private static Template template(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < GLOBAL_HEADER || b.getInt(0) != 0xa1b2c3d4 || b.getInt(20) != 1) {
            return null;
        }
        b.position(GLOBAL_HEADER);
        List<Packet> packets = new ArrayList<>();
        int clientIp = 0;
        int clientPort = -1;
        while (b.remaining() >= RECORD_HEADER) {
            long ts = (b.getInt() & 0xffffffffL) * 1_000_000L + (b.getInt() & 0xffffffffL);
            int captured = b.getInt();
            b.getInt();
            if (captured < 0 || captured > b.remaining()) {
                break;
            }
            byte[] frame = new byte[captured];
            b.get(frame);
            if (!isIpv4Tcp(frame)) {
                continue;
            }
            if (clientPort < 0) {
                // the first packet is the client's SYN in these captures
                clientIp = ByteBuffer.wrap(frame, ETHERNET + 12, 4).getInt();
                clientPort = port(frame, ETHERNET + ihl(frame));
            }
            packets.add(new Packet(ts, frame));
        }
        if (packets.isEmpty()) {
            return null;
        }
        long duration = packets.get(packets.size() - 1).timestampUs() - packets.get(0).timestampUs();
        return new Template(file.getFileName().toString(), packets, clientIp, clientPort, duration);
    }

    private static boolean isIpv4Tcp(byte[] f) {
        return f.length >= ETHERNET + 20 + 20 && ((f[12] & 0xff) << 8 | (f[13] & 0xff)) == ETHERTYPE_IPV4
                && (f[ETHERNET] >> 4) == 4 && f[ETHERNET + 9] == TCP && f.length >= ETHERNET + ihl(f) + 20;
    }

    private static int ihl(byte[] f) {
        return (f[ETHERNET] & 0x0f) * 4;
    }

    private static int port(byte[] f, int at) {
        return (f[at] & 0xff) << 8 | (f[at + 1] & 0xff);
    }

    /** Replaces the client's address and port wherever they appear, then recomputes both checksums. */
    private static void rewrite(byte[] f, int oldIp, int oldPort, int newIp, int newPort) {
        ByteBuffer b = ByteBuffer.wrap(f);
        int ip = ETHERNET;
        int tcp = ip + ihl(f);
        if (b.getInt(ip + 12) == oldIp && port(f, tcp) == oldPort) {
            b.putInt(ip + 12, newIp);
            b.putShort(tcp, (short) newPort);
        } else if (b.getInt(ip + 16) == oldIp && port(f, tcp + 2) == oldPort) {
            b.putInt(ip + 16, newIp);
            b.putShort(tcp + 2, (short) newPort);
        }
        b.putShort(ip + 10, (short) 0);
        b.putShort(ip + 10, (short) checksum(f, ip, tcp - ip, 0));
        int totalLength = b.getShort(ip + 2) & 0xffff;
        int tcpLength = Math.min(totalLength, f.length - ip) - (tcp - ip);
        long pseudo = sum(f, ip + 12, 8) + TCP + tcpLength;
        b.putShort(tcp + 16, (short) 0);
        b.putShort(tcp + 16, (short) checksum(f, tcp, tcpLength, pseudo));
    }

    private static int checksum(byte[] f, int from, int length, long initial) {
        long sum = initial + sum(f, from, length);
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) ~sum & 0xffff;
    }

    private static long sum(byte[] f, int from, int length) {
        long sum = 0;
        int i = from;
        for (; i + 1 < from + length; i += 2) {
            sum += (f[i] & 0xff) << 8 | (f[i + 1] & 0xff);
        }
        if (i < from + length) {
            sum += (f[i] & 0xff) << 8;
        }
        return sum;
    }
}
