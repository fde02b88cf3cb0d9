package io.github.homelabha.dashboards.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the Telegram Bot API, enough for Alertmanager's telegram_configs: records
 * every {@code POST /bot<token>/sendMessage} and answers with a valid Message object (anything else
 * makes Alertmanager retry every second). Also records webhook posts (the dead man's switch) under
 * {@code /webhook/...}. Listens on 127.0.0.1 only.
 */
final class FakeTelegramBotApi implements AutoCloseable {

  /** One message as Alertmanager sent it. */
  record Message(Instant received, String token, String chatId, String parseMode, String text) {

    /**
     * The text as the phone shows it in HTML parse mode: tags removed, entities decoded (Telegram
     * knows &amp;lt; &amp;gt; &amp;amp; &amp;quot; and numeric ones).
     */
    String shown() {
      Matcher numeric = NUMERIC_ENTITY.matcher(text.replaceAll("<[^>]+>", ""));
      StringBuilder out = new StringBuilder();
      while (numeric.find()) {
        numeric.appendReplacement(
            out, Matcher.quoteReplacement(Character.toString(Integer.parseInt(numeric.group(1)))));
      }
      numeric.appendTail(out);
      return out.toString()
          .replace("&lt;", "<")
          .replace("&gt;", ">")
          .replace("&quot;", "\"")
          .replace("&amp;", "&");
    }
  }

  private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(\\d+);");

  private static final Pattern SEND_MESSAGE = Pattern.compile("/bot([^/]+)/sendMessage");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final List<Message> messages = new ArrayList<>();
  private final List<Webhook> webhooks = new ArrayList<>();
  private int nextMessageId = 1;
  private int failedAttempts;
  private final List<String> rejectedTexts = new ArrayList<>();
  private volatile int failureStatus;

  /** One webhook post (the dead man's switch), with its JSON body. */
  record Webhook(Instant received, String path, String body) {}

  FakeTelegramBotApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The value for {@code telegram_configs.api_url}. */
  String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  String webhookUrl(String name) {
    return apiUrl() + "/webhook/" + name;
  }

  synchronized List<Message> messages() {
    return List.copyOf(messages);
  }

  synchronized int webhookCalls(String name) {
    return webhooks(name).size();
  }

  synchronized List<Webhook> webhooks(String name) {
    return webhooks.stream().filter(w -> w.path().equals("/webhook/" + name)).toList();
  }

  /**
   * From now on every sendMessage is answered with this HTTP status and a Telegram error body, as
   * when the Bot API is down; 0 answers normally again.
   */
  void failWith(int status) {
    failureStatus = status;
  }

  synchronized int failedAttempts() {
    return failedAttempts;
  }

  /** The texts of the messages answered with an error while failing. */
  synchronized List<String> rejectedTexts() {
    return List.copyOf(rejectedTexts);
  }

  /** Waits (bounded) for a webhook post to {@code name} whose body contains {@code text}. */
  Webhook awaitWebhook(String name, String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (true) {
        Optional<Webhook> match =
            webhooks(name).stream().filter(w -> w.body().contains(text)).findFirst();
        if (match.isPresent()) {
          return match.get();
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "no webhook post to " + name + " containing " + text + " within " + timeout);
        }
        wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Waits (bounded) for the first message after index {@code from} matching {@code test}. */
  Message await(int from, Predicate<String> test, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (true) {
        Optional<Message> match =
            messages.stream().skip(from).filter(m -> test.test(m.shown())).findFirst();
        if (match.isPresent()) {
          return match.get();
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "no matching Telegram message within " + timeout + "; received:\n" + describe(from));
        }
        wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  private String describe(int from) {
    StringBuilder out = new StringBuilder();
    messages.stream()
        .skip(from)
        .forEach(
            m ->
                out.append("---- ")
                    .append(m.received())
                    .append('\n')
                    .append(m.text())
                    .append('\n'));
    return out.length() == 0 ? "(nothing)" : out.toString();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (path.startsWith("/webhook/")) {
        synchronized (this) {
          webhooks.add(new Webhook(Instant.now(), path, new String(body, StandardCharsets.UTF_8)));
          notifyAll();
        }
        respond(exchange, 200, "{}");
        return;
      }
      Matcher matcher = SEND_MESSAGE.matcher(path);
      if (!"POST".equals(exchange.getRequestMethod()) || !matcher.matches()) {
        respond(exchange, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
        return;
      }
      int failure = failureStatus;
      if (failure != 0) {
        String text;
        try {
          text = JSON.readTree(body).path("text").asText();
        } catch (IOException e) {
          text = "";
        }
        synchronized (this) {
          failedAttempts++;
          rejectedTexts.add(text);
        }
        respond(
            exchange,
            failure,
            "{\"ok\":false,\"error_code\":"
                + failure
                + ",\"description\":\"Internal Server Error\"}");
        return;
      }
      JsonNode request;
      try {
        request = JSON.readTree(body);
      } catch (IOException e) {
        respond(exchange, 400, "{\"ok\":false,\"error_code\":400,\"description\":\"bad JSON\"}");
        return;
      }
      Message message =
          new Message(
              Instant.now(),
              matcher.group(1),
              request.path("chat_id").asText(),
              request.path("parse_mode").asText(),
              request.path("text").asText());
      int id;
      synchronized (this) {
        messages.add(message);
        id = nextMessageId++;
        notifyAll();
      }
      ObjectNode response = JSON.createObjectNode().put("ok", true);
      ObjectNode result = response.putObject("result");
      result.put("message_id", id).put("date", message.received().getEpochSecond());
      result.putObject("chat").put("id", Long.parseLong(message.chatId())).put("type", "group");
      result.put("text", message.text());
      respond(exchange, 200, JSON.writeValueAsString(response));
    }
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
