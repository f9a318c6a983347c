"""Benchmarks run by `make bench [SUITE=name]` on a throwaway database with generated inputs.

A suite is a function in bench/suites.py registered with @suite; it returns Measurements, each a list
of samples. The harness prints medians and writes every figure to bench/results.json.
"""
