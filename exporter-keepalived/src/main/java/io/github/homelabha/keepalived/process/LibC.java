package io.github.homelabha.keepalived.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.NativeLong;

/** The few libc calls the exporter makes (Linux). */
interface LibC extends Library {
  int EPERM = 1;
  int ESRCH = 3;
  int ENOSYS = 38;

  /** Same number on every Linux architecture (added after the syscall tables were unified). */
  long SYS_PIDFD_OPEN = 434;

  long SYS_PIDFD_SEND_SIGNAL = 424;

  int kill(int pid, int signal) throws LastErrorException;

  int close(int fd) throws LastErrorException;

  NativeLong syscall(NativeLong number, NativeLong a, NativeLong b) throws LastErrorException;

  NativeLong syscall(NativeLong number, NativeLong a, NativeLong b, NativeLong c, NativeLong d)
      throws LastErrorException;
}
