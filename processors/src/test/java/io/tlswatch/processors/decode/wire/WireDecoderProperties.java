package io.tlswatch.processors.decode.wire;

import static io.tlswatch.processors.decode.wire.TlsBytes.HANDSHAKE;
import static io.tlswatch.processors.decode.wire.TlsBytes.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlswatch.schemas.testing.property.Gen;
import io.tlswatch.schemas.testing.property.PropertyCheck;
import io.tlswatch.schemas.testing.property.Shrink;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Builder → decoder round trips, splits, prefixes, corrupted lengths, and arbitrary bytes. */
class WireDecoderProperties {
    private final WireDecoder decoder = new WireDecoder();
    private final Fingerprints fingerprints = new Fingerprints();

    /** What a generated ClientHello holds; null lists mean "extension absent". */
    record Spec(int legacyVersion, int sessionIdLength, int[] ciphers, int[] compression, String sni, List<String> alpn,
            int[] groups, int[] sigAlgs, int[] versions, int[] keyShares, int[] pointFormats, List<Integer> others) {

        TlsBytes.Client client() {
            TlsBytes.Client c = new TlsBytes.Client().ciphers(ciphers);
            c.legacyVersion = legacyVersion;
            c.sessionIdLength = sessionIdLength;
            c.compression = compression;
            if (sni != null) {
                c.ext(0x0000, TlsBytes.sni(sni));
            }
            if (alpn != null) {
                c.ext(0x0010, TlsBytes.alpn(alpn.toArray(String[]::new)));
            }
            if (groups != null) {
                c.ext(0x000a, TlsBytes.u16List(groups));
            }
            if (sigAlgs != null) {
                c.ext(0x000d, TlsBytes.u16List(sigAlgs));
            }
            if (versions != null) {
                c.ext(0x002b, TlsBytes.versions(versions));
            }
            if (keyShares != null) {
                c.ext(0x0033, TlsBytes.keyShares(keyShares));
            }
            if (pointFormats != null) {
                c.ext(0x000b, TlsBytes.pointFormats(pointFormats));
            }
            for (int type : others) {
                c.ext(type, new byte[type % 7]);
            }
            return c;
        }

        byte[] message() {
            return client().message();
        }
    }

    /** Extension types put in with empty-ish bodies: common ones, GREASE values, an unknown one. */
    private static final List<Integer> OTHER_EXTENSIONS = List.of(0x0005, 0x0012, 0x0015, 0x0017, 0x001b, 0x0023,
            0x002d, 0x4469, 0xff01, 0x0a0a, 0x1a1a, 0xfafa, 0x7777);

    /** A ClientHello: any version, ciphers and compression; each optional extension absent 30% of the time. */
    static Spec spec(Gen g) {
        return new Spec(
                g.of(0x0300, 0x0301, 0x0302, 0x0303),
                g.between(0, 32),
                g.ints(0, 0xffff, 0, 30),
                g.ints(0, 255, 1, 3),
                g.orNull(0.3, x -> x.string(Gen.chars('a', 'z') + ".-", 1, 40)),
                g.orNull(0.3, x -> x.list(1, 4, y -> y.string(Gen.chars('\u0001', '\u00ff'), 1, 12))),
                g.orNull(0.3, x -> x.ints(0, 0xffff, 1, 20)),
                g.orNull(0.3, x -> x.ints(0, 0xffff, 1, 20)),
                g.orNull(0.3, x -> x.ints(0, 0xffff, 1, 20)),
                g.orNull(0.3, x -> x.ints(0, 0xffff, 0, 4)),
                g.orNull(0.3, x -> x.ints(0, 255, 1, 3)),
                g.subset(OTHER_EXTENSIONS, 6));
    }

    /** A spec with a number and a flag, whose meaning each property gives. */
    record SpecAnd(Spec spec, int n, boolean flag) {}

    private static int[] orEmpty(int[] a) {
        return a == null ? new int[0] : a;
    }

