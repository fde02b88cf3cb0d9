package io.github.homelabha.core.web.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * {@code basic_auth_users}: checks an {@code Authorization: Basic ...} header against bcrypt hashes
 * ({@code $2a$}, {@code $2b$}, {@code $2y$}, as htpasswd, Python and Go write them).
 *
 * <p>A bcrypt check at cost 10 takes about 100 ms on a Raspberry Pi and Prometheus sends the same
 * credentials every scrape, so successful checks are remembered in a small cache keyed by a SHA-256
 * of user, password and hash (never the clear password); a changed hash or password misses it.
 * Failed checks are not cached. Checks that miss the cache go through a {@link
 * PasswordCheckLimiter}: a few at a time, a few failures per client, the rest refused at once
 * ({@link Verdict#THROTTLED}), so a flood of wrong passwords never holds the request threads that a
 * cached scrape needs. An unknown user is compared against a dummy hash of the same cost, so the
 * answer takes as long as for a known user and does not reveal which users exist.
 *
 * <p>Nothing here logs, and no message carries a password or a hash.
 */
public final class BasicAuthVerifier {
  /** bcrypt reads at most 72 key bytes, one of which is the terminating zero byte. */
  static final int MAX_PASSWORD_BYTES = 71;

  private static final Pattern HASH = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");
  private static final int CACHE_SIZE = 100;
  private static final String SCHEME = "basic ";

  private final Map<String, String> hashes;
  private final String dummyHash;
  private final Map<String, Boolean> successes =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > CACHE_SIZE;
        }
      };
  private final PasswordCheckLimiter limiter = new PasswordCheckLimiter();
  private final AtomicLong bcryptComparisons = new AtomicLong();

  /** The outcome of one check. */
  public enum Verdict {
    ACCEPTED,
    /** Wrong or missing credentials: answer 401. */
    REJECTED,
    /** Not checked: too many checks in progress or too many failures from the client; 429. */
    THROTTLED;

    public boolean accepted() {
      return this == ACCEPTED;
    }
  }

  private BasicAuthVerifier(Map<String, String> hashes) {
    this.hashes = Map.copyOf(hashes);
    this.dummyHash = hashes.isEmpty() ? null : dummyHashLike(this.hashes);
  }

  /**
   * @param hashes user to bcrypt hash; every hash must pass {@link #isValidHash}
   */
  static BasicAuthVerifier of(Map<String, String> hashes) {
    for (Map.Entry<String, String> e : hashes.entrySet()) {
      if (!isValidHash(e.getValue())) {
        throw new IllegalArgumentException("invalid bcrypt hash for a user");
      }
    }
    return new BasicAuthVerifier(hashes);
  }

  /** Whether requests must authenticate, i.e. at least one user is configured. */
  public boolean required() {
    return !hashes.isEmpty();
  }

  /**
   * Whether the {@code Authorization} header value names a configured user with the right password.
   * Never accepted when no user is configured (call it only when {@link #required()}), nor for a
   * missing or malformed header. {@code client} (the remote address) keys the failure budget.
   */
  public Verdict verify(String authorizationHeaderValue, String client) {
    if (hashes.isEmpty() || authorizationHeaderValue == null) {
      return Verdict.REJECTED;
    }
    byte[][] credentials = decode(authorizationHeaderValue);
    if (credentials == null) {
      return Verdict.REJECTED;
    }
    String user = new String(credentials[0], StandardCharsets.UTF_8);
    byte[] password = credentials[1];
    String hash = hashes.get(user);
    String cacheKey = hash == null ? null : cacheKey(credentials[0], password, hash);
    if (cacheKey != null) {
      synchronized (successes) {
        if (successes.containsKey(cacheKey)) {
          return Verdict.ACCEPTED;
        }
      }
    }
    try (PasswordCheckLimiter.Slot slot = limiter.tryEnter(client)) {
      if (slot == null) {
        return Verdict.THROTTLED;
      }
      // an unknown user costs a comparison with the dummy hash: same time as a known user
      boolean ok = bcryptMatches(password, hash == null ? dummyHash : hash) && hash != null;
      if (!ok) {
        slot.failed();
        return Verdict.REJECTED;
      }
    }
    synchronized (successes) {
      successes.put(cacheKey, Boolean.TRUE);
    }
    return Verdict.ACCEPTED;
  }

  /** How many bcrypt comparisons ran; shows the cache at work. */
  long bcryptComparisons() {
    return bcryptComparisons.get();
  }

  static boolean isValidHash(String hash) {
    if (hash == null) {
      return false;
    }
    var m = HASH.matcher(hash);
    if (!m.matches()) {
      return false;
    }
    int cost = Integer.parseInt(m.group(1));
    return cost >= BCrypt.MIN_COST && cost <= BCrypt.MAX_COST;
  }

  private boolean bcryptMatches(byte[] password, String hash) {
    bcryptComparisons.incrementAndGet();
    if (password.length > MAX_PASSWORD_BYTES) {
      // Still spend the time of a comparison, then refuse: the library would reject the length
      // and silent truncation would accept passwords that only share a prefix.
      BCrypt.verifyer().verify(new byte[0], dummyHash.getBytes(StandardCharsets.US_ASCII));
      return false;
    }
    try {
      return BCrypt.verifyer().verify(password, hash.getBytes(StandardCharsets.US_ASCII)).verified;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** {user, password} bytes, or null when the header is not well-formed Basic credentials. */
  private static byte[][] decode(String header) {
    if (header.length() < SCHEME.length()
        || !header.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      return null;
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(header.substring(SCHEME.length()).trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
    for (int i = 0; i < decoded.length; i++) {
      if (decoded[i] == ':') {
        byte[] user = Arrays.copyOfRange(decoded, 0, i);
        byte[] password = Arrays.copyOfRange(decoded, i + 1, decoded.length);
        return new byte[][] {user, password};
      }
    }
    return null;
  }

  private static String cacheKey(byte[] user, byte[] password, String hash) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      // length prefixes keep ("ab","c") and ("a","bc") apart
      for (byte[] part : new byte[][] {user, password, hash.getBytes(StandardCharsets.US_ASCII)}) {
        sha.update(ByteBuffer.allocate(4).putInt(part.length).array());
        sha.update(part);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** A hash of random bytes at the highest configured cost, for the unknown-user path. */
  private static String dummyHashLike(Map<String, String> hashes) {
    int cost = BCrypt.MIN_COST;
    for (String hash : hashes.values()) {
      cost = Math.max(cost, Integer.parseInt(hash.substring(4, 6)));
    }
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    String random = HexFormat.of().formatHex(secret);
    return BCrypt.withDefaults().hashToString(cost, random.toCharArray());
  }
}
