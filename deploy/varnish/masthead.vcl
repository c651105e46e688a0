vcl 4.1;
#
# Masthead's edge: Varnish 7 in front of the Django application.
#
# The application decides what is public and names the content each response shows as keys
# (docs/edge.md has the contract); this VCL only enforces it:
#   - a public response is cached for its s-maxage and served stale (grace) while it refetches or
#     while the application is down;
#   - anything private (editors, previews, drafts, a session or CSRF cookie) is never cached;
#   - `PURGE` with `xkey-purge: k1 k2` from the `purge` ACL drops every object naming any key;
#   - a page with <esi:include>s is stitched once, not on every answer (below).
#
# Stitching once. Varnish 7.1 delivers an ESI page several times more slowly than one object (it
# flushes around every include and recomputes the gzip checksum on each answer:
# docs/performance.md, "The edge"). So this Varnish is two tiers in one process. Readers reach
# the outer tier; it fetches what it does not hold from the inner tier, which is this same
# Varnish reached over a second, private listener named "stitch" (a Unix socket the launcher
# creates: `-a stitch=/path/stitch.sock,mode=666`). The inner tier holds the page and its
# includes as the application sent them, each with its own keys, and stitches them; the outer
# tier keeps the stitched copy and serves it as one object. The stitched copy carries the
# page's keys and its includes' (the application names the latter in `xkey-includes`), so one
# purge by key drops exactly the objects that show the key in either tier: publishing a news
# item drops the latest-news block and the stitched pages, which are restitched at the next
# request from the pages the inner tier still holds, without asking the application for them.
#
# What differs between one Varnish and another (backend address, purge ACL, two durations) lives
# in "masthead-site.vcl", found through the `vcl_path` parameter: `python -m masthead.edge.varnish`
# writes one for the addresses it is given; deploy/varnish/masthead-site.vcl is the default
# (backend on 127.0.0.1:8001). Check this file compiles with:
#   varnishd -C -n /tmp/varnish-check -p vcl_path=$PWD/deploy/varnish -f $PWD/deploy/varnish/masthead.vcl
#
# Subroutines that do not end in a `return` fall through to Varnish's builtin VCL
# (`varnishd -x builtin`), which keeps its sane defaults (Host required, hit-for-miss on
# `Set-Cookie`, ...).

import std;
import xkey;

include "masthead-site.vcl";

# ---------------------------------------------------------------------------------------------
# Client side

sub vcl_recv {
    if (local.socket == "stitch") {
        call masthead_stitch_recv;
    } else {
        # Readers: what the outer tier does not hold, it asks the inner tier for.
        set req.backend_hint = stitcher;
        if (req.restarts == 0) {
            # Set by vcl_purge alone, never by a reader (it would reach inner objects).
            unset req.http.X-Masthead-Purge-Inner;
        }
    }

    # This runs for every <esi:include> too (req.esi_level > 0), given the reader's request as
    # it arrived (cookies, Authorization): an editor's page must include the editor's block, so
    # nothing here is skipped for includes. Skipping it would save about 1 µs of the 50-90 µs
    # an include costs per answer (docs/performance.md, "The edge").

    # Before anything else, so that a PURGE by URL names the same object a reader's request
    # stored.
    call masthead_normalise_url;

    if (req.method == "PURGE") {
        call masthead_purge;
    }

    # Varnish stores one gzipped copy and gunzips it for the rare client that cannot take gzip;
    # anything else in Accept-Encoding (br, deflate, q-values) would only split the cache. Left
    # alone when it is "gzip" already: each header set is also two log records, on every answer.
    if (req.http.Accept-Encoding && req.http.Accept-Encoding != "gzip") {
        if (req.http.Accept-Encoding ~ "(?i)\bgzip\b") {
            set req.http.Accept-Encoding = "gzip";
        } else {
            unset req.http.Accept-Encoding;
        }
    }

    # Only reads are cached; forms, logins and API writes go straight to the application.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Wagtail's admin, previews and drafts are per editor.
    if (req.url ~ "^/admin(/|\?|$)") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # A signed-in editor (session) or someone who has been shown a form (CSRF token) may get a
    # page made for them: it must neither be served from nor stored in the cache.
    if (req.http.Cookie && req.http.Cookie ~ "(^|;)\s*(sessionid|csrftoken)=") {
        return (pass);
    }
    # Any other cookie (analytics, consent banners) cannot change a public page; left in place it
    # would make the builtin VCL pass every reader who has one.
    unset req.http.Cookie;
}

# A request from the outer tier (or an include of the page it asked for): answered from the
# inner tier's own objects, each fetched from the application.
sub masthead_stitch_recv {
    set req.backend_hint = default;
    # Tell the application it may answer with <esi:include>: it only does when it sees this, so
    # a request that bypasses Varnish still gets a whole page. Only this tier asks the
    # application, so only it says so.
    set req.http.Surrogate-Capability = {"varnish="ESI/1.0""};
    # Never stale: the outer tier keeps what it is given for its full TTL, so an inner object
    # past its TTL (or soft-purged) is fetched again before it is stitched into a new copy. The
    # outer tier serves its own stale copy meanwhile (grace) and keeps it if the fetch fails.
    set req.grace = 0s;
    # The application sees the reader's address once, not also this socket's (0.0.0.0).
    set req.http.X-Forwarded-For = regsub(req.http.X-Forwarded-For, ",\s*0\.0\.0\.0$", "");
}

