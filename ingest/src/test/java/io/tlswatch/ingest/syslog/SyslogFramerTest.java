package io.tlswatch.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyslogFramerTest {
    private static final int LIMIT = 64;

    private final List<String> messages = new ArrayList<>();
    private final List<Boolean> cuts = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();
    private final List<DropReason> drops = new ArrayList<>();
    private final SyslogFramer framer = new SyslogFramer(LIMIT, new SyslogFramer.Sink() {
        @Override
        public void message(byte[] message, boolean cut) {
            messages.add(new String(message, StandardCharsets.UTF_8));
            sizes.add(message.length);
            cuts.add(cut);
        }

        @Override
        public void dropped(DropReason reason) {
            drops.add(reason);
        }
    });

    private void feed(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        framer.feed(b, 0, b.length);
    }

    /** Every byte in its own read: framing must not depend on where reads split the stream. */
    private void feedByteByByte(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            framer.feed(b, i, 1);
        }
    }

    @Test
    void newlineFramesDropTheirDelimiterAndACarriageReturn() {
        feed("<134>Feb  1 10:00:00 bigip-01 a\n<134>b\r\n\n\nhost-stripped tmm1[1]: c\n");
        assertThat(messages).containsExactly("<134>Feb  1 10:00:00 bigip-01 a", "<134>b", "host-stripped tmm1[1]: c");
        assertThat(drops).isEmpty();
    }

    @Test
    void octetCountedFramesMayHoldNewlinesAndNeedNone() {
        String one = "<134>1 2020-04-14T14:39:05Z h apmd 1 01490248:5: x";
        String two = "<134>two\nlines";
        feed(one.length() + " " + one + two.length() + " " + two + "\n");
        assertThat(messages).containsExactly(one, two);
        assertThat(framer.midFrame()).isFalse();
    }

    @Test
    void framingIsDecidedPerFrameSoAConnectionMayMixThem() {
        String octet = "<13>octet";
        feedByteByByte("<13>line one\n" + octet.length() + " " + octet + "<13>line two\n");
        assertThat(messages).containsExactly("<13>line one", octet, "<13>line two");
    }

    @Test
    void digitsAndASpaceWithoutAPriAreALineNotACount() {
        // an HSL line starts with a time stamp; 2024-... and "1700000000 10.1.1.1,..." are lines
        feed("1700000000 10.1.1.1,f5_irule=ja4,src_ip=10.0.0.1\n2024-02-01T10:00:00Z x\n12345\n");
        assertThat(messages).containsExactly("1700000000 10.1.1.1,f5_irule=ja4,src_ip=10.0.0.1",
                "2024-02-01T10:00:00Z x", "12345");
        assertThat(drops).isEmpty();
    }

    @Test
    void binaryGarbageNeverThrowsAndStaysBounded() {
        byte[] garbage = new byte[100_000];
        new java.util.Random(7).nextBytes(garbage);
        for (int i = 0; i < garbage.length; i += 977) {
            framer.feed(garbage, i, Math.min(977, garbage.length - i));
        }
        framer.end();
        assertThat(sizes).isNotEmpty().allSatisfy(n -> assertThat(n).isBetween(1, LIMIT));
        feed("<13>after garbage\n");
        assertThat(messages).last().isEqualTo("<13>after garbage");
    }

    @Test
    void aLongLineIsCutAtTheLimitCountedOnceAndTheNextLineIsWhole() {
        feed("<13>" + "x".repeat(200));
        feed("y".repeat(10_000) + "\n<13>next\n");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0)).hasSize(LIMIT).startsWith("<13>xxx");
        assertThat(cuts).containsExactly(true, false);
        assertThat(messages.get(1)).isEqualTo("<13>next");
        assertThat(drops).containsExactly(DropReason.OVERSIZED_CUT);
    }

    @Test
    void aLineOfExactlyTheLimitIsWhole() {
        String exact = "<13>" + "x".repeat(LIMIT - 4);
        feedByteByByte(exact + "\n");
        assertThat(messages).containsExactly(exact);
        assertThat(drops).isEmpty();
    }

    @Test
    void aCutNeverSplitsAUtf8Character() {
        // "é" is two bytes: placed so that the limit falls between them
        feed("<13>" + "x".repeat(LIMIT - 5) + "é" + "tail\n");
        assertThat(messages.get(0)).isEqualTo("<13>" + "x".repeat(LIMIT - 5));
        // a four-byte character split the same way
        feed("<13>" + "x".repeat(LIMIT - 6) + "😀" + "tail\n");
        assertThat(messages.get(1)).isEqualTo("<13>" + "x".repeat(LIMIT - 6));
    }

    @Test
    void anOversizedOctetFrameIsCutAndTheNextFrameIsRead() {
        String big = "<13>" + "z".repeat(500);
        String next = "<13>next";
        feedByteByByte(big.length() + " " + big + next.length() + " " + next);
        assertThat(messages).containsExactly(big.substring(0, LIMIT), next);
        assertThat(drops).containsExactly(DropReason.OVERSIZED_CUT);
    }

    @Test
    void aCountThatLiesShortLeavesTheRestAsALine() {
        feed("5 <13>hello world\n<13>after\n");
        assertThat(messages).containsExactly("<13>h", "ello world", "<13>after");
    }

    @Test
    void aCountThatLiesLongSwallowsWhatFollowsUntilItIsSatisfied() {
        feed("40 <13>short\n<13>second line\n");
        assertThat(messages).isEmpty();
        assertThat(framer.midFrame()).isTrue();
        feed("<13>third line!!\n<13>fourth\n");
        // 40 bytes: "<13>short\n<13>second line\n<13>third line", then a line "!!", then the fourth
        assertThat(messages).containsExactly("<13>short\n<13>second line\n<13>third line", "!!", "<13>fourth");
    }

    @Test
    void hugeCountsAreFramingErrorsSkippedToTheNextNewline() {
        feed("99999999999999 <13>claims 99 TB\n<13>after\n");
        feed("67108865 <13>claims 64 MiB + 1\n<13>after two\n");
        assertThat(messages).containsExactly("<13>after", "<13>after two");
        assertThat(drops).containsExactly(DropReason.FRAMING_ERROR, DropReason.FRAMING_ERROR);
        // more digits than any count: a line of digits, not a frame
        feed("1".repeat(30) + " <13>x\n");
        assertThat(messages).last().isEqualTo("1".repeat(30) + " <13>x");
    }

    @Test
    void aFrameCutMidwayIsDroppedAndCountedAtTheEnd() {
        feed("20 <13>only ten");
        assertThat(framer.midFrame()).isTrue();
        framer.end();
        assertThat(messages).isEmpty();
        assertThat(drops).containsExactly(DropReason.INCOMPLETE_FRAME);
        // a line without its newline is not whole either
        feed("<13>no newline");
        framer.end();
        assertThat(messages).isEmpty();
        assertThat(drops).containsExactly(DropReason.INCOMPLETE_FRAME, DropReason.INCOMPLETE_FRAME);
        framer.end();
        assertThat(drops).hasSize(2);
    }

    @Test
    void everyPrefixOfAMixedStreamIsEitherWholeFramesOrMidFrame() {
        String stream = "<13>a\n9 <13>octet<13>b\r\n5 <13>\n";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            List<String> got = new ArrayList<>();
            SyslogFramer f = new SyslogFramer(LIMIT, new SyslogFramer.Sink() {
                @Override
                public void message(byte[] message, boolean c) {
                    got.add(new String(message, StandardCharsets.UTF_8));
                }

                @Override
                public void dropped(DropReason reason) {
                    throw new AssertionError(reason);
                }
            });
            f.feed(bytes, 0, cut);
            f.feed(bytes, cut, bytes.length - cut);
            assertThat(got).as("split at %d", cut).containsExactly("<13>a", "<13>octet", "<13>b", "<13>");
        }
    }
}
