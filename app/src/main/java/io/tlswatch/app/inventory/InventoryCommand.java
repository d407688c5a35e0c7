package io.tlswatch.app.inventory;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tlswatch inventory ...}: the virtual servers tlswatch knows ({@code tlswatch.inventory}). */
@Command(
        name = "inventory",
        mixinStandardHelpOptions = true,
        description = "Manages the VIP inventory (tlswatch.inventory).",
        footer = {"", "Examples:", "  tlswatch inventory load config/vips.example.csv",
            "  tlswatch inventory delete bigip-01.example.net/10.10.1.10:443"},
        subcommands = {InventoryLoadCommand.class, InventoryDeleteCommand.class})
public final class InventoryCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (load, delete)");
    }
}
