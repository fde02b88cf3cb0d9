package io.github.homelabha.unifi.client.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.homelabha.unifi.client.UnifiParseException;

/**
 * Reads the error bodies controllers send with a failed status: the envelope ({@code meta.msg}),
 * UniFi OS' {@code {"code":...,"message":...}}, its proxy's {@code {"error":{...}}} and the
 * integration API's {@code {"statusCode":...,"message":...}}.
 */
public final class ErrorBodies {
  private ErrorBodies() {}

  /** The code or message of an error body, or empty when there is none to read. */
  public static String code(byte[] body) {
    try {
      JsonNode root = Envelope.tree(body);
      if (!root.isObject()) {
        return "";
      }
      String msg = Fields.text(Fields.object(root, "meta"), "msg");
      if (!msg.isEmpty()) {
        return msg;
      }
      String code = Fields.text(root, "code");
      if (!code.isEmpty()) {
        return code;
      }
      JsonNode error = Fields.object(root, "error");
      String message = Fields.text(error, "message");
      if (!message.isEmpty()) {
        return message;
      }
      return Fields.text(root, "message");
    } catch (UnifiParseException e) {
      return "";
    }
  }

  /**
   * A message from the controller made safe for logs: printable ASCII letters, digits and a few
   * marks only, at most 120 characters.
   */
  public static String clean(String text) {
    StringBuilder sb = new StringBuilder(Math.min(text.length(), 120));
    for (int i = 0; i < text.length() && sb.length() < 120; i++) {
      char c = text.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || " ._:-'/".indexOf(c) >= 0;
      sb.append(ok ? c : '?');
    }
    return sb.toString();
  }
}
