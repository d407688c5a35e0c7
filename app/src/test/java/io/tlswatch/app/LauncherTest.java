package io.tlswatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./tlswatch} launcher rebuilds only when the sources' content changed: run on a small fake checkout
 * whose "Maven" writes a jar and counts builds, and whose "java" says it ran.
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("../tlswatch").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** The launcher is a bash script, and every test runs it (and the fakes it calls) with bash. */
    @BeforeEach
    void needsBash() {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
                "bash is installed");
    }

    private Path checkout(String name) throws IOException {
        Path root = Files.createDirectories(dir.resolve(name));
        Files.copy(LAUNCHER, root.resolve("tlswatch"));
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        for (String module : List.of("schemas", "ingest", "processors", "app")) {
            Path src = Files.createDirectories(root.resolve(module).resolve("src/main/java"));
            Files.writeString(root.resolve(module).resolve("pom.xml"), "<project/>\n");
            Files.writeString(src.resolve("A.java"), "class A {}\n");
        }
        return root;
    }

    private static Path script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/usr/bin/env bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private int builds() throws IOException {
        Path log = dir.resolve("builds.log");
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    private String launch(Path root) throws Exception {
        return launch(root, Map.of());
    }

    private String launch(Path root, Map<String, String> env) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        script(bin.resolve("java"), "echo ran \"$@\"");
        Path mvn = script(dir.resolve("fake-mvn"), "mkdir -p app/target && echo jar > app/target/tlswatch.jar && echo built >> "
                + dir.resolve("builds.log"));
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("tlswatch").toString(), "-V")
                .redirectErrorStream(true);
        pb.environment().put("TLSWATCH_MVN", mvn.toString());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().keySet().removeAll(List.of("TLSWATCH_JAVA_OPTS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("ran");
        return output;
    }

    @Test
    void javaGetsTheParallelCollectorUnlessTheEnvironmentChoosesTheFlags() throws Exception {
        Path root = checkout("flags");
        assertThat(launch(root)).contains("ran -Xms256m -Xmx2g -XX:+UseParallelGC -jar");
        // a collector chosen for every JVM: adding another would stop Java before it starts
        assertThat(launch(root, Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseG1GC")))
                .contains("ran -Xms256m -Xmx2g -jar").doesNotContain("UseParallelGC");
        assertThat(launch(root, Map.of("JDK_JAVA_OPTIONS", "-XX:+UseZGC"))).doesNotContain("UseParallelGC");
        // flags that merely mention a collector or GC are not a choice of collector
        assertThat(launch(root, Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseContainerSupport -XX:MaxGCPauseMillis=200")))
                .contains("-XX:+UseParallelGC -jar");
        assertThat(launch(root, Map.of("TLSWATCH_JAVA_OPTS", "-Xmx1g -XX:+UseG1GC")))
                .contains("ran -Xmx1g -XX:+UseG1GC -jar");
    }

    @Test
    void rebuildsWhenTheContentChangesNotTheFileTimes() throws Exception {
        Path root = checkout("plain");
        launch(root);
        assertThat(builds()).isEqualTo(1);
        assertThat(root.resolve("app/target/tlswatch.jar.sha256")).exists();
        launch(root);
        assertThat(builds()).as("second run").isEqualTo(1);

        // newer file times alone, as after a copy or a checkout: no build
        Path source = root.resolve("processors/src/main/java/A.java");
        Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        launch(root);
        assertThat(builds()).as("touched").isEqualTo(1);

        // a copy that comes with its jar and hash starts at once
        Path copy = checkout("copy");
        Files.createDirectories(copy.resolve("app/target"));
        Files.copy(root.resolve("app/target/tlswatch.jar"), copy.resolve("app/target/tlswatch.jar"));
        Files.copy(root.resolve("app/target/tlswatch.jar.sha256"), copy.resolve("app/target/tlswatch.jar.sha256"));
        launch(copy);
        assertThat(builds()).as("copy").isEqualTo(1);

        // a changed source, a new source, a changed POM: each builds once
        Files.writeString(source, "class A { int x; }\n");
        launch(root);
        launch(root);
        assertThat(builds()).isEqualTo(2);
        Files.writeString(root.resolve("app/src/main/java/B.java"), "class B {}\n");
        launch(root);
        assertThat(builds()).isEqualTo(3);
        Files.writeString(root.resolve("pom.xml"), "<project><!-- changed --></project>\n");
        launch(root);
        assertThat(builds()).isEqualTo(4);
    }

    @Test
    void inAGitCheckoutTheWorkingTreeCounts() throws Exception {
        Path root = checkout("git");
        Process init = new ProcessBuilder("bash", "-c", "git init -q && git add -A").directory(root.toFile())
                .redirectErrorStream(true).start();
        assumeTrue(init.waitFor() == 0, "git is available");
        launch(root);
        launch(root);
        assertThat(builds()).isEqualTo(1);
        // an uncommitted edit is a change too
        Files.writeString(root.resolve("schemas/src/main/java/A.java"), "class A { /* edited */ }\n");
        launch(root);
        assertThat(builds()).isEqualTo(2);
        launch(root);
        assertThat(builds()).isEqualTo(2);
    }
}
