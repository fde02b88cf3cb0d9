package io.github.homelabha.sync.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;

class FileErrorsTest {
  @Test
  void namesTheFileAndTheProblemWithoutJavaClassNames() {
    assertThat(FileErrors.describe(new NoSuchFileException("/srv/x")))
        .isEqualTo("/srv/x: no such file or directory");
    assertThat(FileErrors.describe(new AccessDeniedException("/srv/x")))
        .isEqualTo("/srv/x: permission denied");
    assertThat(FileErrors.describe(new NotDirectoryException("/srv/x")))
        .isEqualTo("/srv/x: not a directory");
    assertThat(FileErrors.describe(new FileSystemException("/srv/x", null, "Not a directory")))
        .isEqualTo("/srv/x: Not a directory");
    assertThat(FileErrors.describe(new IOException("disk on fire"))).isEqualTo("disk on fire");
    assertThat(FileErrors.describe(new IOException())).isEqualTo("IOException");
  }
}
