"""Command-line entry point: one module per command group; thin: parse, call, print."""
