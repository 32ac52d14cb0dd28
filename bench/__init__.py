"""Benchmarks (not shipped): synthetic data and latency measurements."""
