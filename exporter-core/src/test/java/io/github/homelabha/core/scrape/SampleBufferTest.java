package io.github.homelabha.core.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.secrets.Redactor;
import org.junit.jupiter.api.Test;

class SampleBufferTest {
  @Test
  void labelValuesAreRedacted() {
    Redactor redactor = new Redactor();
    redactor.register("PLANT-password");
    MetricFamily info =
        MetricFamily.info("fake_last_error_info", "The last error of the upstream.", "message");
    SampleBuffer buffer = new SampleBuffer(null, redactor);
    buffer.info(info, "auth as admin:PLANT-password at https://admin:other@nas/ failed");
    assertThat(buffer.samples().get(info).get(0).labelValues())
        .containsExactly("auth as admin:<secret> at https://<secret>@nas/ failed");
  }
}
