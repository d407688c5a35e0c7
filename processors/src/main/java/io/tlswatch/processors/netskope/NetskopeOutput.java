package io.tlswatch.processors.netskope;

import io.tlswatch.schemas.DeadLetter;
import io.tlswatch.schemas.HandshakeOutcome;

/** What the Netskope decode step sends on: an outcome per side of a row, or a dead letter. Dropped rows send nothing. */
sealed interface NetskopeOutput {
    record Outcome(HandshakeOutcome outcome) implements NetskopeOutput {}

    record Dead(DeadLetter letter) implements NetskopeOutput {}
}
