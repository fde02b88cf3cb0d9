package io.github.homelabha.adguard.model;

/** One element of a {@code top_*} statistics list: {@code {"example.com": 123}}. */
public record TopEntry(String key, double value) {}
