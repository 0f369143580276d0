"""Quality and speed benchmarks (`make bench`); `scoring` is imported by the unit tests."""