    private ClientHello decodeHello(byte[] head) {
        WireDecodeResult r = decoder.decode(head);
        assertThat(r).isInstanceOf(WireDecodeResult.Decoded.class);
        HandshakeFacts f = ((WireDecodeResult.Decoded) r).facts();
        assertThat(f.tailError()).isNull();
        assertThat(f.truncated()).isFalse();
        assertThat(f.clientHellos()).hasSize(1);
        return f.clientHello();
    }

    @Test
    void builderThenDecoderRoundTrip() {
        PropertyCheck.forAll(300, WireDecoderProperties::spec, this::roundTrip);
    }

    private void roundTrip(Spec spec) {
        ClientHello ch = decodeHello(record(HANDSHAKE, spec.message()));
        assertThat(ch.legacyVersion()).isEqualTo(spec.legacyVersion());
        assertThat(ch.sessionIdLength()).isEqualTo(spec.sessionIdLength());
        assertThat(ch.cipherSuites()).containsExactly(spec.ciphers());
        assertThat(ch.compressionMethods()).containsExactly(spec.compression());
        assertThat(ch.extensions()).containsExactly(spec.client().extensions.stream().mapToInt(TlsBytes.Ext::type).toArray());
        assertThat(ch.serverName()).isEqualTo(spec.sni());
        assertThat(ch.alpn()).isEqualTo(spec.alpn() == null ? List.of() : spec.alpn());
        assertThat(ch.supportedGroups()).containsExactly(orEmpty(spec.groups()));
        assertThat(ch.signatureAlgorithms()).containsExactly(orEmpty(spec.sigAlgs()));
        assertThat(ch.supportedVersions()).containsExactly(orEmpty(spec.versions()));
        assertThat(ch.keyShareGroups()).containsExactly(orEmpty(spec.keyShares()));
        assertThat(ch.ecPointFormats()).containsExactly(orEmpty(spec.pointFormats()));
        assertThat(fingerprints.ja3(ch)).hasSize(32);
        assertThat(fingerprints.ja4(ch)).matches("t[0-9a-z]{2}[di]\\d{4}[0-9A-Za-z]{2}_[0-9a-f]{12}_[0-9a-f]{12}");
    }

    private final Fingerprints tinyCache = new Fingerprints(2);
    private final Fingerprints uncached = new Fingerprints(0);

    /** The memo caches never change a fingerprint, even when entries collide and are replaced (2 entries). */
    @Test
    void cachedFingerprintsEqualComputedOnes() {
        PropertyCheck.forAll(500, g -> new SpecAnd(spec(g), 0, g.bool()), in -> {
            boolean quic = in.flag();
            ClientHello ch = decodeHello(record(HANDSHAKE, in.spec().message()));
            assertThat(tinyCache.ja3(ch)).isEqualTo(uncached.ja3(ch));
            assertThat(tinyCache.ja4(ch, quic)).isEqualTo(uncached.ja4(ch, quic));
            assertThat(tinyCache.ja3(ch)).isEqualTo(uncached.ja3(ch));
            assertThat(tinyCache.ja4(ch, quic)).isEqualTo(uncached.ja4(ch, quic));
        });
    }

    /** The byte-level JA3 / JA4_r builders equal a naive String reference (DESIGN §6) on any hello. */
    @Test
    void fingerprintTextEqualsNaiveReference() {
        PropertyCheck.forAll(500, WireDecoderProperties::spec, spec -> {
            ClientHello ch = decodeHello(record(HANDSHAKE, spec.message()));
            String ja3 = ch.legacyVersion() + "," + decimals(ch.cipherSuites()) + "," + decimals(ch.extensions()) + ","
                    + decimals(ch.supportedGroups()) + "," + decimals(ch.ecPointFormats());
            assertThat(uncached.ja3String(ch)).isEqualTo(ja3);
            String sigs = hex(Arrays.stream(ch.signatureAlgorithms()).filter(v -> !TlsValues.isGrease(v)));
            String c = hex(Arrays.stream(ch.extensions())
                    .filter(v -> !TlsValues.isGrease(v) && v != TlsValues.EXT_SERVER_NAME && v != TlsValues.EXT_ALPN)
                    .sorted());
            String ja4r = uncached.ja4r(ch, false);
            assertThat(ja4r.substring(ja4r.indexOf('_') + 1)).isEqualTo(
                    hex(Arrays.stream(ch.cipherSuites()).filter(v -> !TlsValues.isGrease(v)).sorted())
                            + "_" + c + (sigs.isEmpty() ? "" : "_" + sigs));
        });
    }

