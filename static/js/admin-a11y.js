/* Names for the admin's widgets that Django, Select2 and jQuery UI leave unnamed.
   Runs once the page is built and again whenever a row or a widget is added. */
(function () {
  "use strict";

  function labelText(label) {
    return label ? label.textContent.replace(/[:\s]+$/, "").trim() : "";
  }

  function ensureId(element, prefix) {
    if (!element.id) {
      ensureId.counter = (ensureId.counter || 0) + 1;
      element.id = prefix + ensureId.counter;
    }
    return element.id;
  }

  // jQuery UI tabs (modeltranslation): the <li> is the tab (focusable, keyboard-driven);
  // its link inside is a second focusable control that axe rightly calls nested. Keep the
  // element for jQuery UI's click handler but drop its href, and tell jQuery UI that a tab
  // without an address is a local one (its panel is named by the tab's aria-controls).
  function patchTabsWidget() {
    var jq = window.jQuery || (window.django && window.django.jQuery);
    if (!jq || !jq.ui || !jq.ui.tabs || jq.ui.tabs.prototype.crmPatched) return;
    var isLocal = jq.ui.tabs.prototype._isLocal;
    jq.ui.tabs.prototype._isLocal = function (anchor) {
      return (anchor && !anchor.hasAttribute("href")) || isLocal.apply(this, arguments);
    };
    jq.ui.tabs.prototype.crmPatched = true;
  }

  function fixTabs(root) {
    patchTabsWidget();
    root.querySelectorAll("li[role=tab] > a.ui-tabs-anchor[href]").forEach(function (anchor) {
      anchor.dataset.tabHref = anchor.getAttribute("href");
      anchor.removeAttribute("href");
      anchor.removeAttribute("tabindex");
    });
    root.querySelectorAll("select.modeltranslation-switch:not([aria-label])").forEach(function (select) {
      var meta = document.querySelector("meta[name=crm-language-switch-label]");
      select.setAttribute("aria-label", meta ? meta.content : "Language");
    });
  }

  // Select2 boxes: name the combobox by the field's label.
  function fixSelect2(root) {
    root.querySelectorAll("select.admin-autocomplete, select[data-select2-id]").forEach(function (select) {
      var container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) return;
      var combobox = container.querySelector("[role=combobox]");
      var label = select.id ? document.querySelector("label[for='" + select.id + "']") : null;
      // A multiple box's "clear all" button sits inside its list of choices, where a list
      // may hold only items: move it beside the list (Select2 handles its click by delegation).
      container.querySelectorAll("ul.select2-selection__rendered > .select2-selection__clear").forEach(function (clear) {
        clear.parentNode.parentNode.insertBefore(clear, clear.parentNode);
      });
      if (combobox && !label && select.getAttribute("aria-label") && !combobox.getAttribute("aria-label")) {
        // An inline table's box: named by its column, as fixUnnamed named the select.
        combobox.setAttribute("aria-label", select.getAttribute("aria-label"));
        var shown = combobox.querySelector(".select2-selection__rendered");
        if (shown) shown.setAttribute("aria-label", select.getAttribute("aria-label"));
        return;
      }
      if (!combobox || !label || combobox.dataset.crmNamed) return;
      var rendered = combobox.querySelector(".select2-selection__rendered");
      var labelId = ensureId(label, "crm-label-");
      combobox.setAttribute("aria-labelledby", rendered && rendered.id ? labelId + " " + rendered.id : labelId);
      // Select2 gives the chosen value's box a textbox role without a name.
      if (rendered) rendered.setAttribute("aria-labelledby", labelId);
      combobox.dataset.crmNamed = "1";
    });
  }

  // Any other field without a name: its row's label, its table column, or its own text.
  function fixUnnamed(root) {
    root.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (field) {
      if (field.getAttribute("aria-label") || field.getAttribute("aria-labelledby")) return;
      if (field.id && document.querySelector("label[for='" + field.id + "']")) return;
      if (field.closest("label")) return;
      var name = "";
      var cell = field.closest("td");
      var table = field.closest("table");
      if (cell && table && table.tHead) {
        var header = table.tHead.rows[0].cells[cell.cellIndex];
        name = header ? header.textContent.trim() : "";
      }
      var row = field.closest(".form-row, .fieldBox");
      if (!name && row) {
        name = labelText(row.querySelector("label"));
        var part = field.closest("p.datetime");
        if (part && name) {
          var before = field.previousSibling;
          var hint = before && before.nodeType === 3 ? before.textContent.replace(/[:\s]+$/, "").trim() : "";
          if (hint) name = name + " (" + hint + ")";
        }
      }
      if (name) field.setAttribute("aria-label", name);
    });
    // Django's "search" icons in the two-box selector are images without a role.
    root.querySelectorAll(".help-tooltip.search-label-icon[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function fixAll() {
    fixTabs(document);
    fixUnnamed(document);
    fixSelect2(document);
  }

  var scheduled = false;
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(function () {
      scheduled = false;
      fixAll();
    });
  }

  window.addEventListener("load", function () {
    fixAll();
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
  });
  document.addEventListener("formset:added", schedule);
})();
