-- PostgreSQL only (SQLite has no such setting): room on each page of the tables every tracker fold round updates,
-- so an update whose indexed columns stay as they were (a member's credited bytes, a history row's sums, a peer's
-- counters, a torrent's balance) is a heap-only (HOT) update on the same page. On a full page the new row version
-- goes to another page and every index of the table gets an entry for it: User has eight indexes, Torrent more
-- than a dozen. Applies to pages written from now on (a VACUUM FULL rewrites the existing ones).
ALTER TABLE "User" SET (fillfactor = 80);
ALTER TABLE "Torrent" SET (fillfactor = 80);
ALTER TABLE "UserTorrent" SET (fillfactor = 80);
ALTER TABLE "Peer" SET (fillfactor = 80);
