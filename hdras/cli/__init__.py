"""The command line (design §3)."""
