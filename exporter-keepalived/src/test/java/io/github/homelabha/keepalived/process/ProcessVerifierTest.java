package io.github.homelabha.keepalived.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.api.ScrapeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private Path pidFile(String content) throws Exception {
    return Files.writeString(tmp.resolve("keepalived.pid"), content);
  }

  @Test
  void acceptsKeepalivedByItsExecutable() throws Exception {
    Path proc = fakeProc(4321, "/usr/sbin/keepalived", "keepalived", "/usr/sbin/keepalived");

    KeepalivedProcess p = new ProcessVerifier(proc).verify(pidFile("4321\n"));

    assertThat(p.pid()).isEqualTo(4321);
    assertThat(p.startTicks()).isEqualTo(4242);
  }

  @Test
  void acceptsKeepalivedByCommAndCmdlineWhenExeIsUnreadable() throws Exception {
    Path proc = fakeProc(4321, null, "keepalived", "keepalived");

    assertThat(new ProcessVerifier(proc).verify(pidFile("4321")).pid()).isEqualTo(4321);
  }

  @Test
  void refusesAnotherProgramBehindAStalePidFile() throws Exception {
    Path proc = fakeProc(4321, "/usr/bin/sleep", "sleep", "sleep");

    assertThatThrownBy(() -> new ProcessVerifier(proc).verify(pidFile("4321")))
        .isInstanceOf(ScrapeException.class)
        .hasMessageContaining("is not keepalived")
        .hasMessageContaining("not signalling");
  }

  @Test
  void refusesAProcessOnlyNamedLikeKeepalived() throws Exception {
    Path proc = fakeProc(4321, null, "keepalived", "/tmp/evil");

    assertThatThrownBy(() -> new ProcessVerifier(proc).verify(pidFile("4321")))
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
    ProcessVerifier v = new ProcessVerifier(proc);

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
