package io.tlswatch.app;

import io.tlswatch.processors.TlswatchConfig;

/**
 * The observer (the BIG-IP host name) of records that do not name one: packets read without {@code --observer}
 * and log lines without a host name. One rule for {@code tlswatch pcap}, {@code tlswatch ingest pcap},
 * {@code tlswatch analyze} and the pipeline, so that packets and log lines of one connection meet:
 * <ol>
 *   <li>{@code --observer NAME} when given;</li>
 *   <li>{@code tlswatch analyze} only: the one BIG-IP its log files name (several: the command asks for
 *       {@code --observer});</li>
 *   <li>{@code observer.default} (config file, or {@code TLSWATCH_OBSERVER_DEFAULT});</li>
 *   <li>{@value #UNKNOWN}: what the log decoder gives a line that names no host, so that such lines and such
 *       packets still meet.</li>
 * </ol>
 */
public final class CapturePoint {
    /** The setting that names the observer of records that name none. */
    public static final String SETTING = "observer.default";
    /** The observer when neither the option nor the setting names one. */
    public static final String UNKNOWN = "unknown";

    private CapturePoint() {}

    /** The observer of records that name none: {@code observer.default}, else {@value #UNKNOWN}. */
    public static String fallback(TlswatchConfig settings) {
        return settings.get(SETTING, UNKNOWN);
    }

    /** {@code --observer} when given (not blank), else {@link #fallback}. */
    public static String of(String option, TlswatchConfig settings) {
        return option != null && !option.isBlank() ? option : fallback(settings);
    }
}
