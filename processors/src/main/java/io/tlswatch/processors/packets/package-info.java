/**
 * Judging a TCP connection from its packets alone (DESIGN §6–§7): the flights a capture point summarised for
 * each direction are decoded with the wire decoder and turned into one {@link io.tlswatch.schemas.HandshakeOutcome}
 * (success, failure with its error class, or unknown) carrying the handshake fields and fingerprints. Pure Java,
 * no Kafka: {@code tlswatch pcap} and the Streams packet path share it.
 */
package io.tlswatch.processors.packets;