# The same page reached from a newsletter, a social post or an ad must be one cache object: drop
# tracking parameters, sort the rest, and drop a `?` left alone.
sub masthead_normalise_url {
    if (req.url ~ "\?") {
        set req.url = regsuball(
            req.url,
            "(?i)([?&])(utm_[^=&]*|fbclid|gclid|mc_cid|mc_eid)(=[^&]*)?(?=&|$)",
            "\1");
        set req.url = regsuball(req.url, "&{2,}", "&");
        set req.url = regsub(req.url, "\?&", "?");
        set req.url = regsub(req.url, "[?&]+$", "");
        set req.url = std.querysort(req.url);
    }
}

sub masthead_purge {
    # Only this VCL says how many objects went.
    unset req.http.X-Purged;
    # client.ip is the address the PROXY protocol names when a TLS terminator speaks it, else
    # the TCP peer: a terminator on this host that forwards plain HTTP must not forward PURGE.
    if (client.ip !~ purge) {
        return (synth(403, "Forbidden"));
    }
    # A hard purge, not xkey.softpurge: a corrected or killed story must not be shown again to
    # anyone once the purge has answered, and a soft-purged object is still served (stale) to the
    # next readers while it refetches. The cost is one synchronous fetch per purged object,
    # which Varnish coalesces: however many readers wait, the application is asked once.
    if (req.http.xkey-purge) {
        set req.http.X-Purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged"));
    }
    # For keys whose staleness is harmless (a "latest news" list): readers keep getting the old
    # copy, never an error, while it refetches.
    if (req.http.xkey-softpurge) {
        set req.http.X-Purged = xkey.softpurge(req.http.xkey-softpurge);
        return (synth(200, "Purged"));
    }
    # No key: purge this URL's object, as Wagtail's own HTTPBackend asks: the outer tier's
    # first, then (vcl_purge restarts) the inner tier's, so the next reader's copy is refetched.
    return (purge);
}

# Each tier keeps its own object for a URL: the inner tier's is the page as sent, the outer's
# the page stitched.
sub vcl_hash {
    if (local.socket == "stitch" || req.http.X-Masthead-Purge-Inner) {
        hash_data("stitch");
    }
}

sub vcl_purge {
    if (!req.http.X-Masthead-Purge-Inner) {
        set req.http.X-Masthead-Purge-Inner = "1";
        return (restart);
    }
}

sub vcl_synth {
    if (req.method == "PURGE") {
        # A small JSON answer the purge backends read: how many objects went (not known for a
        # purge by URL).
        set resp.http.Content-Type = "application/json";
        set resp.http.Cache-Control = "no-store";
        if (req.http.X-Purged) {
            set resp.http.X-Purged = req.http.X-Purged;
            set resp.body = {"{"status": "} + resp.status + {", "purged": "} + req.http.X-Purged + "}";
        } else {
            set resp.body = {"{"status": "} + resp.status + {", "reason": ""} + resp.reason + {"""} + "}";
        }
        return (deliver);
    }
}

# ---------------------------------------------------------------------------------------------
# Backend side

