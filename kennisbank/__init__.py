"""The organisation's kennisbank: data files, loading with validation, and lookup.

Imports no bot SDK: the same code serves the bot, the command line and the benchmarks.
"""
