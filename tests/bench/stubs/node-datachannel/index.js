// Only bittorrent-tracker's WebRTC (WebSocket) code would reach this; the benchmark runs its HTTP server only.
throw new Error('node-datachannel is stubbed in this project (see tests/bench/stubs/node-datachannel); WebRTC is unavailable');
