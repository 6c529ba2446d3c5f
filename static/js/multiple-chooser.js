/* Multiple chooser of the admin (groups.choosers.OrganisationMultipleChooser).
 *
 * "Add" opens Wagtail's own chooser modal in multiple-selection mode (search + checkboxes), as
 * Wagtail's MultipleChooserPanel does; each chosen item becomes a row with a hidden input named
 * like the field and a "remove" button. Event delegation on the document: works in forms that
 * are inserted after the page loaded (multiple upload). No framework, no network of its own.
 */
(function () {
  "use strict";

  function emptyMessage(root) {
    var list = root.querySelector("[data-ptf-multichooser-list]");
    root.querySelector("[data-ptf-multichooser-empty]").hidden = list.children.length > 0;
  }

  function addItem(root, item) {
    var list = root.querySelector("[data-ptf-multichooser-list]");
    var id = String(item.id);
    if (list.querySelector('[data-id="' + CSS.escape(id) + '"]')) return;
    var row = document.createElement("li");
    row.className = "ptf-multichooser__item";
    row.dataset.id = id;
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = root.dataset.name;
    input.value = id;
    var label = document.createElement("span");
    label.textContent = item.string || item.title || id;
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "button button-small button-secondary";
    remove.setAttribute("data-ptf-multichooser-remove", "");
    remove.textContent = root.querySelector("[data-ptf-multichooser-remove-label]").content.textContent;
    row.append(input, label, " ", remove);
    list.append(row);
  }

  function factory(root) {
    if (!root._ptfChooser) {
      var definition = root.querySelector(':scope > script[type="application/json"]');
      root._ptfChooser = window.telepath.unpack(JSON.parse(definition.textContent));
    }
    return root._ptfChooser;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-ptf-multichooser-add], [data-ptf-multichooser-remove]");
    if (!button) return;
    var root = button.closest("[data-ptf-multichooser]");
    if (!root) return;
    event.preventDefault();
    if (button.hasAttribute("data-ptf-multichooser-remove")) {
      button.closest("li").remove();
      emptyMessage(root);
      root.dispatchEvent(new Event("change", { bubbles: true }));
      return;
    }
    factory(root).openModal(function (items) {
      [].concat(items).forEach(function (item) { addItem(root, item); });
      emptyMessage(root);
      root.dispatchEvent(new Event("change", { bubbles: true }));
    }, { multiple: true });
  });
})();
