// Keeps a Node server on loopback: preloaded with `node --require scripts/alleen-loopback.cjs`
// (or NODE_OPTIONS="--require ..."), every `listen()` that names no host listens on 127.0.0.1
// instead of on all interfaces.
//
// Why: the Microsoft 365 Agents Playground (npm @microsoft/m365agentsplayground, 0.2.x) calls
// `server.listen(port)` and has no option or environment variable for the host, so it would be
// reachable from the network (and its mocked connector can post to the bot as any user).
// A listen() that does name a host, or a Unix socket / handle, is left alone.
"use strict";

const net = require("net");

const LOOPBACK = "127.0.0.1";
const origineel = net.Server.prototype.listen;

function isPoort(waarde) {
  return typeof waarde === "number" || (typeof waarde === "string" && /^\d+$/.test(waarde));
}

net.Server.prototype.listen = function listenOpLoopback(...args) {
  const eerste = args[0];
  if (eerste !== null && typeof eerste === "object" && !("path" in eerste) && !("fd" in eerste)
      && !("handle" in eerste) && !("_handle" in eerste) && !eerste.host) {
    args[0] = { ...eerste, host: LOOPBACK };
  } else if ((isPoort(eerste) || eerste === undefined || typeof eerste === "function") && typeof args[1] !== "string") {
    if (!isPoort(eerste)) {
      args.unshift(0);
    }
    args.splice(1, 0, LOOPBACK);
  }
  return origineel.apply(this, args);
};
