package io.tlswatch.processors.topology;

import io.tlswatch.schemas.DeadLetter;
import io.tlswatch.schemas.HandshakeEvent;

/** What leaves the decode step: an event for the join, or a dead letter. Dropped records leave nothing. */
sealed interface DecodeOutput {
    record Event(HandshakeEvent event) implements DecodeOutput {}

    record Dead(DeadLetter letter) implements DecodeOutput {}
}