    private static String decimals(int[] values) {
        return Arrays.stream(values).filter(v -> !TlsValues.isGrease(v)).mapToObj(Integer::toString)
                .collect(Collectors.joining("-"));
    }

    private static String hex(IntStream values) {
        return values.mapToObj(v -> String.format("%04x", v)).collect(Collectors.joining(","));
    }

    @Test
    void everyProperPrefixIsIncomplete() {
        PropertyCheck.forAll(100, g -> new SpecAnd(spec(g), g.between(1, 600), false), in -> {
            byte[] head = TlsBytes.records(HANDSHAKE, in.spec().message(), in.n());
            for (int n = 0; n < head.length; n++) {
                assertThat(decoder.decode(head, 0, n)).as("prefix %d of %d", n, head.length)
                        .isInstanceOf(WireDecodeResult.Incomplete.class);
            }
        });
    }

    record Split(Spec spec, List<Integer> cuts) {}

    @Test
    void recordsSplitAnywhereDecodeTheSame() {
        PropertyCheck.forAll(200, g -> new Split(spec(g), g.list(0, 8, x -> x.between(1, 300))), in -> {
            byte[] message = in.spec().message();
            ClientHello whole = decodeHello(record(HANDSHAKE, message));
            ClientHello split = decodeHello(TlsBytes.records(HANDSHAKE, message,
                    in.cuts().stream().mapToInt(Integer::intValue).toArray()));
            assertThat(split).usingRecursiveComparison().ignoringFields("offset").isEqualTo(whole);
            assertThat(fingerprints.ja4(split)).isEqualTo(fingerprints.ja4(whole));
        });
    }

    @Test
    void corruptedExtensionsLengthIsMalformed() {
        PropertyCheck.forAll(200, g -> new SpecAnd(spec(g), g.between(1, 300), g.bool()), in -> {
            int delta = in.n();
            boolean shorter = in.flag();
            byte[] head = record(HANDSHAKE, in.spec().message());
            int at = extensionsLengthOffset(head);
            int length = ((head[at] & 0xff) << 8) | (head[at + 1] & 0xff);
            int bad = shorter ? Math.max(0, length - delta) : length + delta;
            if (bad == length || bad > 0xffff) {
                return;
            }
            head[at] = (byte) (bad >> 8);
            head[at + 1] = (byte) bad;
            assertThat(decoder.decode(head)).isEqualTo(new WireDecodeResult.Malformed(MalformedReason.HELLO_VECTOR, at));
        });
    }

    @Test
    void longerMessageIsIncompleteLongerRecordIsTruncated() {
        PropertyCheck.forAll(200, g -> new SpecAnd(spec(g), g.between(1, 1000), g.bool()), in -> {
            int more = in.n();
            boolean inRecord = in.flag();
            byte[] head = record(HANDSHAKE, in.spec().message());
            if (inRecord) {
                int length = ((head[3] & 0xff) << 8 | (head[4] & 0xff)) + more;
                head[3] = (byte) (length >> 8);
                head[4] = (byte) length;
            } else {
                int length = ((head[6] & 0xff) << 16 | (head[7] & 0xff) << 8 | (head[8] & 0xff)) + more;
                head[6] = (byte) (length >> 16);
                head[7] = (byte) (length >> 8);
                head[8] = (byte) length;
            }
            WireDecodeResult r = decoder.decode(head);
            if (inRecord) {
                // the hello is whole inside the shorter-than-announced record: decoded, marked truncated
                assertThat(r).isInstanceOf(WireDecodeResult.Decoded.class);
                assertThat(((WireDecodeResult.Decoded) r).facts().truncated()).isTrue();
                assertThat(((WireDecodeResult.Decoded) r).facts().clientHellos()).hasSize(1);
            } else {
                assertThat(r).isInstanceOf(WireDecodeResult.Incomplete.class);
            }
        });
    }

