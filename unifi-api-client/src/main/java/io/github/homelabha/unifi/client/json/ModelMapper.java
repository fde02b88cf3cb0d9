package io.github.homelabha.unifi.client.json;

import static io.github.homelabha.unifi.client.json.Fields.array;
import static io.github.homelabha.unifi.client.json.Fields.bool;
import static io.github.homelabha.unifi.client.json.Fields.integer;
import static io.github.homelabha.unifi.client.json.Fields.millis;
import static io.github.homelabha.unifi.client.json.Fields.num;
import static io.github.homelabha.unifi.client.json.Fields.object;
import static io.github.homelabha.unifi.client.json.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.homelabha.unifi.client.model.Alarm;
import io.github.homelabha.unifi.client.model.Client;
import io.github.homelabha.unifi.client.model.Device;
import io.github.homelabha.unifi.client.model.Event;
import io.github.homelabha.unifi.client.model.HealthSubsystem;
import io.github.homelabha.unifi.client.model.Site;
import io.github.homelabha.unifi.client.model.SysInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns one row of {@code data[]} into a model. Never throws: missing fields become NaN/empty. */
public final class ModelMapper {
  private ModelMapper() {}

  public static Site site(JsonNode o) {
    return new Site(text(o, "_id"), text(o, "name"), text(o, "desc"), text(o, "role"));
  }

  public static Device device(JsonNode o) {
    JsonNode sys = object(o, "system-stats");
    JsonNode load = object(o, "sys_stats");
    List<Device.Temperature> temps = new ArrayList<>();
    for (JsonNode t : array(o, "temperatures")) {
      double v = num(t, "value");
      if (!Double.isNaN(v)) {
        temps.add(new Device.Temperature(text(t, "name"), text(t, "type"), v));
      }
    }
    double general = num(o, "general_temperature");
    if (temps.isEmpty() && !Double.isNaN(general) && bool(o, "has_temperature")) {
      temps.add(new Device.Temperature("general", "board", general));
    }
    List<Device.Port> ports = new ArrayList<>();
    for (JsonNode p : array(o, "port_table")) {
      int index = integer(p, "port_idx", -1);
      if (index < 0) {
        continue;
      }
      boolean poe = bool(p, "port_poe");
      ports.add(
          new Device.Port(
              index,
              text(p, "name"),
              !p.has("enable") || bool(p, "enable"),
              bool(p, "up"),
              num(p, "speed"),
              bool(p, "full_duplex"),
              bool(p, "is_uplink"),
              poe,
              poe ? num(p, "poe_power") : Double.NaN,
              num(p, "rx_bytes"),
              num(p, "tx_bytes")));
    }
    List<Device.Radio> radios = new ArrayList<>();
    for (JsonNode r : array(o, "radio_table_stats")) {
      radios.add(
          new Device.Radio(
              text(r, "name"),
              text(r, "radio"),
              num(r, "channel"),
              num(r, "tx_power"),
              num(r, "cu_total"),
              num(r, "num_sta"),
              num(r, "satisfaction")));
    }
    List<Device.Vap> vaps = new ArrayList<>();
    for (JsonNode v : array(o, "vap_table")) {
      vaps.add(new Device.Vap(text(v, "essid"), text(v, "radio"), num(v, "num_sta")));
    }
    JsonNode wan1 = o.get("wan1");
    Device.Wan wan =
        wan1 != null && wan1.isObject()
            ? new Device.Wan(
                bool(wan1, "up"), num(wan1, "speed"), num(wan1, "rx_bytes"), num(wan1, "tx_bytes"))
            : null;
    double uptime = num(o, "uptime");
    if (Double.isNaN(uptime)) {
      uptime = num(sys, "uptime");
    }
    return new Device(
        text(o, "mac").toLowerCase(Locale.ROOT),
        text(o, "name"),
        text(o, "model"),
        text(o, "type"),
        text(o, "version"),
        text(o, "ip"),
        integer(o, "state", -1),
        bool(o, "adopted"),
        bool(o, "upgradable"),
        uptime,
        num(sys, "cpu"),
        num(sys, "mem"),
        num(load, "loadavg_1"),
        num(load, "loadavg_5"),
        num(load, "loadavg_15"),
        num(o, "num_sta"),
        num(o, "rx_bytes"),
        num(o, "tx_bytes"),
        List.copyOf(temps),
        List.copyOf(ports),
        List.copyOf(radios),
        List.copyOf(vaps),
        wan);
  }

  public static Client client(JsonNode o) {
    boolean wired = bool(o, "is_wired");
    double rx = wired ? num(o, "wired-rx_bytes") : num(o, "rx_bytes");
    double tx = wired ? num(o, "wired-tx_bytes") : num(o, "tx_bytes");
    if (wired && Double.isNaN(rx)) {
      rx = num(o, "rx_bytes");
      tx = num(o, "tx_bytes");
    }
    return new Client(
        text(o, "mac").toLowerCase(Locale.ROOT),
        text(o, "name"),
        text(o, "hostname"),
        text(o, "ip"),
        wired,
        bool(o, "is_guest"),
        wired ? "" : text(o, "ap_mac").toLowerCase(Locale.ROOT),
        text(o, "sw_mac").toLowerCase(Locale.ROOT),
        integer(o, "sw_port", -1),
        wired ? "" : text(o, "essid"),
        wired ? "" : text(o, "radio"),
        wired ? Double.NaN : num(o, "signal"),
        rx,
        tx,
        num(o, "uptime"));
  }

  public static HealthSubsystem health(JsonNode o) {
    double users = num(o, "num_user");
    if (Double.isNaN(users)) {
      users = num(o, "num_sta");
    }
    return new HealthSubsystem(
        text(o, "subsystem"),
        text(o, "status"),
        num(o, "latency"),
        num(o, "xput_up"),
        num(o, "xput_down"),
        num(o, "rx_bytes-r"),
        num(o, "tx_bytes-r"),
        users,
        num(o, "num_adopted"),
        num(o, "num_disconnected"),
        num(o, "num_pending"));
  }

  public static SysInfo sysinfo(JsonNode o) {
    return new SysInfo(
        text(o, "version"),
        text(o, "build"),
        text(o, "hostname"),
        text(o, "console_display_version"));
  }

  public static Event event(JsonNode o) {
    return new Event(
        text(o, "_id"), text(o, "key"), text(o, "subsystem"), millis(o, "time"), text(o, "msg"));
  }

  public static Alarm alarm(JsonNode o) {
    return new Alarm(
        text(o, "_id"),
        text(o, "key"),
        text(o, "subsystem"),
        millis(o, "time"),
        bool(o, "archived"),
        text(o, "msg"));
  }
}