sub vcl_backend_response {
    # What the inner tier sent is stitched already (no Surrogate-Control is left, so it is not
    # parsed again) and gzipped already. It is kept under the page's keys and its includes':
    # a purge of either drops this copy.
    if (beresp.backend.name == "stitcher") {
        # What only the caches read, and which software answered, are not kept in the outer
        # copy (every header it holds is copied, logged and unset again on each answer): the
        # keys for a CDN, the include keys (merged into xkey below), and the application's and
        # the inner tier's names. Everything readers get passes through here first.
        unset beresp.http.Surrogate-Key;
        unset beresp.http.Cache-Tag;
        unset beresp.http.Surrogate-Control;
        unset beresp.http.Server;
        unset beresp.http.Via;
        unset beresp.http.X-Varnish;
        if (beresp.http.xkey-includes) {
            set beresp.http.xkey = beresp.http.xkey + " " + beresp.http.xkey-includes;
            unset beresp.http.xkey-includes;
        }
        if (beresp.http.X-Masthead-Stitch) {
            # A page that does not name its includes' keys could not be purged when they
            # change: the inner tier stitches it for every answer instead, as a Varnish of one
            # tier would. Hit-for-miss, so that a later answer naming them is stored at once.
            unset beresp.http.X-Masthead-Stitch;
            set beresp.ttl = 120s;
            set beresp.uncacheable = true;
            return (deliver);
        }
    }

    # ESI only when the application says the body holds <esi:include>: parsing every body would
    # cost CPU for nothing. Surrogate-Control is for us alone, and left in place it would also
    # stop the builtin VCL from reading Cache-Control.
    if (beresp.http.Surrogate-Control ~ "ESI/1\.0") {
        unset beresp.http.Surrogate-Control;
        set beresp.do_esi = true;
    }

    # Text compresses to a fraction; gzip once here rather than on every delivery, when the
    # application did not already.
    if (!beresp.http.Content-Encoding &&
        beresp.http.Content-Type ~ "(?i)^(text/|application/([a-z.+-]*\+)?(json|xml|javascript)|image/svg\+xml)") {
        set beresp.do_gzip = true;
    }

    # A pass (editor, form post) is never stored: nothing more to decide.
    if (bereq.uncacheable) {
        return (deliver);
    }

    # stale-if-error: while the application fails, a background refetch that got a server error
    # is dropped and readers keep the stale copy instead of an error page.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }

    # Never cache what is made for one person. Hit-for-miss (not hit-for-pass) for two minutes:
    # those requests skip the cache, but a later cacheable answer is stored at once.
    if (beresp.http.Set-Cookie ||
        beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)" ||
        beresp.http.Vary == "*") {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }

    # A 404 (the story is not published yet) or an error must not outlive the fix for long,
    # whatever the application said; cached briefly so a spike on a missing or failing page
    # still reaches the application once per TTL, not once per reader.
    if (beresp.status >= 400) {
        call masthead_error_ttl;
        return (deliver);
    }

    # The application marks every public response; one it did not mark is not ours to guess
    # about.
    if (!beresp.http.Cache-Control && !beresp.http.Expires) {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }

    # Grace: how long past its TTL an object may still be served, to readers who arrive while it
    # refetches in the background (stale-while-revalidate) and to everyone while the application
    # is down (stale-if-error). Varnish has one window for both, so it takes the longer.
    if (beresp.http.Cache-Control ~ "(?i)stale-(while-revalidate|if-error)=[0-9]") {
        set beresp.grace = 0s;
        if (beresp.http.Cache-Control ~ "(?i)stale-while-revalidate=[0-9]") {
            set beresp.grace = std.duration(
                regsub(beresp.http.Cache-Control,
                       "(?i)^.*stale-while-revalidate=([0-9]+).*$", "\1s"),
                0s);
        }
        if (beresp.http.Cache-Control ~ "(?i)stale-if-error=[0-9]" &&
            std.duration(regsub(beresp.http.Cache-Control,
                                "(?i)^.*stale-if-error=([0-9]+).*$", "\1s"), 0s)
              > beresp.grace) {
            set beresp.grace = std.duration(
                regsub(beresp.http.Cache-Control, "(?i)^.*stale-if-error=([0-9]+).*$", "\1s"),
                0s);
        }
    } else {
        call masthead_default_grace;
    }

    # Past grace, keep the object a while longer to revalidate it with If-None-Match /
    # If-Modified-Since: a 304 costs the application far less than a page.
    if (beresp.http.ETag || beresp.http.Last-Modified) {
        set beresp.keep = 1h;
    }

    # A kept outer copy says on each answer how it was served (vcl_deliver); what the inner
    # tier said of it is only kept for what the outer tier passes.
    if (beresp.backend.name == "stitcher") {
        unset beresp.http.X-Cache;
    }
}

sub vcl_backend_error {
    # The application could not be reached: a background refetch leaves the stale copy in place
    # (stale-if-error) rather than replacing it with an error.
    if (bereq.is_bgfetch) {
        return (abandon);
    }
}

# ---------------------------------------------------------------------------------------------
# Delivery

sub vcl_deliver {
    if (local.socket == "stitch") {
        call masthead_stitch_deliver;
        return (deliver);
    }

    # X-Cache says how this response was served: the tests and the benchmark read it, and it
    # tells a developer at a glance why a page is (not) fresh. PASS: not from or for the cache.
    # What the outer tier does not keep, the inner tier's answer says (a page stitched for each
    # answer is a HIT there).
    if (!obj.uncacheable || !resp.http.X-Cache) {
        call masthead_x_cache;
    }

    # The keys are for the caches: they say what each page shows and are of no use to a
    # reader. The forms for CDNs never reach here (vcl_backend_response drops them from what
    # the outer tier is given); xkey stays in the object, which it is purged by. Via and
    # X-Varnish, which Varnish adds to each answer, only say which software answered.
    unset resp.http.xkey;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}

# To the outer tier: the keys stay, for the outer copy to be purged by.
sub masthead_stitch_deliver {
    call masthead_x_cache;
    if (obj.can_esi && !resp.http.xkey-includes) {
        set resp.http.X-Masthead-Stitch = "each answer";
    }
    # A page with includes is stitched from objects that each have their own validators: its
    # ETag and Last-Modified are the page's alone and stay the same when its latest-news block
    # changes, so a browser revalidating would be told 304 and keep showing an old block. The
    # stitched copy has none, and a reader revalidating it gets it again, from the cache.
    if (obj.can_esi) {
        unset resp.http.ETag;
        unset resp.http.Last-Modified;
        unset req.http.If-None-Match;
        unset req.http.If-Modified-Since;
    }
}

sub masthead_x_cache {
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
