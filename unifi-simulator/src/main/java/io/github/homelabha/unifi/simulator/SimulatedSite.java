package io.github.homelabha.unifi.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * One site's devices and clients, generated from a seed and rendered in the shapes real controllers
 * return: numbers as strings in {@code system-stats}, hyphenated keys, PoE fields only on PoE
 * ports, {@code state} as an integer. Byte counters grow with time. State can be changed at run
 * time to simulate faults (a device disconnected, a port down or renegotiated, the WAN down).
 */
public final class SimulatedSite {
  static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String[] SSIDS = {"home", "iot", "guest"};
  private static final String[] BANDS = {"ng", "na", "6e"};

  final String id;
  final String name;
  final String description;
  final List<SimDevice> devices = new ArrayList<>();
  final List<SimClient> clients = new ArrayList<>();
  volatile String wanStatus = "ok";
  private final long startMillis = System.currentTimeMillis();
  volatile boolean frozenTime;

  /** A device; fields are mutable so faults can be injected while serving. */
  static final class SimDevice {
    final String mac;
    final String name;
    final String type;
    final String model;
    final int portCount;
    volatile int state = 1;
    final int[] portSpeeds;
    final boolean[] portUp;
    final long baseUptime;

    SimDevice(String mac, String name, String type, String model, int portCount, long baseUptime) {
      this.mac = mac;
      this.name = name;
      this.type = type;
      this.model = model;
      this.portCount = portCount;
      this.portSpeeds = new int[portCount];
      this.portUp = new boolean[portCount];
      this.baseUptime = baseUptime;
      for (int i = 0; i < portCount; i++) {
        portSpeeds[i] = 1000;
        portUp[i] = i % 5 != 4;
      }
    }
  }

  record SimClient(
      String mac,
      String hostname,
      boolean wired,
      String apMac,
      String swMac,
      int swPort,
      String ssid,
      String band,
      int signal) {}

  SimulatedSite(
      String id,
      String name,
      String description,
      int deviceCount,
      int clientCount,
      boolean unifiOs,
      long seed) {
    this.id = id;
    this.name = name;
    this.description = description;
    Random random = new Random(seed);
    int switches = Math.max(1, deviceCount / 5);
    int aps = Math.max(0, deviceCount - 1 - switches);
    devices.add(
        new SimDevice(
            mac(random, 0),
            "gateway",
            unifiOs ? "udm" : "ugw",
            unifiOs ? "UDMPRO" : "UGW3",
            unifiOs ? 8 : 3,
            400_000 + random.nextInt(100_000)));
    for (int i = 0; i < switches; i++) {
      devices.add(
          new SimDevice(
              mac(random, devices.size()),
              "switch-" + (i + 1),
              "usw",
              i % 2 == 0 ? "US24P250" : "US16P150",
              i % 2 == 0 ? 26 : 18,
              100_000 + random.nextInt(3_000_000)));
    }
    for (int i = 0; i < aps; i++) {
      devices.add(
          new SimDevice(
              mac(random, devices.size()),
              "ap-" + (i + 1),
              "uap",
              i % 3 == 0 ? "U7PG2" : "U6PRO",
              1,
              50_000 + random.nextInt(3_000_000)));
    }
    List<SimDevice> apList = devices.stream().filter(d -> d.type.equals("uap")).toList();
    List<SimDevice> swList = devices.stream().filter(d -> d.type.equals("usw")).toList();
    for (int i = 0; i < clientCount; i++) {
      boolean wired = apList.isEmpty() || i % 10 < 3;
      String mac =
          String.format(
              Locale.ROOT,
              "02:%02x:%02x:%02x:%02x:%02x",
              seed & 0xff,
              (i >> 16) & 0xff,
              (i >> 8) & 0xff,
              i & 0xff,
              random.nextInt(256));
      if (wired) {
        SimDevice sw = swList.get(i % swList.size());
        clients.add(
            new SimClient(
                mac, "host-" + i, true, null, sw.mac, 1 + i % (sw.portCount - 2), null, null, 0));
      } else {
        SimDevice ap = apList.get(i % apList.size());
        clients.add(
            new SimClient(
                mac,
                "phone-" + i,
                false,
                ap.mac,
                null,
                0,
                SSIDS[i % SSIDS.length],
                BANDS[(i / 3) % BANDS.length],
                -45 - random.nextInt(40)));
      }
    }
  }

  private static String mac(Random random, int index) {
    return String.format(
        Locale.ROOT,
        "f4:e2:%02x:%02x:%02x:%02x",
        random.nextInt(256),
        random.nextInt(256),
        (index >> 8) & 0xff,
        index & 0xff);
  }

