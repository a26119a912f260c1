#!/usr/bin/env python3
"""Tiny stand-in for live-price-service, for the order benchmark only: fresh prices over REST and a tick stream."""
import json, sys, threading, time
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

PAIRS = {"BTCUSD": 65000.0, "ETHUSD": 3000.0, "SOLUSD": 150.0, "XRPUSD": 0.5, "DOGEUSD": 0.1, "ADAUSD": 0.4}

def answer(pair):
    now = int(time.time() * 1000)
    p = PAIRS[pair]
    return {"tradePair": pair, "price": p, "timestampMs": now, "ageMs": 0, "stale": False, "stalenessLimitMs": 30000,
            "marketOpen": True, "bid": 0, "ask": 0, "sources": [{"source": "stub_ws", "timespanMs": 0, "open": p,
            "close": p, "startMs": now, "websocket": True, "lagMs": 0, "bid": 0, "ask": 0}]}

class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/api/v1/prices/stream":
            self.send_response(200); self.send_header("Content-Type", "text/event-stream"); self.end_headers()
            seq = 0
            try:
                while True:
                    for pair, p in PAIRS.items():
                        seq += 1
                        data = {"tradePair": pair, "price": p, "bid": 0, "ask": 0, "timestampMs": int(time.time() * 1000), "source": "stub_ws"}
                        self.wfile.write(f"event: tick\nid: {seq}\ndata: {json.dumps(data)}\n\n".encode())
                    self.wfile.flush(); time.sleep(0.25)
            except Exception:
                return
        if path.startswith("/api/v1/prices/") and path.rsplit("/", 1)[1] in PAIRS:
            body = json.dumps(answer(path.rsplit("/", 1)[1])).encode()
            self.send_response(200); self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body); return
        self.send_response(404); self.send_header("Content-Length", "0"); self.end_headers()

ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
