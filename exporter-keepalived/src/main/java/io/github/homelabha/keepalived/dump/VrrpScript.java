package io.github.homelabha.keepalived.dump;

/**
 * A {@code vrrp_script} from the text data dump.
 *
 * @param name the script's configured name ({@code chk_dns})
 * @param status {@code GOOD}, {@code BAD} or another word keepalived printed
 * @param state the runner state ({@code idle}, {@code running}, ...), empty if not printed
 * @param weight the configured weight
 */
public record VrrpScript(String name, String status, String state, int weight) {

  public boolean good() {
    return status.equals("GOOD");
  }
}
