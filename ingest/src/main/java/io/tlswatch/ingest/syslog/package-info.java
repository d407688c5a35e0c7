/**
 * The syslog receiver ({@link io.tlswatch.ingest.syslog.SyslogReceiver}): UDP, TCP with RFC 6587 framing
 * ({@link io.tlswatch.ingest.syslog.SyslogFramer}) and TLS listeners whose messages go, one record each, to the raw
 * log topic ({@link io.tlswatch.ingest.syslog.KafkaMessageSink}), with backpressure and counted drops.
 */
package io.tlswatch.ingest.syslog;
