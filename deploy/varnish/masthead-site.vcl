vcl 4.1;
#
# What differs between one Varnish and another, included by masthead.vcl (found through the
# vcl_path parameter). masthead.edge.varnish writes this file for each instance it starts;
# deploy/varnish/masthead-site.vcl is what it writes for its defaults
# (`python -m masthead.edge.varnish --print-site-vcl`).

backend default {
    .host = "127.0.0.1";
    .port = "8001";
    # Fail fast when the application is down, so readers get the stale copy without waiting.
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}

# The inner tier: this same varnishd over the private listener it opens with
#   -a stitch=/run/masthead-varnish/stitch.sock,mode=666
# The outer tier fetches stitched pages from it (masthead.vcl, "Stitching once").
backend stitcher {
    .path = "/run/masthead-varnish/stitch.sock";
}

# Who may send PURGE: the application's purge task runs beside Varnish.
acl purge {
    "127.0.0.1";
    "::1";
}

# How long a 404 or an error page is cached (and served stale while it refetches).
sub masthead_error_ttl {
    set beresp.ttl = 15s;
    set beresp.grace = 15s;
}

# How long an object may be served stale when its Cache-Control names no stale-* window.
sub masthead_default_grace {
    set beresp.grace = 6h;
}
