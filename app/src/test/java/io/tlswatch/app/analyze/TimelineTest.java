package io.tlswatch.app.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {
    private final List<String> sent = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();

    @Test
    void filesGivenNewestFirstAreSentOldestFirst() {
        TimedSource newest = source("ltm", 300, 400, 500);
        TimedSource older = source("ltm.1", 100, 200, 300);
        TimedSource oldest = source("ltm.2.gz", 10, 20);

        Timeline.drain(List.of(newest, older, oldest), () -> false, this::fail);

        // ties (300) go to the file given first
        assertThat(sent).containsExactly("ltm.2.gz@10", "ltm.2.gz@20", "ltm.1@100", "ltm.1@200", "ltm@300",
                "ltm.1@300", "ltm@400", "ltm@500");
        assertThat(failed).isEmpty();
    }

    @Test
    void eachFileKeepsItsOwnOrderEvenWhenItGoesBackInTime() {
        // a record older than its predecessor in the same file (a clock step) is not moved ahead of it
        Timeline.drain(List.of(source("a", 100, 50, 300), source("b", 60, 200)), () -> false, this::fail);

        assertThat(sent).containsExactly("b@60", "a@100", "a@50", "b@200", "a@300");
    }

    @Test
    void aFileThatFailsIsReportedAndTheOthersGoOn() {
        TimedSource broken = new TimedSource() {
            private int calls;

            @Override
            public Timed next() throws IOException {
                if (calls++ == 0) {
                    return new Timed(150, () -> sent.add("broken@150"));
                }
                throw new IOException("truncated gzip");
            }

            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void close() {}
        };

        Timeline.drain(List.of(source("ok", 100, 200), broken), () -> false, this::fail);

        assertThat(sent).containsExactly("ok@100", "broken@150", "ok@200");
        assertThat(failed).containsExactly("broken: truncated gzip");
    }

    @Test
    void stopsWhenAsked() {
        Timeline.drain(List.of(source("a", 1, 2, 3)), () -> sent.size() >= 2, this::fail);

        assertThat(sent).containsExactly("a@1", "a@2");
    }

    private void fail(TimedSource source, IOException e) {
        failed.add(source.name() + ": " + e.getMessage());
    }

    private TimedSource source(String name, long... times) {
        List<Long> list = new ArrayList<>();
        for (long t : times) {
            list.add(t);
        }
        Iterator<Long> it = list.iterator();
        return new TimedSource() {
            @Override
            public Timed next() {
                if (!it.hasNext()) {
                    return null;
                }
                long t = it.next();
                return new Timed(t, () -> sent.add(name + "@" + t));
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public void close() {}
        };
    }
}
