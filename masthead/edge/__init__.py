"""The edge: Masthead's Varnish (its launcher, ``varnish.py``) and the purge backends that tell
Varnish, Fastly or Cloudflare which keys went stale (``backends.py``). See docs/edge.md."""
