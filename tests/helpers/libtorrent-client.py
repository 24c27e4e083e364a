#!/usr/bin/python3
"""A real libtorrent client (the engine of qBittorrent and Deluge) for the end-to-end tests.

    /usr/bin/python3 libtorrent-client.py create <payload file> <out.torrent>     # a hybrid (v1 + v2) torrent
    /usr/bin/python3 libtorrent-client.py run <torrent> <save dir> <listen port>  # leech (or seed) until stdin closes

`run` keeps libtorrent's default settings, SSRF mitigation included (it prints them to prove it), and only turns
off what would reach outside the test: DHT, local peer discovery, UPnP and NAT-PMP. It prints one JSON object per
line: the settings, every tracker reply, warning and error, `finished` when the download is complete, and `done`
after the `stopped` announces that follow the end of stdin.
"""
import json
import sys
import threading
import time

import libtorrent as lt


def say(kind, **fields):
    print(json.dumps({"kind": kind, **fields}), flush=True)


def create(payload, out):
    fs = lt.file_storage()
    lt.add_files(fs, payload)
    t = lt.create_torrent(fs, 64 * 1024, flags=0)
    t.set_creator("giveback e2e")
    lt.set_piece_hashes(t, payload.rsplit("/", 1)[0])
    with open(out, "wb") as f:
        f.write(lt.bencode(t.generate()))


def run(torrent, save, port):
    pack = lt.default_settings()
    pack["listen_interfaces"] = f"127.0.0.1:{port}"
    pack["enable_dht"] = False
    pack["enable_lsd"] = False
    pack["enable_upnp"] = False
    pack["enable_natpmp"] = False
    pack["alert_mask"] = lt.alert_category.status | lt.alert_category.error | lt.alert_category.tracker
    ses = lt.session(pack)
    settings = ses.get_settings()
    say("settings", ssrf_mitigation=settings["ssrf_mitigation"], version=lt.__version__)
    info = lt.torrent_info(torrent)
    handle = ses.add_torrent({"ti": info, "save_path": save})
    say("added", announce=[t.url for t in info.trackers()])
    closed = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), closed.set()), daemon=True).start()
    reported_finish = False
    stopping_since = None
    while True:
        for a in ses.pop_alerts():
            if isinstance(a, lt.tracker_reply_alert):
                say("reply", peers=a.num_peers, message=a.message())
            elif isinstance(a, lt.tracker_warning_alert):
                say("warning", message=a.message())
            elif isinstance(a, lt.tracker_error_alert):
                say("error", message=a.message())
            elif isinstance(a, lt.torrent_finished_alert) and not reported_finish:
                reported_finish = True
                s = handle.status()
                say("finished", total_done=s.total_done)
        if closed.is_set() and stopping_since is None:
            stopping_since = time.time()
            ses.remove_torrent(handle)
        if stopping_since is not None and time.time() - stopping_since > 5:
            break
        time.sleep(0.2)
    # Deleting the session waits for the `stopped` announces.
    del ses
    say("done")


if __name__ == "__main__":
    if sys.argv[1] == "create":
        create(sys.argv[2], sys.argv[3])
    else:
        run(sys.argv[2], sys.argv[3], int(sys.argv[4]))
