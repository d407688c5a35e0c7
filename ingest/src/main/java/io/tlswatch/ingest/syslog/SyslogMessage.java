package io.tlswatch.ingest.syslog;

/**
 * One received syslog message: its bytes without the frame (no octet count, no trailing newline), who sent it
 * ({@code ip:port}, IPv6 in brackets), when it arrived and how.
 */
public record SyslogMessage(byte[] bytes, String sender, long receivedMs, Transport transport) {}
