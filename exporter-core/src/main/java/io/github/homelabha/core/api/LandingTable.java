package io.github.homelabha.core.api;

import java.util.List;

/** A table on the landing page. Cells are plain text; the core escapes them. */
public record LandingTable(List<String> columns, List<List<String>> rows) {
  public LandingTable {
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
  }
}
