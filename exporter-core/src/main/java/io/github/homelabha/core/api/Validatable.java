package io.github.homelabha.core.api;

/**
 * A configuration class (or a nested part of one) that checks itself after binding. Report every
 * problem with its key path instead of stopping at the first.
 */
public interface Validatable {
  void validate(ConfigProblems problems);
}
