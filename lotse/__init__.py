"""Lotse: municipal integration management (case work, indicators, grants)."""
