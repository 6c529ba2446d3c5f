/* Suggestions as you type for every search box with data-suggest-url (the header's and the
   search page's). Debounced; the form works without this script. Titles are inserted with
   textContent, never as HTML. */
(function () {
  "use strict";
  var DELAY = 250;

  function setup(input) {
    var url = input.getAttribute("data-suggest-url");
    var list = document.createElement("ul");
    var timer = null;
    var last = "";
    var controller = null;
    list.className = "suggestions";
    list.id = input.id + "-suggestions";
    list.hidden = true;
    list.setAttribute("role", "listbox");
    input.setAttribute("role", "combobox"); // aria-expanded is not allowed on a plain searchbox
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.parentNode.style.position = "relative";
    input.insertAdjacentElement("afterend", list);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function show(items) {
      list.textContent = "";
      items.forEach(function (item) {
        var li = document.createElement("li");
        var link = document.createElement("a");
        var kind = document.createElement("small");
        li.setAttribute("role", "option");
        link.href = item.url;
        link.textContent = item.title + " ";
        kind.textContent = "(" + item.kind + ")";
        link.appendChild(kind);
        li.appendChild(link);
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      if (text === last) return;
      last = text;
      if (text.length < 2) { show([]); return; }
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(text), {
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined
      })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === text) show(data.suggestions || []); })
        .catch(function () { /* offline or aborted: the form still works */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && !list.hidden) {
        event.preventDefault();
        var first = list.querySelector("a");
        if (first) first.focus();
      } else if (event.key === "Escape") {
        close();
      }
    });
    list.addEventListener("keydown", function (event) {
      var current = document.activeElement.parentNode;
      if (event.key === "ArrowDown" && current.nextElementSibling) {
        event.preventDefault();
        current.nextElementSibling.querySelector("a").focus();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (current.previousElementSibling) current.previousElementSibling.querySelector("a").focus();
        else input.focus();
      } else if (event.key === "Escape") {
        close();
        input.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (event.target !== input && !list.contains(event.target)) close();
    });
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(setup);
})();