    record Mutation(Spec spec, List<Integer> positions, byte[] values) {}

    @Test
    void mutatedHellosNeverThrow() {
        PropertyCheck.forAll(500, g -> new Mutation(spec(g), g.list(1, 6, x -> x.between(0, 100_000)), g.bytes(6, 6)),
                in -> {
                    byte[] head = record(HANDSHAKE, in.spec().message());
                    for (int i = 0; i < in.positions().size(); i++) {
                        head[in.positions().get(i) % head.length] = in.values()[i];
                    }
                    assertSane(head, decoder.decode(head));
                });
    }

    @Test
    void arbitraryBytesNeverThrow() {
        PropertyCheck.forAll(2000, g -> g.bytes(3000), Shrink.bytes(), bytes -> assertSane(bytes, decoder.decode(bytes)));
    }

    record AnyRecord(byte[] body, int type, int minor, boolean prefixHandshakeHeader) {}

    @Test
    void arbitraryRecordsNeverThrow() {
        PropertyCheck.forAll(1000, g -> new AnyRecord(g.bytes(2000), g.between(20, 24), g.between(0, 4), g.bool()),
                Shrink.bytes().on(AnyRecord::body, (r, b) -> new AnyRecord(b, r.type(), r.minor(), r.prefixHandshakeHeader())),
                in -> {
                    byte[] body = in.body();
                    byte[] fragment = body;
                    if (in.prefixHandshakeHeader() && body.length > 0) {
                        fragment = TlsBytes.concat(new byte[] {body[0] % 2 == 0 ? (byte) 1 : (byte) 2, 0,
                                (byte) (body.length >> 8), (byte) body.length}, body);
                    }
                    byte[] head = TlsBytes.concat(TlsBytes.record(in.type(), 0x0300 | in.minor(), fragment), body);
                    assertSane(head, decoder.decode(head));
                });
    }

    @Test
    void arbitraryTextNeverThrows() {
        PropertyCheck.forAll(300, g -> "PROXY " + g.string(Gen.chars('\u0000', '\u007f'), 0, 300), Shrink.string(),
                text -> {
                    byte[] head = text.getBytes(StandardCharsets.US_ASCII);
                    assertSane(head, decoder.decode(head));
                });
    }

    /** Results are well formed: offsets inside the head, positive needs, facts bounded by the input. */
    private static void assertSane(byte[] head, WireDecodeResult r) {
        assertThat(r).isNotNull();
        if (r instanceof WireDecodeResult.Malformed m) {
            assertThat(m.offset()).isBetween(0, head.length);
            assertThat(m.reason()).isNotNull();
        } else if (r instanceof WireDecodeResult.Incomplete i) {
            assertThat(i.needBytes()).isPositive();
        } else if (r instanceof WireDecodeResult.Decoded d) {
            HandshakeFacts f = d.facts();
            assertThat(f.bytesRead()).isBetween(0, head.length);
            assertThat(f.clientHellos().size() + f.serverHellos().size() + f.alerts().size()).isLessThanOrEqualTo(head.length);
            if (f.tailError() != null) {
                assertThat(f.tailErrorOffset()).isBetween(0, head.length);
            }
            Fingerprints fp = new Fingerprints();
            for (ClientHello ch : f.clientHellos()) {
                fp.ja3(ch);
                fp.ja4(ch);
            }
            for (ServerHello sh : f.serverHellos()) {
                fp.ja3s(sh);
            }
        }
    }

    /** Offset of the extensions block length in a one-record ClientHello built by {@link TlsBytes}. */
    private static int extensionsLengthOffset(byte[] head) {
        int q = 5 + 4 + 34;
        q += 1 + (head[q] & 0xff);
        q += 2 + (((head[q] & 0xff) << 8) | (head[q + 1] & 0xff));
        q += 1 + (head[q] & 0xff);
        return q;
    }

}
