package wiregate.bench;

/**
 * The run shape every benchmark shares unless bench/jmh overrides it: short enough for a 2-core
 * machine to finish the whole suite in minutes, with forks and iterations enough for error bars.
 */
final class BenchmarkDefaults {
  static final int FORKS = 2;
  static final int WARMUP_ITERATIONS = 3;
  static final int WARMUP_SECONDS = 1;
  static final int ITERATIONS = 5;
  static final int ITERATION_SECONDS = 1;

  private BenchmarkDefaults() {}
}
