/**
 * The capture reader (DESIGN §5): pcap and pcapng from a file or standard input, link layers (Ethernet with
 * 802.1Q/QinQ, Linux cooked SLL and SLL2, raw IP, BSD null/loopback), IPv4 and IPv6, TCP reassembly per direction
 * and the BIG-IP Ethernet trailer, into one {@link io.tlswatch.ingest.pcap.FlightSummary} per connection direction
 * and handshake flight. Entry point: {@link io.tlswatch.ingest.pcap.CaptureReader}.
 *
 * <p>Pipeline: {@code CaptureFormat} (pcap / pcapng records) → {@code LinkLayer} → {@code IpPacket} →
 * {@code TcpSegment} → {@code FlowTable} of {@code TcpConnection}s, each direction a {@code TcpReassembler}; the
 * flight boundary test is {@code TlsFlight}. Nothing here throws on data: every length is checked before use and
 * every skipped or damaged input is a counter in {@link io.tlswatch.ingest.pcap.CaptureStats}.
 *
 * <p>UDP to a QUIC port: {@code QuicHeaders} (the clear long-header fields only) → {@code QuicFlowTable} of
 * {@code QuicFlow}s, whose kept datagrams become {@code udp} summaries; the processors decrypt them.
 *
 * <p>Both tables keep their flows ({@code Flow}) in a {@code BoundedFlows}: the size and byte bounds, idle
 * sweeps, eviction, the closed keys remembered and the end-of-capture flush are written once there.
 */
package io.tlswatch.ingest.pcap;
