package io.tlswatch.ingest.simulator.scenario;

import java.util.List;

/** A scenario file that cannot be used: every problem found, each {@code file:line: what is wrong}. */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public ScenarioException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
