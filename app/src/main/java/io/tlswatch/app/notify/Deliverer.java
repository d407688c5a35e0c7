package io.tlswatch.app.notify;

import io.tlswatch.schemas.AlertEvent;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one alert event to every enabled target, in turn: retrying throttling, server errors and connection
 * failures with backoff for as long as it takes (an alert must not be lost), until the notifier stops; a
 * refusal for good is returned for the dead-letter topic. In {@code --dry-run} it prints each request instead.
 */
final class Deliverer {
    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);
    /** While waiting to retry, the consumer is kept in its group this often. */
    private static final Duration KEEP_ALIVE_EVERY = Duration.ofSeconds(1);

    /** A target's refusal of an event. */
    record Rejection(String target, int status, String body) {
        String detail() {
            return target + " answered HTTP " + status + (body.isEmpty() ? "" : ": " + body);
        }
    }

    /** How a delivery ended. */
    sealed interface Result {
        /** Every target accepted, skipped or refused (the refusals listed); {@code accepted} names who took it. */
        record Done(List<String> accepted, List<Rejection> rejections) implements Result {}

        /** Given up without an answer from every target: the notifier stops, or lost the record's partition. */
        record Abandoned(String why) implements Result {}
    }

    private final List<Target> targets;
    private final HttpPoster poster;
    private final Backoff backoff;
    private final NotifyCounters counters;
    private final Clock clock;
    private final CompletableFuture<Void> stop;
    private final CompletableFuture<Void> abort;
    private final PrintWriter dryRun;

    /**
     * @param stop   completes when the notifier should stop: no new retry starts
     * @param abort  completes when even a request in flight must be given up
     * @param dryRun where to print requests instead of sending them, or null
     */
    Deliverer(List<Target> targets, HttpPoster poster, Backoff backoff, NotifyCounters counters, Clock clock,
            CompletableFuture<Void> stop, CompletableFuture<Void> abort, PrintWriter dryRun) {
        this.targets = List.copyOf(targets);
        this.poster = poster;
        this.backoff = backoff;
        this.counters = counters;
        this.clock = clock;
        this.stop = stop;
        this.abort = abort;
        this.dryRun = dryRun;
    }

    /**
     * Delivers to every target.
     *
     * @param keepAlive called about every second while waiting to retry; false means the record's partition is
     *                  no longer ours and the delivery is abandoned
     */
    Result deliver(AlertEvent event, BooleanSupplier keepAlive) {
        List<String> accepted = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        for (Target target : targets) {
            int retries = 0;
            while (true) {
                Target.Plan plan = target.plan(event, clock.instant());
                if (plan instanceof Target.Plan.Skip skip) {
                    counters.add(NotifyCounters.SKIPPED, skip.reason());
                    log.info("{}: {} skipped: {}", target.name(), event.dedupKey(), skip.detail());
                    break;
                }
                OutboundRequest request = ((Target.Plan.Send) plan).request();
                if (dryRun != null) {
                    dryRun.println(request.dryRunLine());
                    dryRun.flush();
                    accepted.add(target.name());
                    break;
                }
                HttpPoster.Answer answer = poster.post(request, abort);
                if (answer instanceof HttpPoster.Answer.Accepted) {
                    counters.add(NotifyCounters.DELIVERED, target.name());
                    log.info("{}: delivered {} {}", target.name(), AlertStatus.of(event), event.dedupKey());
                    accepted.add(target.name());
                    break;
                }
                if (answer instanceof HttpPoster.Answer.Rejected r) {
                    rejections.add(new Rejection(target.name(), r.status(), r.body()));
                    log.warn("{}: {} refused for good with HTTP {}: {}", target.name(), event.dedupKey(), r.status(),
                            r.body());
                    break;
                }
                if (answer instanceof HttpPoster.Answer.Stopped) {
                    return new Result.Abandoned("stopping while " + target.name() + " had not answered");
                }
                HttpPoster.Answer.Retry retry = (HttpPoster.Answer.Retry) answer;
                retries++;
                counters.add(NotifyCounters.RETRIED, target.name());
                Duration wait = backoff.delay(retries, retry.retryAfter());
                log.warn("{}: {} not delivered ({}), retry {} in {} ms", target.name(), event.dedupKey(),
                        retry.reason(), retries, wait.toMillis());
                if (!waitToRetry(wait, keepAlive)) {
                    return new Result.Abandoned(stop.isDone() ? "stopping" : "partition revoked");
                }
            }
        }
        return new Result.Done(accepted, rejections);
    }

    /** Sends one request once (Alertmanager re-sends): no retry here, the caller schedules the next. */
    HttpPoster.Answer once(OutboundRequest request) {
        return poster.post(request, abort);
    }

    /** Waits, keeping the consumer alive; false when stopping or the partition was lost. */
    private boolean waitToRetry(Duration wait, BooleanSupplier keepAlive) {
        long until = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return !stop.isDone();
            }
            try {
                stop.get(Math.min(left, KEEP_ALIVE_EVERY.toNanos()), TimeUnit.NANOSECONDS);
                return false;
            } catch (TimeoutException e) {
                if (!keepAlive.getAsBoolean()) {
                    return false;
                }
            } catch (ExecutionException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
