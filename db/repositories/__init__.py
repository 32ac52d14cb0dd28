"""One repository per aggregate; each composes statements on a session the caller owns."""
