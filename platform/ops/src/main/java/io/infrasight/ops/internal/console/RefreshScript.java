package io.infrasight.ops.internal.console;

/** The page's only script: inline, no external resources; replaces the tables every 2 s. */
final class RefreshScript {
    private RefreshScript() {
    }

    static final String SCRIPT = """
            <script>
            (function () {
              var box = document.getElementById('infrasight-status');
              if (!box || !window.fetch) { return; }
              var url = box.getAttribute('data-refresh');
              var busy = false;
              setInterval(function () {
                if (busy || document.hidden) { return; }
                busy = true;
                fetch(url, {credentials: 'same-origin', cache: 'no-store'})
                  .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.text(); })
                  .then(function (html) { box.innerHTML = html; })
                  .catch(function () { /* keep the last view; the next tick retries */ })
                  .then(function () { busy = false; });
              }, 2000);
            })();
            </script>
            """;
}
