package io.tlswatch.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The help text of every command, {@value #WIDTH} columns wide and wrapped at spaces only: picocli's own layout
 * breaks setting names such as {@code kafka.bootstrap.servers} at their dots, and keeps each description string
 * as a line of its own. Description strings are joined into paragraphs (an empty string ends one; a string
 * starting with two spaces, such as an example command, is kept as written); the footer (examples) is kept as
 * written. The command list shows the first sentence of each command's description.
 */
public final class HelpLayout {
    /** Columns of every help line. */
    public static final int WIDTH = 80;
    /** Where descriptions of options start; longer labels put their description on the next line. */
    private static final int LABEL_COLUMN = 26;

    private HelpLayout() {}

    /** Installs the layout and the version on {@code cli} and all its subcommands. */
    public static void apply(CommandLine cli, CommandLine.IVersionProvider version) {
        CommandSpec spec = cli.getCommandSpec();
        spec.usageMessage().width(WIDTH);
        if (spec.versionProvider() == null) {
            spec.versionProvider(version);
        }
        Map<String, CommandLine.IHelpSectionRenderer> sections = cli.getHelpSectionMap();
        sections.put(UsageMessageSpec.SECTION_KEY_DESCRIPTION, help -> text(help.commandSpec().usageMessage().description()));
        sections.put(UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, help -> parameters(help.commandSpec()));
        sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> options(help.commandSpec()));
        sections.put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, help -> commands(help.commandSpec()));
        sections.put(UsageMessageSpec.SECTION_KEY_FOOTER, help -> text(help.commandSpec().usageMessage().footer()));
        cli.setHelpSectionMap(sections);
        for (CommandLine sub : cli.getSubcommands().values()) {
            apply(sub, version);
        }
    }

    /** Paragraphs wrapped to the width; indented strings (examples) kept as they are. */
    static String text(String[] lines) {
        StringBuilder out = new StringBuilder();
        StringBuilder paragraph = new StringBuilder();
        for (String raw : lines) {
            String line = raw.replace("%n", "").replace("%%", "%");
            if (line.isBlank() || line.startsWith("  ")) {
                flush(out, paragraph);
                out.append(line.stripTrailing()).append('\n');
            } else {
                paragraph.append(paragraph.length() > 0 ? " " : "").append(line.strip());
            }
        }
        flush(out, paragraph);
        return out.toString();
    }

    private static void flush(StringBuilder out, StringBuilder paragraph) {
        if (paragraph.length() > 0) {
            wrap(paragraph.toString(), 0, WIDTH).forEach(l -> out.append(l).append('\n'));
            paragraph.setLength(0);
        }
    }

    private static String options(CommandSpec spec) {
        List<OptionSpec> options = new ArrayList<>(spec.options().stream().filter(o -> !o.hidden()).toList());
        options.sort(Comparator.comparing(o -> o.longestName().replaceFirst("^-+", "").toLowerCase(Locale.ROOT)));
        StringBuilder out = new StringBuilder();
        for (OptionSpec o : options) {
            List<String> shortNames = new ArrayList<>();
            String longName = null;
            for (String n : o.names()) {
                if (n.startsWith("--")) {
                    longName = longName == null ? n : longName;
                } else {
                    shortNames.add(n);
                }
            }
            String label = (shortNames.isEmpty() ? "    " : String.join(", ", shortNames) + (longName == null ? "" : ", "))
                    + (longName == null ? "" : longName)
                    + (o.arity().max() > 0 ? "=" + o.paramLabel() + (o.arity().max() > 1 ? "..." : "") : "");
            row(out, "  " + label, description(o));
        }
        return out.toString();
    }

    private static String parameters(CommandSpec spec) {
        StringBuilder out = new StringBuilder();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.hidden()) {
                continue;
            }
            String label = p.paramLabel() + (p.arity().max() > 1 ? "..." : "");
            row(out, "  " + (p.arity().min() == 0 ? "[" + label + "]" : label), description(p));
        }
        return out.toString();
    }

    private static String commands(CommandSpec spec) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, CommandLine> e : spec.subcommands().entrySet()) {
            if (e.getValue().getCommandSpec().usageMessage().hidden()) {
                continue;
            }
            row(out, "  " + e.getKey(), firstSentence(e.getValue().getCommandSpec().usageMessage().description()));
        }
        return out.toString();
    }

    /** The first sentence of a description, for the command list. */
    static String firstSentence(String[] description) {
        StringBuilder all = new StringBuilder();
        for (String line : description) {
            if (line.isBlank()) {
                break;
            }
            all.append(all.length() > 0 ? " " : "").append(line.strip());
        }
        String text = all.toString();
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }

    private static String description(ArgSpec arg) {
        String text = String.join(" ", arg.description());
        String defaultValue = arg.defaultValueString();
        return text.replace("${DEFAULT-VALUE}", defaultValue == null ? "" : defaultValue).strip();
    }

    /** A label and its description in two columns; a long label gets its description on the next line. */
    private static void row(StringBuilder out, String label, String description) {
        int column = Math.max(LABEL_COLUMN, 0);
        List<String> lines = wrap(description, 0, WIDTH - column);
        if (label.length() + 2 > column) {
            out.append(label).append('\n');
            lines.forEach(l -> out.append(" ".repeat(column)).append(l).append('\n'));
            return;
        }
        for (int i = 0; i < Math.max(1, lines.size()); i++) {
            String left = i == 0 ? label : "";
            String right = i < lines.size() ? lines.get(i) : "";
            out.append((left + " ".repeat(column - left.length()) + right).stripTrailing()).append('\n');
        }
    }

    /** Greedy wrapping at spaces; a word longer than the width stands on a line of its own. */
    static List<String> wrap(String text, int indent, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > width - indent) {
                out.add(" ".repeat(indent) + line);
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        if (line.length() > 0) {
            out.add(" ".repeat(indent) + line);
        }
        return out;
    }
}
