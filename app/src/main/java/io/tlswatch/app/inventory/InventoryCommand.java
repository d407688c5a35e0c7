package io.tlswatch.app.inventory;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tlswatch inventory ...}: the virtual servers tlswatch knows ({@code tlswatch.inventory}). */
@Command(
        name = "inventory",
        mixinStandardHelpOptions = true,
        description = "Manages the VIP inventory (tlswatch.inventory).",
        subcommands = {InventoryLoadCommand.class, InventoryDeleteCommand.class})
public final class InventoryCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (load, delete)");
    }
}
