"""Benchmarks (`make bench`). A package so the raw phase's workflow has an importable module."""
