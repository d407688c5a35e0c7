package io.tlswatch.app;

import io.tlswatch.app.analyze.AnalyzeCommand;
import io.tlswatch.app.decode.DecodeCommand;
import io.tlswatch.app.demo.DemoCommand;
import io.tlswatch.app.ingest.IngestCommand;
import io.tlswatch.app.inventory.InventoryCommand;
import io.tlswatch.app.notify.NotifyCommand;
import io.tlswatch.app.pcap.PcapCommand;
import io.tlswatch.app.probe.ProbeCommand;
import io.tlswatch.app.run.RunCommand;
import io.tlswatch.app.simulate.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tlswatch} command line. */
@Command(
        name = "tlswatch",
        mixinStandardHelpOptions = true,
        versionProvider = TlswatchCommand.Version.class,
        description = "Watches the TLS handshakes of an F5 BIG-IP fleet, says why they fail, and alerts.",
        footer = {"", "Examples:", "  tlswatch demo --duration 90s", "  tlswatch run --config tlswatch.properties",
            "  tlswatch <command> --help"},
        subcommands = {DemoCommand.class, RunCommand.class, DecodeCommand.class, PcapCommand.class,
            IngestCommand.class, InventoryCommand.class, AnalyzeCommand.class, NotifyCommand.class,
            ProbeCommand.class, SimulateCommand.class, CommandLine.HelpCommand.class})
public final class TlswatchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TlswatchCommand());
        // help 80 columns wide, wrapped at spaces; -V on every subcommand
        HelpLayout.apply(cli, new Version());
        // a usage error (bad option, bad value, bad setting) is one line and a pointer to the help: exit 2
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            java.io.PrintWriter err = failed.getErr();
            err.println("tlswatch: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more.");
            err.flush();
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // users get one clear line; the stack trace is for the log at debug level
            commandLine.getErr().println("tlswatch: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            org.slf4j.LoggerFactory.getLogger(TlswatchCommand.class).debug("command failed", e);
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = TlswatchCommand.class.getPackage().getImplementationVersion();
            return new String[] {"tlswatch " + (v != null ? v : "development")};
        }
    }
}
