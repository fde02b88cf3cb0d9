package io.github.homelabha.adguard.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Rfc3339Test {

  @Test
  void agreesWithJavaTimeOnTheFormsAdGuardWrites() {
    Random random = new Random(17);
    for (int i = 0; i < 20_000; i++) {
      long second = random.nextLong(-2_000_000_000L, 8_000_000_000L);
      int nanos = random.nextInt(1_000_000_000);
      ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-17 * 4, 17 * 4) * 900);
      OffsetDateTime t = Instant.ofEpochSecond(second, nanos).atOffset(offset);
      String text = t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      assertThat(Rfc3339.parseOrNull(text)).as(text).isEqualTo(t.toInstant());
    }
  }

  @Test
  void fractionsOfAnyLengthUpToNanoseconds() {
    assertThat(Rfc3339.parseOrNull("2026-12-06T04:01:02.1Z"))
        .isEqualTo(Instant.parse("2026-12-06T04:01:02.100Z"));
    assertThat(Rfc3339.parseOrNull("2026-12-06T04:01:02.123456789+01:00"))
        .isEqualTo(Instant.parse("2026-12-06T03:01:02.123456789Z"));
    assertThat(Rfc3339.parseOrNull("2026-12-06T04:01:02-00:30"))
        .isEqualTo(Instant.parse("2026-12-06T04:31:02Z"));
  }

  @Test
  void anythingElseIsLeftToJavaTime() {
    String[] odd = {
      "",
      "noon",
      "2026-12-06T04:01:02",
      "2026-12-06t04:01:02Z",
      "2026-02-30T04:01:02Z",
      "2026-13-06T04:01:02Z",
      "2026-12-06T24:01:02Z",
      "2026-12-06T04:60:02Z",
      "2026-12-06T04:01:60Z",
      "2026-12-06T04:01:02.Z",
      "2026-12-06T04:01:02.1234567890Z",
      "2026-12-06T04:01:02+18:00",
      "2026-12-06T04:01:02+01:00:00",
      "2026-12-06T04:01:02+0100",
      "2026-12-06T04:01:02ZZ",
      "+2026-12-06T04:01:02Z",
      "2026-1x-06T04:01:02Z",
      "2026-12-06T04:01:0xZ",
      "2026-12-06T04:01:02+01:x0"
    };
    for (String s : odd) {
      assertThat(Rfc3339.parseOrNull(s)).as(s).isNull();
    }
  }

  @Test
  void whatItAcceptsJavaTimeAcceptsIdentically() {
    Random random = new Random(3);
    String base = "2026-12-06T04:01:02.123456789+01:00";
    for (int i = 0; i < 20_000; i++) {
      char[] c = base.toCharArray();
      c[random.nextInt(c.length)] = "0123456789+-:.TZx".charAt(random.nextInt(17));
      String s = new String(c);
      Instant fast = Rfc3339.parseOrNull(s);
      if (fast != null) {
        Instant slow;
        try {
          slow = OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
          slow = null;
        }
        assertThat(fast).as(s).isEqualTo(slow);
      }
    }
  }
}
