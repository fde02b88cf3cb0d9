package io.github.homelabha.keepalived.vip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetnsResolverTest {
  @TempDir Path tmp;

  @Test
  void namesTheNamespaceThatIsTheSameFileAsTheProcesses() throws Exception {
    Path proc = tmp.resolve("proc");
    Path named = Files.createDirectories(tmp.resolve("netns"));
    Path theirs = Files.createDirectories(proc.resolve("42/ns")).resolve("net");
    Files.writeString(theirs, "");
    Files.createDirectories(proc.resolve("self/ns"));
    Files.writeString(proc.resolve("self/ns/net"), "");
    Files.writeString(named.resolve("other"), "");
    Files.createLink(named.resolve("dns"), theirs); // same inode, as a bind mount of nsfs

    NetnsResolver r = new NetnsResolver(proc, named);

    assertThat(r.namespaceOf(42)).contains("dns");
    assertThat(r.namespaceOf(7)).isEmpty();
  }

  @Test
  void ourOwnNamespaceNeedsNoName() throws Exception {
    Path proc = tmp.resolve("proc");
    Files.createDirectories(proc.resolve("self/ns"));
    Path self = Files.writeString(proc.resolve("self/ns/net"), "");
    Files.createDirectories(proc.resolve("42/ns"));
    Files.createLink(proc.resolve("42/ns/net"), self);

    assertThat(new NetnsResolver(proc, tmp.resolve("netns")).namespaceOf(42)).isEmpty();
  }

  @Test
  void findsThisJvmInTheHostNamespace() {
    assertThat(new NetnsResolver().namespaceOf(ProcessHandle.current().pid())).isEmpty();
  }
}
