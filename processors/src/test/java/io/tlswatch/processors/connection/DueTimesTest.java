package io.tlswatch.processors.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DueTimesTest {

    @Test
    void keysLeaveInTimeOrderOnlyOnceDue() {
        DueTimes due = new DueTimes();
        due.add("a", 100);
        due.add("b", 200);
        due.add("a", 300); // a's entry changed: it falls due again later

        assertThat(due.pollDue(99)).isNull();
        assertThat(due.pollDue(250)).isEqualTo("a");
        assertThat(due.pollDue(250)).isEqualTo("b");
        assertThat(due.pollDue(250)).isNull();
        assertThat(due.pollDue(300)).isEqualTo("a");
        assertThat(due.pollDue(Long.MAX_VALUE)).isNull();
    }

    @Test
    void aRebuildFromTheStoreIsSortedByTime() {
        DueTimes due = new DueTimes();
        due.add("late", 500);
        due.add("early", 100);
        due.add("middle", 300); // the store's order, not time order

        assertThat(due.pollDue(1_000)).isEqualTo("early");
        assertThat(due.pollDue(1_000)).isEqualTo("middle");
        assertThat(due.pollDue(1_000)).isEqualTo("late");
        due.add("x", 1);
        due.clear();
        assertThat(due.pollDue(1_000)).isNull();
    }

    @Test
    void aKeyAddedAfterTheClockSteppedBackDoesNotWaitBehindLaterOnes() {
        DueTimes due = new DueTimes();
        due.add("before-the-step", 10_000);
        due.add("after-the-step", 4_000); // the wall clock went back six seconds between the two adds

        assertThat(due.pollDue(5_000)).isEqualTo("after-the-step");
        assertThat(due.pollDue(5_000)).isNull();
        assertThat(due.pollDue(10_000)).isEqualTo("before-the-step");
    }
}
