-- PostgreSQL only (SQLite has no such setting): room on each page of the tables every tracker fold round updates,
-- so an update whose indexed columns stay as they were (credited bytes of a member, sums of a history row, counters
-- of a peer, the balance of a torrent) is a heap-only (HOT) update on the same page. On a full page the new row
-- version goes to another page and every index of the table gets an entry for it: User has eight indexes (five
-- unique, each checked against the heap), Torrent more than a dozen. Measured with tests/bench/fold.ts (rounds of
-- 25,000 re-announces): at the default 100 most updates were not HOT, at 80 54% of those of User and 65% of those
-- of UserTorrent were, at 50 100% and 98%, and the CPU of PostgreSQL per record fell from 16 to 12 µs. User is
-- small (one row per member): 50. UserTorrent holds the history of every member on every torrent, mostly rows no
-- fold updates any more: 60, between HOT updates and disk. Torrent and Peer: 70. Applies to pages written from now on.
ALTER TABLE "User" SET (fillfactor = 50);
ALTER TABLE "UserTorrent" SET (fillfactor = 60);
ALTER TABLE "Torrent" SET (fillfactor = 70);
ALTER TABLE "Peer" SET (fillfactor = 70);
