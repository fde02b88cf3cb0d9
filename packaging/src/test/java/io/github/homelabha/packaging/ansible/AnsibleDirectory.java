package io.github.homelabha.packaging.ansible;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The repository's {@code deploy/ansible} and the command lines that run Ansible on it. */
final class AnsibleDirectory {
  private AnsibleDirectory() {}

  /** {@code deploy/ansible}, found from the module directory Maven runs the tests in. */
  static Path path() {
    Path dir = Path.of("..", "deploy", "ansible").toAbsolutePath().normalize();
    if (!Files.isRegularFile(dir.resolve("site.yml"))) {
      throw new IllegalStateException("no site.yml in " + dir);
    }
    return dir;
  }

  /**
   * {@code command} run in {@code deploy/ansible} with its {@code ansible.cfg}, no colours, and
   * every file Ansible keeps for itself (temporary files, caches) under {@code home} instead of the
   * user's home directory. Through {@code env}, so it works inside another mount namespace too.
   */
  static List<String> command(Path home, List<String> command) {
    Path dir = path();
    List<String> full =
        new ArrayList<>(
            List.of(
                "env",
                "--chdir=" + dir,
                "ANSIBLE_CONFIG=" + dir.resolve("ansible.cfg"),
                "ANSIBLE_HOME=" + home,
                "ANSIBLE_LOCAL_TEMP=" + home.resolve("tmp"),
                "ANSIBLE_REMOTE_TEMP=" + home.resolve("tmp"),
                "XDG_CACHE_HOME=" + home.resolve("cache"),
                "ANSIBLE_NOCOLOR=1",
                "NO_COLOR=1",
                "LC_ALL=C.UTF-8"));
    full.addAll(command);
    return full;
  }
}
