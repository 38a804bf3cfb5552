"""hdras: monitoring of the HdR-AS implementation plan 2025 (MVCS, Peru)."""

__version__ = "0.1.0"
