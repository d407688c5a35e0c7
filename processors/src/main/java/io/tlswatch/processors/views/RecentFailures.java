package io.tlswatch.processors.views;

import io.tlswatch.processors.rates.RateInput;
import io.tlswatch.schemas.Texts;
import java.util.ArrayList;
import java.util.List;

/**
 * The last failed handshakes of one VIP (the {@code vip-recent-failures} store, one value per
 * {@code observer/vip}), newest first, for the API's VIP page. Bounded: {@link #MAX} failures, each value cut to
 * {@link #MAX_CHARS} characters.
 */
public final class RecentFailures {
    public static final int MAX = 25;
    static final int MAX_CHARS = 512;

    /** Newest first. */
    public List<Failure> failures = new ArrayList<>();

    /** One failed handshake as the rates stage saw it. */
    public record Failure(long timeMs, String errorClass, String sni, String clientIp, String ja4,
            List<String> offeredVersions, String scanner, String line) {}

    /** Adds a failure at the front, dropping the oldest past {@link #MAX}. */
    public void add(RateInput in) {
        List<String> versions = in.offeredVersions() == null ? null
                : in.offeredVersions().stream().limit(8).map(RecentFailures::cut).toList();
        if (!(failures instanceof ArrayList)) {
            failures = new ArrayList<>(failures); // once, after decoding: then changed in place
        }
        failures.add(0, new Failure(in.timeMs(), cut(in.errorClass()), cut(in.sni()), cut(in.clientIp()),
                cut(in.ja4()), versions, cut(in.scanner()), cut(in.line())));
        if (failures.size() > MAX) {
            failures.subList(MAX, failures.size()).clear();
        }
    }

    /** The newest failure's time, or {@code Long.MIN_VALUE} when none. */
    public long newestMs() {
        return failures.isEmpty() ? Long.MIN_VALUE : failures.get(0).timeMs();
    }

    private static String cut(String s) {
        return Texts.cut(s, MAX_CHARS);
    }
}
