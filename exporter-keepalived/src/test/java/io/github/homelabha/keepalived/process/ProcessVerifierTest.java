package io.github.homelabha.keepalived.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.api.ScrapeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessVerifierTest {
  @TempDir Path tmp;

  private Path fakeProc(long pid, String exe, String comm, String argv0) throws Exception {
    Path proc = tmp.resolve("proc");
    Path dir = proc.resolve(Long.toString(pid));
    Files.createDirectories(dir);
    if (exe != null) {
      Files.createSymbolicLink(dir.resolve("exe"), Path.of(exe));
    }
    Files.writeString(dir.resolve("comm"), comm + "\n");
    Files.write(dir.resolve("cmdline"), (argv0 + "\0-D\0").getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        dir.resolve("stat"),
        pid + " (" + comm + ") S 1 1 1 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 4242 1 1\n");
    return proc;
  }

  /** An executable file at {@code path} (under the test directory) with mode {@code perms}. */
  private Path binary(String path, String perms) throws Exception {
    Path b = tmp.resolve(path);
    Files.createDirectories(b.getParent());
    Files.writeString(b, "#!/bin/sh\n");
    Files.setPosixFilePermissions(b, PosixFilePermissions.fromString(perms));
    return b;
  }

  /** A verifier trusting this test's user as root and {@code sbin} under the test directory. */
  private ProcessVerifier verifier(Path proc) throws Exception {
    return new ProcessVerifier(proc, myUid(), List.of(tmp.resolve("sbin")), "keepalived");
  }

  private int myUid() throws Exception {
    return (Integer) Files.getAttribute(tmp, "unix:uid");
  }

  private Path pidFile(String content) throws Exception {
    return Files.writeString(tmp.resolve("keepalived.pid"), content);
  }

  @Test
  void acceptsKeepalivedByItsExecutable() throws Exception {
    Path exe = binary("sbin/keepalived", "rwxr-xr-x");
    Path proc = fakeProc(4321, exe.toString(), "keepalived", exe.toString());

    KeepalivedProcess p = verifier(proc).verify(pidFile("4321\n"));

    assertThat(p.pid()).isEqualTo(4321);
    assertThat(p.startTicks()).isEqualTo(4242);
  }

  @Test
  void acceptsKeepalivedByCommAndCmdlineWhenExeIsUnreadable() throws Exception {
    Path proc = fakeProc(4321, null, "keepalived", "keepalived");

    assertThat(verifier(proc).verify(pidFile("4321")).pid()).isEqualTo(4321);
  }

  @Test
  void refusesAProgramNamedKeepalivedOutsideTheSystemDirectories() throws Exception {
    // a copy of sleep named keepalived in someone's home directory
    Path exe = binary("home/mallory/keepalived", "rwxr-xr-x");
    Path proc = fakeProc(4321, exe.toString(), "keepalived", exe.toString());

    assertThatThrownBy(() -> verifier(proc).verify(pidFile("4321")))
        .isInstanceOfSatisfying(
            ScrapeException.class, e -> assertThat(e.reason()).isEqualTo("not_running"))
        .hasMessageContaining("neither in a system directory");
  }

  @Test
  void acceptsTheConfiguredBinaryOutsideTheSystemDirectories() throws Exception {
    Path exe = binary("opt/keepalived/sbin/keepalived", "rwxr-xr-x");
    Path proc = fakeProc(4321, exe.toString(), "keepalived", exe.toString());
    ProcessVerifier v = new ProcessVerifier(proc, myUid(), List.of(), exe.toString());

    assertThat(v.verify(pidFile("4321")).pid()).isEqualTo(4321);
  }

  @Test
  void refusesAKeepalivedBinaryOthersCanWrite() throws Exception {
    Path exe = binary("sbin/keepalived", "rwxrwxrwx");
    Path proc = fakeProc(4321, exe.toString(), "keepalived", exe.toString());

    assertThatThrownBy(() -> verifier(proc).verify(pidFile("4321")))
        .hasMessageContaining("writable by other users");
  }

  @Test
  void refusesAProcessNamedKeepalivedNotRunningAsRootWhenExeIsUnreadable() throws Exception {
    Path proc = fakeProc(4321, null, "keepalived", "keepalived");
    ProcessVerifier v =
        new ProcessVerifier(proc, myUid() + 1, List.of(tmp.resolve("sbin")), "keepalived");

    assertThatThrownBy(() -> v.verify(pidFile("4321")))
        .hasMessageContaining("does not run as root");
  }

  @Test
  void signallingRechecksTheStartTime() throws Exception {
    Path exe = binary("sbin/keepalived", "rwxr-xr-x");
    Path proc = fakeProc(4321, exe.toString(), "keepalived", exe.toString());
    ProcessVerifier v = verifier(proc);
    KeepalivedProcess p = v.verify(pidFile("4321"));
    // keepalived exits, its pid goes to another program started later
    Files.writeString(
        proc.resolve("4321/stat"),
        "4321 (keepalived) S 1 1 1 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 9999 1 1\n");

    assertThatThrownBy(() -> v.requireUnchanged(p))
        .isInstanceOfSatisfying(
            ScrapeException.class, e -> assertThat(e.reason()).isEqualTo("not_running"));
  }

  @Test
  void refusesAnotherProgramBehindAStalePidFile() throws Exception {
    Path proc = fakeProc(4321, "/usr/bin/sleep", "sleep", "sleep");

    assertThatThrownBy(() -> verifier(proc).verify(pidFile("4321")))
        .isInstanceOf(ScrapeException.class)
        .hasMessageContaining("is not keepalived")
        .hasMessageContaining("not signalling");
  }

  @Test
  void refusesAProcessOnlyNamedLikeKeepalived() throws Exception {
    Path proc = fakeProc(4321, null, "keepalived", "/tmp/evil");

    assertThatThrownBy(() -> verifier(proc).verify(pidFile("4321")))
        .isInstanceOf(ScrapeException.class);
  }

  @Test
  void refusesThisJvmWhenThePidFilePointsAtIt() throws Exception {
    long self = ProcessHandle.current().pid();

    assertThatThrownBy(() -> new ProcessVerifier().verify(pidFile(Long.toString(self))))
        .isInstanceOf(ScrapeException.class)
        .hasMessageContaining("is not keepalived");
  }

  @Test
  void explainsMissingPidFileAndDeadProcess() throws Exception {
    Path proc = Files.createDirectories(tmp.resolve("proc"));
    ProcessVerifier v = verifier(proc);

    assertThatThrownBy(() -> v.verify(tmp.resolve("nope.pid")))
        .isInstanceOfSatisfying(
            ScrapeException.class, e -> assertThat(e.reason()).isEqualTo("not_running"))
        .hasMessageContaining("nope.pid")
        .hasMessageContaining("--keepalived.pid-file");
    assertThatThrownBy(() -> v.verify(pidFile("999999"))).hasMessageContaining("no such process");
    assertThatThrownBy(() -> v.verify(pidFile("garbage")))
        .hasMessageContaining("does not contain a process id");
  }
}
