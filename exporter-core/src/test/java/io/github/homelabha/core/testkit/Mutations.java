package io.github.homelabha.core.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutants of a real sample for parser fuzz tests: truncations (the half-written file a
 * reader can see), then random edits: bit flips, interesting bytes put in, bytes and chunks taken
 * out, chunks repeated (long numbers, duplicated lines), and tokens of the format inserted. The
 * same seed gives the same mutants, so a failure can be replayed.
 */
public final class Mutations {
  /**
   * Samples up to this size get every prefix; longer ones the prefixes near both ends, where
   * parsers are most fragile, and some spread over the middle, so a parser that takes a few
   * milliseconds per call still gets through in seconds.
   */
  private static final int ALL_PREFIXES_UP_TO = 2048;

  private static final int EDGE_PREFIXES = 128;
  private static final int SPREAD_PREFIXES = 256;

  private static final byte[] INTERESTING = {
    '\n',
    '\r',
    ' ',
    '\t',
    ':',
    '=',
    '-',
    '0',
    '9',
    '{',
    '}',
    '[',
    ']',
    '"',
    ',',
    '/',
    '(',
    ')',
    0,
    (byte) 0xff,
    (byte) 0xc3,
    'x'
  };

  private static final List<String> GENERIC_TOKENS =
      List.of("-1", "99999999999999999999", "1e999", "NaN", "\"\"", "{}", "[]", "null", "\n\n");

  private Mutations() {}

  /** Every prefix of {@code sample}, then {@code count} mutants of one to four edits each. */
  public static List<byte[]> of(byte[] sample, long seed, int count) {
    return of(sample, seed, count, List.of());
  }

  /**
   * As {@link #of(byte[], long, int)} on the UTF-8 bytes of {@code sample}, decoded again; {@code
   * tokens} are pieces of the format (a key, a whole line) that mutants may get inserted.
   */
  public static List<String> of(String sample, long seed, int count, String... tokens) {
    List<String> out = new ArrayList<>();
    for (byte[] mutant :
        of(sample.getBytes(StandardCharsets.UTF_8), seed, count, List.of(tokens))) {
      out.add(new String(mutant, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static List<byte[]> of(byte[] sample, long seed, int count, List<String> tokens) {
    Random random = new Random(seed);
    List<byte[]> result = new ArrayList<>();
    for (int i = 0; i <= sample.length; i++) {
      if (sample.length <= ALL_PREFIXES_UP_TO
          || i < EDGE_PREFIXES
          || i > sample.length - EDGE_PREFIXES
          || i % (sample.length / SPREAD_PREFIXES) == 0) {
        result.add(Arrays.copyOf(sample, i));
      }
    }
    List<byte[]> inserts = new ArrayList<>();
    for (String token : GENERIC_TOKENS) {
      inserts.add(token.getBytes(StandardCharsets.UTF_8));
    }
    for (String token : tokens) {
      inserts.add(token.getBytes(StandardCharsets.UTF_8));
    }
    for (int i = 0; i < count; i++) {
      byte[] m = sample.clone();
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits && m.length > 0; e++) {
        m = mutate(m, random, inserts);
      }
      result.add(m);
    }
    return result;
  }

  private static byte[] mutate(byte[] in, Random random, List<byte[]> inserts) {
    int pos = random.nextInt(in.length);
    switch (random.nextInt(8)) {
      case 0 -> {
        byte[] out = in.clone();
        out[pos] = (byte) (out[pos] ^ (1 << random.nextInt(8)));
        return out;
      }
      case 1 -> {
        byte[] out = in.clone();
        out[pos] = INTERESTING[random.nextInt(INTERESTING.length)];
        return out;
      }
      case 2 -> {
        return insert(in, pos, new byte[] {INTERESTING[random.nextInt(INTERESTING.length)]});
      }
      case 3 -> {
        return remove(in, pos, 1);
      }
      case 4 -> {
        // Repeat a chunk three times (a duplicated line, digits that overflow).
        int len = 1 + random.nextInt(Math.min(40, in.length - pos));
        return insert(
            insert(insert(in, pos, slice(in, pos, len)), pos, slice(in, pos, len)),
            pos,
            slice(in, pos, len));
      }
      case 5 -> {
        return insert(in, pos, inserts.get(random.nextInt(inserts.size())));
      }
      case 6 -> {
        // A missing chunk: lines lost in the middle.
        return remove(in, pos, random.nextInt(Math.min(200, in.length - pos) + 1));
      }
      default -> {
        return Arrays.copyOf(in, pos);
      }
    }
  }

  private static byte[] slice(byte[] in, int from, int len) {
    return Arrays.copyOfRange(in, from, from + len);
  }

  private static byte[] insert(byte[] in, int at, byte[] piece) {
    byte[] out = new byte[in.length + piece.length];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(piece, 0, out, at, piece.length);
    System.arraycopy(in, at, out, at + piece.length, in.length - at);
    return out;
  }

  private static byte[] remove(byte[] in, int at, int len) {
    byte[] out = new byte[in.length - len];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(in, at + len, out, at, in.length - at - len);
    return out;
  }
}
