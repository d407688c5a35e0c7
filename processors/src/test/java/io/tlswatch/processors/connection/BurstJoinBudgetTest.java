package io.tlswatch.processors.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.processors.connection.PendingBurst.Pending;
import io.tlswatch.processors.decode.LogDecodeResult;
import io.tlswatch.processors.decode.LogDecoder;
import io.tlswatch.schemas.HandshakeEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pending list of one TMM stays a store value the broker takes, whatever the lines' length. */
class BurstJoinBudgetTest {
    private static final String HEAD = "Feb  1 10:00:00 h warning tmm[1]: 01260009:4: 10.0.0.1:5 -> 10.0.0.2:443:"
            + " Connection error: ssl_codec_rx:2314: alert(45) received alert";

    private static List<Pending> lines(int count, int padding) {
        List<Pending> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] line = (HEAD + " " + "x".repeat(padding)).getBytes(StandardCharsets.UTF_8);
            HandshakeEvent e = ((LogDecodeResult.Decoded) LogDecoder.utc().decode(line, 0)).event();
            out.add(new Pending(e, i, i));
        }
        return out;
    }

    @Test
    void aFullListOfRealSizedLinesFits() {
        assertThat(BurstJoinProcessor.overBudget(lines(BurstJoinProcessor.MAX_PENDING_PER_TMM, 0))).isZero();
    }

    @Test
    void theLongestLinesMakeTheOldestLeaveUntilTheRestFits() {
        List<Pending> long8k = lines(64, LogDecoder.MAX_LINE_BYTES - HEAD.length() - 1);
        long weight = long8k.get(0).event().line().length() + long8k.get(0).event().reason().length();
        int fits = (int) (BurstJoinProcessor.MAX_PENDING_CHARS / weight);
        assertThat(BurstJoinProcessor.overBudget(long8k)).isEqualTo(64 - fits);
        assertThat(fits).as("still a useful burst").isGreaterThanOrEqualTo(3);
    }
}
