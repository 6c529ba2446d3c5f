/* Searchable IATI codelist selects of the activity editor (no library).
 * Every <select class="iati-codelist"> with many options gets a search box just before it:
 * typing hides the options whose code and name do not contain the words typed (accents and
 * case ignored); the chosen option always stays visible. Rows added later by an InlinePanel
 * are set up too. */
(function () {
  "use strict";
  var MIN_OPTIONS = 15;

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function setUp(select) {
    if (select.dataset.iatiSearch === "on" || select.options.length < MIN_OPTIONS) return;
    if (select.closest("[id$='__prefix__'], template")) return;
    select.dataset.iatiSearch = "on";
    var box = document.createElement("input");
    box.type = "search";
    box.className = "iati-codelist-search";
    box.placeholder = select.dataset.searchLabel || "";
    box.setAttribute("aria-label", select.dataset.searchLabel || "");
    box.setAttribute("autocomplete", "off");
    box.addEventListener("input", function () {
      var words = fold(box.value).split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(select.options, function (option) {
        var text = fold(option.value + " " + option.text);
        var match = words.every(function (word) { return text.indexOf(word) !== -1; });
        option.hidden = !(match || option.selected || option.value === "");
      });
    });
    select.parentNode.insertBefore(box, select);
  }

  function scan(root) {
    if (!root.querySelectorAll) return;
    Array.prototype.forEach.call(root.querySelectorAll("select.iati-codelist"), setUp);
  }

  document.addEventListener("DOMContentLoaded", function () {
    scan(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        Array.prototype.forEach.call(mutation.addedNodes, scan);
      });
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
