// The circular's progress page: poll its JSON counts every two seconds until every row is
// settled, then reload once to show the delivery record. (The CSP forbids inline script.)
(function () {
  "use strict";
  var box = document.getElementById("circular-progress");
  if (!box || box.dataset.finished === "1") {
    return;
  }
  var url = box.dataset.progressUrl;
  var bar = document.getElementById("circular-progress-bar");

  function show(counts) {
    Object.keys(counts).forEach(function (name) {
      var cell = box.querySelector('[data-count="' + name + '"]');
      if (cell) {
        cell.textContent = String(counts[name]);
      }
    });
    if (bar) {
      bar.value = counts.percent;
      bar.textContent = counts.percent + " %";
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (counts) {
        if (!counts) {
          window.setTimeout(poll, 5000);
          return;
        }
        show(counts);
        if (counts.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, 1000);
})();
