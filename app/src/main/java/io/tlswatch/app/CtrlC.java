package io.tlswatch.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C for commands that own an embedded broker and temporary files: the signal asks the work to stop
 * ({@link #stopRequested()}), and the JVM waits (up to a minute) until {@link #close()} says cleanup is done.
 * Use in try-with-resources around the whole command.
 */
public final class CtrlC implements AutoCloseable {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    /** @param name the command, for the hook thread's name */
    public CtrlC(String name) {
        hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tlswatch-" + name + "-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Counted down when Ctrl-C (or any JVM shutdown) asks the work to stop. */
    public CountDownLatch stopRequested() {
        return stop;
    }

    /** Cleanup is done: a pending shutdown may proceed; without one, the hook is removed. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the JVM is already stopping
        }
    }
}