  SimDevice device(String mac) {
    return devices.stream()
        .filter(d -> d.mac.equalsIgnoreCase(mac) || d.name.equals(mac))
        .findFirst()
        .orElse(null);
  }

  private long elapsedSeconds() {
    if (frozenTime) {
      return 600;
    }
    return Math.max(1, (System.currentTimeMillis() - startMillis) / 1000);
  }

  /** Rows of {@code stat/device}. */
  ArrayNode devicesJson() {
    ArrayNode rows = JSON.arrayNode();
    long t = elapsedSeconds();
    for (SimDevice d : devices) {
      rows.add(deviceJson(d, t));
    }
    return rows;
  }

  private ObjectNode deviceJson(SimDevice d, long t) {
    ObjectNode o = JSON.objectNode();
    o.put("_id", "6" + d.mac.replace(":", ""));
    o.put("mac", d.mac);
    o.put("name", d.name);
    o.put("type", d.type);
    o.put("model", d.model);
    o.put("version", d.type.equals("uap") ? "6.6.77.15402" : "7.0.50.15613");
    o.put("adopted", true);
    o.put("state", d.state);
    o.put("upgradable", d.name.endsWith("-3"));
    o.put("ip", "10.0." + (devices.indexOf(d) / 250) + "." + (devices.indexOf(d) % 250 + 2));
    boolean connected = d.state == 1;
    if (connected) {
      long uptime = d.baseUptime + t;
      o.put("uptime", uptime);
      ObjectNode sys = o.putObject("system-stats");
      // Controllers send these numbers as strings.
      sys.put("cpu", String.format(Locale.ROOT, "%.1f", 3.0 + (d.mac.hashCode() & 31)));
      sys.put("mem", String.format(Locale.ROOT, "%.1f", 30.0 + (d.mac.hashCode() & 15)));
      sys.put("uptime", Long.toString(uptime));
      ObjectNode load = o.putObject("sys_stats");
      load.put("loadavg_1", "0.42");
      load.put("loadavg_5", "0.37");
      load.put("loadavg_15", "0.30");
      load.put("mem_total", 262397952L);
      load.put("mem_used", 131473408L);
    }
    long wireless = clients.stream().filter(c -> d.mac.equals(c.apMac)).count();
    long wired = clients.stream().filter(c -> d.mac.equals(c.swMac)).count();
    o.put("num_sta", connected ? wireless + wired : 0);
    o.put("user-num_sta", connected ? wireless + wired : 0);
    o.put("guest-num_sta", 0);
    o.put("rx_bytes", 1_000_000L * t);
    o.put("tx_bytes", 2_000_000L * t);
    if (!d.type.equals("uap")) {
      o.set("port_table", portTable(d, t));
    }
    if (d.type.equals("uap") || d.type.equals("udm")) {
      radios(o, d, connected);
    }
    if (d.type.equals("ugw") || d.type.equals("udm")) {
      ArrayNode temps = o.putArray("temperatures");
      temps.addObject().put("name", "CPU").put("type", "cpu").put("value", 61.0);
      temps.addObject().put("name", "Local").put("type", "board").put("value", 48.75);
      ObjectNode wan = o.putObject("wan1");
      wan.put("name", "wan").put("ifname", "eth8").put("up", wanStatus.equals("ok"));
      wan.put("speed", 1000).put("full_duplex", true);
      wan.put("rx_bytes", 9_000_000L * t).put("tx_bytes", 3_000_000L * t);
      wan.put("rx_bytes-r", 120_000).put("tx_bytes-r", 40_000);
    } else if (d.type.equals("usw")) {
      o.put("general_temperature", 41);
      o.put("has_temperature", true);
    }
    return o;
  }

  private ArrayNode portTable(SimDevice d, long t) {
    ArrayNode ports = JSON.arrayNode();
    for (int i = 0; i < d.portCount; i++) {
      ObjectNode p = ports.addObject();
      p.put("port_idx", i + 1);
      p.put("name", "Port " + (i + 1));
      p.put("media", "GE");
      p.put("enable", true);
      boolean up = d.state == 1 && d.portUp[i];
      p.put("up", up);
      p.put("speed", up ? d.portSpeeds[i] : 0);
      p.put("full_duplex", up);
      p.put("is_uplink", i == d.portCount - 1);
      p.put("rx_bytes", (i + 1) * 10_000L * t);
      p.put("tx_bytes", (i + 1) * 20_000L * t);
      p.put("rx_bytes-r", up ? 100 : 0);
      p.put("tx_bytes-r", up ? 200 : 0);
      boolean poe = d.model.endsWith("P250") || d.model.endsWith("P150");
      if (poe && i < d.portCount - 2) {
        // PoE fields are strings, and only on PoE-capable ports.
        p.put("port_poe", true);
        p.put("poe_enable", up);
        p.put("poe_mode", "auto");
        p.put("poe_power", up ? String.format(Locale.ROOT, "%.2f", 2.5 + i % 4) : "0.00");
        p.put("poe_voltage", up ? "53.12" : "0.00");
        p.put("poe_current", up ? "61.20" : "0.00");
      }
    }
    return ports;
  }

