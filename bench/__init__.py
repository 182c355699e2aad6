"""Benchmarks for the product's speed targets (issue 10). Run with `make bench`; no timed assertions in tests."""
