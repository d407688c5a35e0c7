package io.tlswatch.app.probe;

import io.tlswatch.app.TerminalText;
import io.tlswatch.schemas.ProbeReport;
import java.io.PrintWriter;
import java.util.List;

/**
 * The report as {@code tlswatch probe} prints it for a person. Everything the server sent (names, SANs, the
 * handshake's error text) is escaped for the terminal (DESIGN §11).
 */
final class ProbeText {
    private ProbeText() {}

    static void print(ProbeReport r, PrintWriter out) {
        StringBuilder b = new StringBuilder();
        b.append("probe ").append(r.target());
        if (r.address() != null && !r.target().startsWith(r.address())) {
            b.append(" (").append(r.address()).append(')');
        }
        b.append(", ").append(r.probedAt()).append(", ").append(r.durationMs()).append(" ms\n");
        for (ProbeReport.NameCheck n : r.names()) {
            b.append('\n').append(n.sni() == null ? "no SNI" : "SNI " + n.sni()).append(": ");
            b.append(n.error() != null ? n.error() : n.protocol() + " " + n.cipher()).append('\n');
            if (n.chain().isEmpty()) {
                b.append("  no certificate seen\n");
                continue;
            }
            b.append("  chain as presented (").append(n.chain().size()).append(n.chain().size() == 1 ? " certificate"
                    : " certificates").append("):\n");
            for (int i = 0; i < n.chain().size(); i++) {
                ProbeReport.Certificate c = n.chain().get(i);
                b.append("  ").append(i).append(' ').append(c.subject()).append('\n');
                b.append("      issuer ").append(c.issuer()).append('\n');
                b.append("      valid ").append(c.notBefore()).append(" to ").append(c.notAfter())
                        .append(c.expired() ? "  EXPIRED" : c.notYetValid() ? "  NOT YET VALID" : "")
                        .append(c.selfSigned() ? "  (self-signed)" : "").append('\n');
                if (i == 0) {
                    b.append("      SAN ").append(c.san().isEmpty() ? "none" : String.join(", ", c.san())).append('\n');
                }
            }
            b.append("  trust: ").append(Boolean.TRUE.equals(n.trusted()) ? "valid to a trusted root"
                    : "not trusted: " + n.trustError()).append('\n');
            if (Boolean.TRUE.equals(n.missingIntermediate())) {
                b.append("  missing intermediate: issuer ").append(n.missingIssuer())
                        .append(" is neither presented nor trusted here\n");
            }
            if (n.sanMatch() != null) {
                b.append("  SAN vs SNI: ").append(n.sanMatch() ? "matches " : "no SAN matches ").append(n.sni())
                        .append('\n');
            }
        }
        if (!r.versions().isEmpty()) {
            b.append("\nversions (each offered alone):\n");
            for (ProbeReport.VersionCheck v : r.versions()) {
                b.append(String.format("  TLS %-4s %-9s %s%n", v.version(), v.accepted() ? "accepted" : "refused",
                        v.detail()));
            }
        }
        if (r.ciphers() != null) {
            ProbeReport.CipherCheck c = r.ciphers();
            b.append("\nciphers: ").append(c.offered().size()).append(" offered, ")
                    .append(c.accepted() ? "accepted " + c.chosen() + " (TLS " + c.version() + ")" : "none accepted")
                    .append('\n');
            b.append("  ").append(c.detail()).append('\n');
            if (!c.unknown().isEmpty()) {
                b.append("  not a known suite, not offered: ").append(String.join(", ", c.unknown())).append('\n');
            }
        }
        List<String> problems = r.problems();
        b.append('\n').append(problems.isEmpty() ? "no problem found" : "problems:").append('\n');
        for (String p : problems) {
            b.append("  - ").append(p).append('\n');
        }
        for (String line : b.toString().split("\n", -1)) {
            out.println(TerminalText.safe(line));
        }
        out.flush();
    }
}
