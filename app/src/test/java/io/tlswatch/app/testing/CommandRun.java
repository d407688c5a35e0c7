package io.tlswatch.app.testing;

import io.tlswatch.app.TlswatchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** The {@code tlswatch} command line run in-process, as a user would type it; what it printed is kept. */
public final class CommandRun {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs one command line; returns its exit code. Output accumulates across runs. */
    public int run(String... args) {
        CommandLine cli = TlswatchCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** Standard output so far. */
    public String out() {
        return out.toString();
    }

    /** Standard error so far. */
    public String err() {
        return err.toString();
    }
}
