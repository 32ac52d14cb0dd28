"""Hosting: configuration, the aiohttp app, the Bot Framework adapter and Teams specifics."""