  private void radios(ObjectNode o, SimDevice d, boolean connected) {
    ArrayNode table = o.putArray("radio_table");
    ArrayNode stats = o.putArray("radio_table_stats");
    ArrayNode vaps = o.putArray("vap_table");
    String[] bands = d.type.equals("udm") ? new String[] {"ng", "na"} : BANDS;
    for (int r = 0; r < bands.length; r++) {
      String band = bands[r];
      String radioName = "wifi" + r;
      table
          .addObject()
          .put("name", radioName)
          .put("radio", band)
          .put("channel", "auto")
          .put("tx_power_mode", "auto")
          .put("max_txpower", 23)
          .put("min_txpower", 6);
      int finalR = r;
      long staCount =
          connected
              ? clients.stream().filter(c -> d.mac.equals(c.apMac) && band.equals(c.band)).count()
              : 0;
      stats
          .addObject()
          .put("name", radioName)
          .put("radio", band)
          .put("channel", band.equals("ng") ? 6 : band.equals("na") ? 36 : 37)
          .put("tx_power", 20 + finalR)
          .put("cu_total", 15 + finalR * 7)
          .put("num_sta", staCount)
          .put("user-num_sta", staCount)
          .put("guest-num_sta", 0)
          .put("satisfaction", 97)
          .put("state", connected ? "RUN" : "DOWN");
      for (String ssid : SSIDS) {
        long n =
            connected
                ? clients.stream()
                    .filter(
                        c -> d.mac.equals(c.apMac) && band.equals(c.band) && ssid.equals(c.ssid))
                    .count()
                : 0;
        vaps.addObject()
            .put("essid", ssid)
            .put("radio", band)
            .put("radio_name", radioName)
            .put("num_sta", n)
            .put("is_guest", ssid.equals("guest"));
      }
    }
  }

  /** Rows of {@code stat/sta}: only clients whose device is connected are listed. */
  ArrayNode clientsJson() {
    ArrayNode rows = JSON.arrayNode();
    long t = elapsedSeconds();
    for (SimClient c : clients) {
      SimDevice via = device(c.wired() ? c.swMac() : c.apMac());
      if (via == null || via.state != 1) {
        continue;
      }
      ObjectNode o = rows.addObject();
      o.put("_id", "5" + c.mac().replace(":", ""));
      o.put("mac", c.mac());
      o.put("hostname", c.hostname());
      o.put("is_wired", c.wired());
      o.put("is_guest", "guest".equals(c.ssid()));
      o.put("ip", "10.1." + (clients.indexOf(c) / 250) + "." + (clients.indexOf(c) % 250 + 2));
      o.put("uptime", 3600 + t);
      o.put("network", "LAN");
      if (c.wired()) {
        o.put("sw_mac", c.swMac());
        o.put("sw_port", c.swPort());
        o.put("wired_rate_mbps", 1000);
        o.put("wired-rx_bytes", 5_000L * t);
        o.put("wired-tx_bytes", 7_000L * t);
      } else {
        o.put("ap_mac", c.apMac());
        o.put("essid", c.ssid());
        o.put("radio", c.band());
        o.put("radio_name", "wifi0");
        o.put("channel", c.band().equals("ng") ? 6 : 36);
        o.put("signal", c.signal());
        o.put("rssi", 95 + c.signal());
        o.put("noise", -100);
        o.put("rx_rate", 866700);
        o.put("tx_rate", 866700);
        o.put("rx_bytes", 3_000L * t);
        o.put("tx_bytes", 9_000L * t);
        o.put("satisfaction", 98);
      }
    }
    return rows;
  }

