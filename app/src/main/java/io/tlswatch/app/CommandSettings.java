package io.tlswatch.app;

import io.tlswatch.app.notify.NotifySettings;
import io.tlswatch.processors.KafkaKeys;
import io.tlswatch.processors.TlswatchConfig;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The settings of a command, read and checked before anything connects: the config file, then the
 * {@code TLSWATCH_*} environment, then {@link TlswatchConfig#validate()} and the {@code notify.*} values. Any
 * problem is a usage error (exit 2) with one line naming the key; a {@code kafka.*} key Kafka does not know is a
 * warning line ({@link KafkaKeys}).
 */
public final class CommandSettings {
    private CommandSettings() {}

    /** The file (may be null) and the environment, checked. */
    public static TlswatchConfig load(Path file, CommandLine cli) {
        if (file != null && (Files.isDirectory(file) || !Files.isReadable(file))) {
            throw new CommandLine.ParameterException(cli, "cannot read config file " + file
                    + (Files.isDirectory(file) ? " (a directory)" : Files.exists(file) ? "" : " (no such file)"));
        }
        TlswatchConfig config;
        try {
            config = TlswatchConfig.load(file, System.getenv());
        } catch (CharacterCodingException e) {
            throw new CommandLine.ParameterException(cli, "cannot read config file " + file
                    + ": not UTF-8 text (a properties file is expected)");
        } catch (IOException | IllegalArgumentException e) {
            // Properties.load: a malformed \\uXXXX escape is the only other way a readable file fails
            throw new CommandLine.ParameterException(cli, "cannot read config file " + file + ": " + e.getMessage());
        }
        check(config, cli);
        // once, here: the operator's own settings (analyze checks its overrides again, demo has no file)
        KafkaKeys.unknown(config).forEach(line -> cli.getErr().println("tlswatch: warning: " + line));
        cli.getErr().flush();
        return config;
    }

    /** Checks settings built in code (demo, analyze's overrides) the same way. */
    public static TlswatchConfig check(TlswatchConfig config, CommandLine cli) {
        try {
            config.validate();
            NotifySettings.from(config);
            return config;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage(), e);
        }
    }
}