  /** Rows of {@code stat/health}, one per subsystem, each with its own keys. */
  ArrayNode healthJson() {
    long aps = devices.stream().filter(d -> d.type.equals("uap")).count();
    long apsDown = devices.stream().filter(d -> d.type.equals("uap") && d.state != 1).count();
    long sws = devices.stream().filter(d -> d.type.equals("usw")).count();
    long swsDown = devices.stream().filter(d -> d.type.equals("usw") && d.state != 1).count();
    long wireless = clients.stream().filter(c -> !c.wired()).count();
    ArrayNode rows = JSON.arrayNode();
    rows.addObject()
        .put("subsystem", "wlan")
        .put("num_user", wireless)
        .put("num_guest", 0)
        .put("num_iot", 0)
        .put("tx_bytes-r", 52_000)
        .put("rx_bytes-r", 21_000)
        .put("status", apsDown == 0 ? "ok" : "warning")
        .put("num_ap", aps)
        .put("num_adopted", aps)
        .put("num_disabled", 0)
        .put("num_disconnected", apsDown)
        .put("num_pending", 0);
    boolean wanUp = wanStatus.equals("ok");
    SimDevice gw = devices.get(0);
    ObjectNode wan =
        rows.addObject()
            .put("subsystem", "wan")
            .put("num_gw", 1)
            .put("num_adopted", 1)
            .put("num_disconnected", gw.state == 1 ? 0 : 1)
            .put("num_pending", 0)
            .put("status", wanStatus)
            .put("wan_ip", "203.0.113.7")
            .put("num_sta", clients.size())
            .put("tx_bytes-r", wanUp ? 40_000 : 0)
            .put("rx_bytes-r", wanUp ? 120_000 : 0)
            .put("gw_mac", gw.mac)
            .put("gw_name", gw.name)
            .put("gw_version", "4.0.6.6754");
    wan.putObject("gw_system-stats").put("cpu", "5.6").put("mem", "67.2").put("uptime", "492633");
    ObjectNode www =
        rows.addObject()
            .put("subsystem", "www")
            .put("status", wanStatus)
            .put("tx_bytes-r", wanUp ? 40_000 : 0)
            .put("rx_bytes-r", wanUp ? 120_000 : 0)
            .put("uptime", 492506)
            .put("drops", 1)
            .put("xput_up", 94.5)
            .put("xput_down", 512.3)
            .put("speedtest_status", "Success")
            .put("speedtest_ping", 11)
            .put("gw_mac", gw.mac);
    if (wanUp) {
      www.put("latency", 9);
    }
    rows.addObject()
        .put("subsystem", "lan")
        .putNull("lan_ip")
        .put("status", swsDown == 0 ? "ok" : "warning")
        .put("num_user", clients.size() - wireless)
        .put("num_guest", 0)
        .put("num_iot", 0)
        .put("tx_bytes-r", 0)
        .put("rx_bytes-r", 0)
        .put("num_sw", sws)
        .put("num_adopted", sws)
        .put("num_disconnected", swsDown)
        .put("num_pending", 0);
    rows.addObject()
        .put("subsystem", "vpn")
        .put("status", "unknown")
        .put("remote_user_enabled", false)
        .put("site_to_site_enabled", false);
    return rows;
  }

  /** Rows of {@code list/alarm}. */
  ArrayNode alarmsJson() {
    ArrayNode rows = JSON.arrayNode();
    for (SimDevice d : devices) {
      if (d.state != 1) {
        rows.addObject()
            .put("_id", "7" + d.mac.replace(":", ""))
            .put("archived", false)
            .put("key", d.type.equals("uap") ? "EVT_AP_Lost_Contact" : "EVT_SW_Lost_Contact")
            .put("subsystem", d.type.equals("uap") ? "wlan" : "lan")
            .put("time", System.currentTimeMillis())
            .put("msg", "Device[" + d.mac + "] was disconnected");
      }
    }
    return rows;
  }

  /** Rows of {@code stat/event}: a few connects, the way events list them. */
  ArrayNode eventsJson() {
    ArrayNode rows = JSON.arrayNode();
    long now = System.currentTimeMillis();
    for (int i = 0; i < Math.min(clients.size(), 20); i++) {
      SimClient c = clients.get(i);
      rows.addObject()
          .put("_id", "8" + i)
          .put("key", c.wired() ? "EVT_LU_Connected" : "EVT_WU_Connected")
          .put("subsystem", c.wired() ? "lan" : "wlan")
          .put("user", c.mac())
          .put("time", now - i * 60_000L)
          .put("msg", "User[" + c.mac() + "] has connected");
    }
    return rows;
  }

  ObjectNode siteJson() {
    ObjectNode o = JSON.objectNode();
    o.put("_id", id).put("name", name).put("desc", description).put("role", "admin");
    o.put("attr_no_delete", name.equals("default"));
    return o;
  }
}
